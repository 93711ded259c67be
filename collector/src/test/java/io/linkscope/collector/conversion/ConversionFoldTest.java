package io.linkscope.collector.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion fold against the raw rows: a conversion stored before its click is counted once
 * the click is stored, and on a random dataset spread over days every report (by link, source,
 * campaign, variant; with and without an event; ranges cutting hours) and the experiment equal what
 * the raw clicks and conversions give.
 */
class ConversionFoldTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";
  private static final Instant START = Instant.parse("2026-05-04T08:20:00Z");

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(START);
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void aConversionStoredBeforeItsClickCountsOnceTheClickIsStored() throws Exception {
    clock.set(Instant.parse("2026-06-10T10:10:00Z"));
    String key = collector.createWorkspaceKey("fold-late");
    LinkView link =
        collector
            .client(key)
            .createLink(
                LinkInput.to("https://shop.example.com/late")
                    .withSlug("fold-late")
                    .withClickIdParam("lsclid"));
    String clickId;
    try (Connection lock = collector.database().connect()) {
      // The click pipeline's transaction waits on this row (the link's click total) until the
      // conversion is stored.
      lock.setAutoCommit(false);
      try (PreparedStatement s =
          lock.prepareStatement("SELECT id FROM link WHERE id = ? FOR UPDATE")) {
        s.setLong(1, link.id());
        s.executeQuery().close();
      }
      clickId = clickIdOf(visit("/fold-late?utm_campaign=late", 1, null));
      report(key, "late-1", clickId, "purchase", "9.50", "EUR");
      ConversionApiTest.awaitStored(collector, "late-1");
      try (Connection c = collector.database().connect()) {
        assertThat(count(c, "SELECT COUNT(*) FROM click WHERE click_id = UNHEX(?)", hex(clickId)))
            .as("the click is not stored yet")
            .isZero();
        assertThat(count(c, "SELECT COUNT(*) FROM conversion WHERE event_id = 'late-1' AND folded"))
            .isZero();
      }
      lock.rollback();
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    String path =
        "/api/v1/stats/conversions?by=campaign&link="
            + link.id()
            + "&from=2026-06-10T00:00:00Z&to=2026-06-10T12:00:00Z";
    JsonObject report =
        awaitReport(key, path, r -> r.getAsJsonObject("total").get("conversions").getAsLong() == 1);
    JsonObject late = rows(report).get("late");
    assertThat(late.get("clicks").getAsLong()).isEqualTo(1);
    assertThat(late.get("convertedClicks").getAsLong()).isEqualTo(1);
    assertThat(late.get("conversions").getAsLong()).isEqualTo(1);
    assertThat(late.get("revenue").getAsBigDecimal()).isEqualByComparingTo("9.50");
    assertThat(report.get("unattributed").getAsLong()).isZero();
    // Sent again (a retry), it is neither stored nor folded twice.
    report(key, "late-1", clickId, "purchase", "9.50", "EUR");
    report(key, "late-2", clickId, "signup", null, null);
    ConversionApiTest.awaitStored(collector, "late-2");
    JsonObject again =
        awaitReport(key, path, r -> r.getAsJsonObject("total").get("conversions").getAsLong() == 2);
    assertThat(rows(again).get("late").get("convertedClicks").getAsLong()).isEqualTo(1);
    try (Connection c = collector.database().connect()) {
      assertThat(
              count(c, "SELECT SUM(conversions) FROM conversion_fold WHERE link_id = " + link.id()))
          .isEqualTo(2);
    }
  }

  @Test
  void reportsFromTheFoldEqualTheRawRowsOnARandomDataset() throws Exception {
    clock.set(START);
    String key = collector.createWorkspaceKey("fold-random");
    var client = collector.client(key);
    List<LinkView> links = new ArrayList<>();
    links.add(
        client.createLink(
            LinkInput.to("https://shop.example.com/split")
                .withSlug("fold-split")
                .withClickIdParam("lsclid")
                .withRouting(
                    null,
                    List.of(
                        Variant.of("https://shop.example.com/a", 50),
                        Variant.of("https://shop.example.com/b", 50)))));
    for (String slug : List.of("fold-one", "fold-two")) {
      links.add(
          client.createLink(
              LinkInput.to("https://shop.example.com/" + slug)
                  .withSlug(slug)
                  .withClickIdParam("lsclid")));
    }
    Random random = new Random(20261205);
    String[] campaigns = {"spring", "fall", ""};
    String[] referrers = {"https://www.instagram.com/", "https://www.facebook.com/", null};
    String[] events = {"purchase", "signup", "upsell"};
    List<String> clicks = new ArrayList<>();
    int sent = 0;
    for (int i = 0; i < 240; i++) {
      clock.set(START.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60))));
      LinkView link = links.get(random.nextInt(links.size()));
      String campaign = campaigns[random.nextInt(campaigns.length)];
      String path = "/" + link.slug() + (campaign.isEmpty() ? "" : "?utm_campaign=" + campaign);
      clicks.add(clickIdOf(visit(path, i, referrers[random.nextInt(referrers.length)])));
    }
    Instant end = START.plus(Duration.ofDays(4));
    clock.set(end);
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    for (int i = 0; i < 300; i++) {
      sendRandomConversion(key, random, clicks, events, sent++);
    }
    ConversionApiTest.awaitStored(collector, "rnd-" + (sent - 1));
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    awaitFolded();

    List<String[]> ranges =
        List.of(
            new String[] {null, null},
            new String[] {START.minus(Duration.ofDays(1)).toString(), end.toString()},
            new String[] {
              START.plus(Duration.ofMinutes(24 * 60 + 17)).toString(),
              START.plus(Duration.ofMinutes(2 * 24 * 60 + 41)).toString()
            },
            new String[] {
              START.plus(Duration.ofMinutes(100)).toString(),
              START.plus(Duration.ofMinutes(130)).toString()
            },
            new String[] {"2026-05-05T00:00:00Z", "2026-05-07T00:00:00Z"});
    long workspace = workspaceId(links.getFirst().id());
    for (String[] range : ranges) {
      Instant from = range[0] == null ? end.minus(Duration.ofDays(30)) : Instant.parse(range[0]);
      Instant to = range[1] == null ? end : Instant.parse(range[1]);
      for (String by : List.of("link", "source", "campaign", "variant")) {
        for (String event : new String[] {null, "purchase"}) {
          for (Long link : new Long[] {null, links.getFirst().id()}) {
            StringBuilder path = new StringBuilder("/api/v1/stats/conversions?by=" + by);
            if (range[0] != null) {
              path.append("&from=").append(range[0]).append("&to=").append(range[1]);
            }
            if (event != null) {
              path.append("&event=").append(event);
            }
            if (link != null) {
              path.append("&link=").append(link);
            }
            JsonObject report = get(key, path.toString());
            Map<String, String> expected = raw(workspace, by, event, link, from, to);
            Map<String, String> actual = new TreeMap<>();
            for (JsonElement row : report.getAsJsonArray("rows")) {
              actual.put(
                  row.getAsJsonObject().get("value").getAsString(),
                  describe(row.getAsJsonObject()));
            }
            assertThat(actual).as(path.toString()).isEqualTo(expected);
          }
        }
      }
    }

    // The experiment of the split link over all its clicks.
    LinkView split = links.getFirst();
    JsonObject experiment = get(key, "/api/v1/links/" + split.id() + "/experiment");
    Map<String, String> arms = new TreeMap<>();
    for (JsonElement arm : experiment.getAsJsonArray("variants")) {
      JsonObject a = arm.getAsJsonObject();
      arms.put(
          a.get("key").getAsString(),
          a.get("clicks").getAsLong() + "/" + a.get("conversions").getAsLong());
    }
    assertThat(arms).isEqualTo(rawArms(workspace, split.id()));
  }

  private static void sendRandomConversion(
      String key, Random random, List<String> clicks, String[] events, int n) throws Exception {
    String clickId =
        random.nextInt(10) == 0
            ? UUID.randomUUID().toString()
            : clicks.get(random.nextInt(clicks.size()));
    String event = events[random.nextInt(events.length)];
    int money = random.nextInt(4);
    String value = money == 0 ? null : (random.nextInt(5000) / 100.0) + "";
    String currency = money == 0 ? null : money == 3 ? "USD" : "EUR";
    report(key, "rnd-" + n, clickId, event, value, currency);
    if (random.nextInt(10) == 0) {
      report(key, "rnd-" + n, clickId, event, value, currency);
    }
  }

  /** The report's rows computed from the raw clicks and conversions, as before the fold. */
  private static Map<String, String> raw(
      long workspace,
      String by,
      @Nullable String event,
      @Nullable Long link,
      Instant from,
      Instant to)
      throws SQLException {
    String group =
        switch (by) {
          case "link" -> "CAST(k.link_id AS CHAR)";
          case "source" -> "k.referrer_source";
          case "campaign" -> "k.utm_campaign";
          default -> "COALESCE(k.destination_key, 'target')";
        };
    String sql =
        "SELECT "
            + group
            + """
             AS v, COUNT(*) AS clicks, COUNT(cv.click_id) AS converted,
              COALESCE(SUM(cv.n), 0) AS conversions, SUM(cv.revenue) AS revenue,
              MIN(cv.low_currency) AS low_currency, MAX(cv.high_currency) AS high_currency
            FROM click k LEFT JOIN (
              SELECT click_id, COUNT(*) AS n, SUM(value) AS revenue,
                MIN(currency) AS low_currency, MAX(currency) AS high_currency
              FROM conversion WHERE workspace_id = ? AND (? IS NULL OR event_name = ?)
              GROUP BY click_id) cv ON cv.click_id = k.click_id
            WHERE k.workspace_id = ? AND k.kind = 1 AND NOT k.bot
              AND k.clicked_at >= ? AND k.clicked_at < ? AND (? IS NULL OR k.link_id = ?)
            GROUP BY v
            """;
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = collector.database().connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, workspace);
      s.setString(2, event);
      s.setString(3, event);
      s.setLong(4, workspace);
      s.setTimestamp(5, Timestamp.from(from));
      s.setTimestamp(6, Timestamp.from(to));
      s.setObject(7, link);
      s.setObject(8, link);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          String low = row.getString("low_currency");
          String high = row.getString("high_currency");
          boolean mixed = low != null && !low.equals(high);
          BigDecimal revenue = row.getBigDecimal("revenue");
          long clicks = row.getLong("clicks");
          long converted = row.getLong("converted");
          rows.put(
              row.getString("v") == null ? "" : row.getString("v"),
              clicks
                  + " clicks, "
                  + converted
                  + " converted, "
                  + row.getLong("conversions")
                  + " conversions, rate "
                  + (clicks == 0
                      ? null
                      : Math.round((double) converted / clicks * 10_000) / 10_000.0)
                  + ", revenue "
                  + (mixed || revenue == null ? null : revenue.setScale(2, RoundingMode.HALF_UP))
                  + " "
                  + (mixed ? "mixed" : low == null ? "" : low));
        }
      }
    }
    return rows;
  }

  private static String describe(JsonObject row) {
    JsonElement rate = row.get("conversionRate");
    JsonElement revenue = row.get("revenue");
    return row.get("clicks").getAsLong()
        + " clicks, "
        + row.get("convertedClicks").getAsLong()
        + " converted, "
        + row.get("conversions").getAsLong()
        + " conversions, rate "
        + (rate == null || rate.isJsonNull() ? null : rate.getAsDouble())
        + ", revenue "
        + (revenue == null || revenue.isJsonNull()
            ? null
            : revenue.getAsBigDecimal().setScale(2, RoundingMode.HALF_UP))
        + " "
        + row.get("currency").getAsString();
  }

  private static Map<String, String> rawArms(long workspace, long linkId) throws SQLException {
    Map<String, String> arms = new TreeMap<>();
    try (Connection c = collector.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                """
                SELECT k.destination_key, COUNT(*), COUNT(cv.click_id)
                FROM click k LEFT JOIN (
                  SELECT DISTINCT click_id FROM conversion WHERE workspace_id = ?) cv
                  ON cv.click_id = k.click_id
                WHERE k.link_id = ? AND k.kind = 1 AND NOT k.bot
                  AND k.destination_key IS NOT NULL
                GROUP BY k.destination_key
                """)) {
      s.setLong(1, workspace);
      s.setLong(2, linkId);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          arms.put(row.getString(1), row.getLong(2) + "/" + row.getLong(3));
        }
      }
    }
    return arms;
  }

  /** Waits until every conversion whose click is stored is folded. */
  private static void awaitFolded() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = collector.database().connect()) {
      while (count(
              c,
              """
              SELECT COUNT(*) FROM conversion cv JOIN click k
                ON k.click_id = cv.click_id AND k.workspace_id = cv.workspace_id
              WHERE NOT cv.folded
              """)
          > 0) {
        assertThat(System.nanoTime()).as("folded in time").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  private static JsonObject awaitReport(
      String key, String path, java.util.function.Predicate<JsonObject> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonObject report = get(key, path);
      if (done.test(report)) {
        return report;
      }
      assertThat(System.nanoTime()).as("report in time: " + report).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static long workspaceId(long linkId) throws SQLException {
    try (Connection c = collector.database().connect()) {
      return count(c, "SELECT workspace_id FROM link WHERE id = " + linkId);
    }
  }

  private static long count(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet row = s.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  private static String hex(String uuid) {
    return uuid.replace("-", "");
  }

  private static String visit(String path, int visitor, @Nullable String referrer)
      throws Exception {
    Request.Builder request =
        collector
            .request(path)
            .header("X-Forwarded-For", "198.51.100." + (visitor % 250 + 1))
            .header("User-Agent", BROWSER);
    if (referrer != null) {
      request.header("Referer", referrer);
    }
    try (Response response = collector.send(request.build())) {
      assertThat(response.code()).isEqualTo(302);
      return response.header("Location");
    }
  }

  private static String clickIdOf(String location) {
    String id = location.substring(location.indexOf("lsclid=") + "lsclid=".length());
    return UUID.fromString(id).toString();
  }

  private static void report(
      String key,
      String eventId,
      String clickId,
      String event,
      @Nullable String value,
      @Nullable String currency)
      throws Exception {
    String money =
        value == null ? "" : ",\"value\":" + value + ",\"currency\":\"" + currency + "\"";
    String body =
        "{\"eventId\":\"%s\",\"clickId\":\"%s\",\"event\":\"%s\"%s}"
            .formatted(eventId, clickId, event, money);
    Request request =
        collector
            .request("/api/v1/conversions")
            .header("Authorization", "Bearer " + key)
            .post(RequestBody.create(body, JSON))
            .build();
    try (Response response = collector.send(request)) {
      assertThat(response.code()).as(body).isBetween(200, 202);
    }
  }

  private static JsonObject get(String key, String path) throws Exception {
    Request request = collector.request(path).header("Authorization", "Bearer " + key).build();
    try (Response response = collector.send(request)) {
      String text = response.body().string();
      assertThat(response.code()).as(path + ": " + text).isEqualTo(200);
      return JsonParser.parseString(text).getAsJsonObject();
    }
  }

  private static Map<String, JsonObject> rows(JsonObject report) {
    Map<String, JsonObject> rows = new TreeMap<>();
    for (JsonElement row : report.getAsJsonArray("rows")) {
      rows.put(row.getAsJsonObject().get("value").getAsString(), row.getAsJsonObject());
    }
    return rows;
  }
}
