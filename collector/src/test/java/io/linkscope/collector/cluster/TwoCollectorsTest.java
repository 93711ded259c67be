package io.linkscope.collector.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.cluster.CollectorView;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.stats.Totals;
import io.linkscope.api.workspace.ApiKeyCreated;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors on one MariaDB behave like one: a change made through either takes effect on the
 * other within a second (links edited and deleted, keys revoked), a click limit admits exactly its
 * number of visitors whichever collector they reach, a visitor seen by both counts once, the
 * rollups hold every stored click, and each collector lists both with itself marked.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TwoCollectorsTest {
  private static final String HUMAN =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";
  private static final Duration PROPAGATION = Duration.ofSeconds(1);
  private static final String APPLE = "apple-app-site-association";

  @TempDir static Path directory;
  private static TestDatabase database;
  private static TestCollector first;
  private static TestCollector second;

  @BeforeAll
  static void startTwoCollectors() throws Exception {
    database = TestDatabase.create();
    first =
        TestCollector.startOn(
            database,
            null,
            directory.resolve("first"),
            UnaryOperator.identity(),
            Clock.systemUTC());
    second =
        TestCollector.startOn(
            database,
            first.adminKey(),
            directory.resolve("second"),
            UnaryOperator.identity(),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
    database.close();
  }

  @Test
  void eachCollectorListsBothAndMarksItself() throws Exception {
    String firstId = first.collector().collectorId();
    String secondId = second.collector().collectorId();
    assertThat(firstId).isNotEqualTo(secondId);
    for (TestCollector asked : List.of(first, second)) {
      List<CollectorView> views = asked.client().collectors();
      assertThat(views).extracting(CollectorView::id).containsExactlyInAnyOrder(firstId, secondId);
      assertThat(views).allMatch(CollectorView::isUp);
      assertThat(views.stream().filter(CollectorView::self).map(CollectorView::id).toList())
          .containsExactly(asked.collector().collectorId());
      assertThat(views).allMatch(view -> !view.host().isBlank() && !view.version().isBlank());
    }
    try (Response health = first.send(first.request("/health").build());
        Response metrics = first.send(first.request("/metrics").build())) {
      assertThat(health.body().string()).contains("\"collectorId\":\"" + firstId + "\"");
      assertThat(metrics.body().string())
          .contains("linkscope_collector_info{id=\"" + firstId + "\"");
    }
  }

  @Test
  void aLinkEditedThroughOneRedirectsToItsNewTargetThroughTheOtherWithinASecond() throws Exception {
    LinkView link = first.client().createLink(link("edited", "https://a.example.com/0", null));
    assertThat(visit(second, "edited")).isEqualTo("https://a.example.com/0");
    List<Long> millis = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      String target = "https://a.example.com/" + i;
      JsonObject patch = new JsonObject();
      patch.addProperty("targetUrl", target);
      first.client().updateLink(link.id(), patch);
      millis.add(untilSeen(second, "edited", target));
    }
    millis.sort(null);
    long p50 = millis.get(millis.size() / 2);
    long p99 = millis.getLast();
    System.getLogger(TwoCollectorsTest.class.getName())
        .log(
            System.Logger.Level.INFO,
            "Link edit seen through the other collector after p50 {0} ms, max {1} ms (n={2})",
            p50,
            p99,
            millis.size());
    assertThat(p99).isLessThan(PROPAGATION.toMillis());
  }

  @Test
  void aLinkDeletedThroughOneStopsRedirectingThroughTheOtherWithinASecond() throws Exception {
    LinkView link = first.client().createLink(link("deleted", "https://b.example.com/", null));
    assertThat(visit(second, "deleted")).isEqualTo("https://b.example.com/");
    first.client().deleteLink(link.id());
    long started = System.nanoTime();
    while (status(second, "/deleted") == 302) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROPAGATION);
      Thread.sleep(10);
    }
    assertThat(status(second, "/deleted")).isEqualTo(404);
  }

  @Test
  void aKeyRevokedThroughOneIsRefusedByTheOtherWithinASecond() throws Exception {
    ApiKeyCreated created = first.client().createKey(new ApiKeyInput("contractor", "viewer"));
    LinkscopeClient onSecond = second.client(created.key());
    assertThat(onSecond.workspace().id()).isPositive();
    first.client().revokeKey(created.apiKey().id());
    long started = System.nanoTime();
    while (apiStatus(second, created.key()) == 200) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROPAGATION);
      Thread.sleep(10);
    }
    assertThat(apiStatus(second, created.key())).isEqualTo(401);
  }

  @Test
  void aWellKnownFileChangedThroughOneIsServedByTheOtherWithinASecond() throws Exception {
    String host = "apps.cluster.example";
    first.client().putWellKnownFile(APPLE, host, appleFile("com.example.one"));
    // The other collector serves the first version, and keeps it in memory.
    assertThat(served(second, host)).contains("com.example.one");
    first.client().putWellKnownFile(APPLE, host, appleFile("com.example.two"));
    long started = System.nanoTime();
    while (!served(second, host).contains("com.example.two")) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROPAGATION);
      Thread.sleep(10);
    }
    first.client().deleteWellKnownFile(APPLE, host);
    started = System.nanoTime();
    while (!served(second, host).isEmpty()) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROPAGATION);
      Thread.sleep(10);
    }
  }

  @Test
  void aPostbackSecretRotatedThroughOneSignsThroughTheOtherWithinASecond() throws Exception {
    long workspace = first.client().workspace().id();
    String old = first.client().postbackSecret().secret();
    // The other collector checks a postback with the old secret, and keeps the secret in memory.
    assertThat(postback(second, old, workspace, "before")).isEqualTo(202);
    String rotated;
    try (Response response =
        first.send(
            first
                .request("/api/v1/conversions/postback-secret")
                .header("Authorization", "Bearer " + first.adminKey())
                .post(RequestBody.create(new byte[0]))
                .build())) {
      assertThat(response.code()).isEqualTo(200);
      rotated =
          JsonParser.parseString(response.body().string())
              .getAsJsonObject()
              .get("secret")
              .getAsString();
    }
    assertThat(rotated).isNotEqualTo(old);
    long started = System.nanoTime();
    // Postbacks are limited per address (120 a minute by default): a try every 20 ms.
    for (int i = 0; postback(second, rotated, workspace, "after-" + i) != 202; i++) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROPAGATION);
      Thread.sleep(20);
    }
    assertThat(postback(second, old, workspace, "old-again")).isEqualTo(403);
  }

  /**
   * On a Galera cluster ids of several nodes interleave and a transaction may commit after one with
   * a larger id and a later time. Such a row (written here by hand: a smaller id than any before, a
   * time seconds back) is still read, since each poll reads the last seconds again.
   */
  @Test
  void aChangeThatCommitsLateWithASmallerIdAndAnEarlierTimeIsStillApplied() throws Exception {
    LinkView link = first.client().createLink(link("late", "https://f.example.com/old", null));
    assertThat(visit(second, "late")).isEqualTo("https://f.example.com/old");
    Thread.sleep(500); // the feed has read the link's creation and newer rows
    try (Connection c = database.connect();
        PreparedStatement update =
            c.prepareStatement("UPDATE link SET target_url = ? WHERE id = ?");
        PreparedStatement change =
            c.prepareStatement(
                "INSERT INTO change_log (id, changed_at, kind, workspace_id, entity_id)"
                    + " SELECT LEAST(0, MIN(id)) - 1, UTC_TIMESTAMP(6) - INTERVAL 3 SECOND,"
                    + " 'link', ?, ? FROM change_log")) {
      c.setAutoCommit(false);
      update.setString(1, "https://f.example.com/new");
      update.setLong(2, link.id());
      update.executeUpdate();
      change.setLong(1, first.client().workspace().id());
      change.setLong(2, link.id());
      change.executeUpdate();
      c.commit();
    }
    long started = System.nanoTime();
    assertThat(untilSeen(second, "late", "https://f.example.com/new"))
        .isLessThan(PROPAGATION.toMillis());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROPAGATION);
  }

  /**
   * The case: both collectors had the link cached before it got its limit, so the one that
   * did not set it knew no limit and let every visitor through. The change feed tells it.
   */
  @Test
  void aClickLimitSetThroughOneAdmitsExactlyThatManyVisitorsThroughBoth() throws Exception {
    String target = "https://c.example.com/offer";
    String soldOut = "https://c.example.com/sold-out";
    LinkView link = first.client().createLink(link("limited", target, soldOut));
    // Both collectors hold the link without a limit, as when the limit is set later.
    assertThat(visit(first, "limited")).isEqualTo(target);
    assertThat(visit(second, "limited")).isEqualTo(target);
    first.awaitBacklogDrained(Duration.ofSeconds(30));
    second.awaitBacklogDrained(Duration.ofSeconds(30));
    JsonObject patch = new JsonObject();
    patch.addProperty("maxClicks", 5); // two used already: three more
    first.client().updateLink(link.id(), patch);
    Thread.sleep(PROPAGATION.toMillis());
    int visitors = 40;
    List<Future<String>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < visitors; i++) {
        TestCollector through = i % 2 == 0 ? first : second;
        answers.add(pool.submit(() -> visit(through, "limited")));
      }
      int admitted = 0;
      int refused = 0;
      for (Future<String> answer : answers) {
        String location = answer.get(60, TimeUnit.SECONDS);
        if (location.equals(target)) {
          admitted++;
        } else if (location.equals(soldOut)) {
          refused++;
        }
      }
      assertThat(admitted).isEqualTo(3);
      assertThat(refused).isEqualTo(visitors - 3);
    }
  }

  @Test
  void aVisitorThroughBothCollectorsCountsOnceAndTheRollupsHoldEveryClick() throws Exception {
    LinkView link = first.client().createLink(link("shared", "https://d.example.com/", null));
    Instant from = Instant.now().minus(Duration.ofHours(1));
    int visitors = 60;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < visitors; i++) {
        TestCollector through = i % 2 == 0 ? first : second;
        // Thirty visitors, each through both collectors.
        String address = "203.0.113." + (i / 2 + 1);
        answers.add(pool.submit(() -> visit(through, "shared", address)));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo("https://d.example.com/");
      }
    }
    first.awaitBacklogDrained(Duration.ofSeconds(30));
    second.awaitBacklogDrained(Duration.ofSeconds(30));
    assertThat(storedClicks(link.id())).isEqualTo(new Totals(visitors, visitors / 2));
    Totals rollups =
        first
            .client()
            .statsSummary(StatsQuery.link(link.id(), from, Instant.now().plusSeconds(3600)))
            .current();
    assertThat(rollups).isEqualTo(new Totals(visitors, visitors / 2));
  }

  private static LinkInput link(String slug, String target, String fallback) {
    return LinkInput.builder()
        .slug(slug)
        .targetUrl(target)
        .fallbackUrl(fallback)
        .forwardQuery(false)
        .build();
  }

  /** Milliseconds until the collector redirects {@code slug} to {@code target}. */
  private static long untilSeen(TestCollector collector, String slug, String target)
      throws Exception {
    long started = System.nanoTime();
    while (!visit(collector, slug).equals(target)) {
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("the change seen through the other collector")
          .isLessThan(Duration.ofSeconds(5));
      Thread.sleep(5);
    }
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  private static String visit(TestCollector collector, String slug) throws Exception {
    return visit(collector, slug, "198.51.100.7");
  }

  private static String visit(TestCollector collector, String slug, String address)
      throws Exception {
    Request request =
        collector
            .request("/" + slug)
            .header("User-Agent", HUMAN)
            .header("X-Forwarded-For", address)
            .build();
    try (Response response = collector.send(request)) {
      assertThat(response.code()).as("answer to a visit of %s", slug).isEqualTo(302);
      return response.header("Location");
    }
  }

  private static int status(TestCollector collector, String path) throws Exception {
    try (Response response =
        collector.send(collector.request(path).header("User-Agent", HUMAN).build())) {
      return response.code();
    }
  }

  private static int apiStatus(TestCollector collector, String key) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/workspace")
                .header("Authorization", "Bearer " + key)
                .build())) {
      return response.code();
    }
  }

  private static JsonObject appleFile(String app) {
    return JsonParser.parseString(
            """
            {"applinks":{"details":[{"appIDs":["ABCDE12345.%s"],"components":[{"/":"/p/*"}]}]}}"""
                .formatted(app))
        .getAsJsonObject();
  }

  /** The file {@code collector} serves on {@code host}; empty when it answers 404. */
  private static String served(TestCollector collector, String host) throws Exception {
    try (Response response =
        collector.send(collector.request("/.well-known/" + APPLE).header("Host", host).build())) {
      if (response.code() == 404) {
        return "";
      }
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  /** The status of a postback of a made-up click through {@code collector}, signed with secret. */
  private static int postback(
      TestCollector collector, String secret, long workspace, String eventId) throws Exception {
    String clickId = UUID.randomUUID().toString();
    String message = String.join("\n", Long.toString(workspace), clickId, eventId, "buy", "", "");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    String signature = HexFormat.of().formatHex(mac.doFinal(message.getBytes(UTF_8)));
    String path =
        "/api/v1/postback/%d?click_id=%s&event_id=%s&event=buy&sig=%s"
            .formatted(workspace, clickId, eventId, signature);
    try (Response response = collector.send(collector.request(path).build())) {
      return response.code();
    }
  }

  /** The link's stored human clicks and how many of them are unique. */
  private static Totals storedClicks(long linkId) throws Exception {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(is_unique), 0) FROM click"
                    + " WHERE link_id = ? AND NOT bot")) {
      select.setLong(1, linkId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new Totals(row.getLong(1), row.getLong(2));
      }
    }
  }
}
