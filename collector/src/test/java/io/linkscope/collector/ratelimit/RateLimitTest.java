package io.linkscope.collector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.linkscope.api.ApiException;
import io.linkscope.api.Json;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.auth.Principal;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.testsupport.LogCapture;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits through the real collector, client and MariaDB, with small limits (5 requests a
 * minute per key, 3 postback calls a minute per visitor) so that a test reaches them.
 */
class RateLimitTest {
  @TempDir static Path directory;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    collector =
        TestCollector.start(
            directory, config -> config.withRateLimits(new RateLimits.Options(5, 3)));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void aKeyOverItsLimitGets429WithRetryAfterAndAnotherKeyIsUnaffected() throws Exception {
    // The admin key creates both keys: two of its five requests.
    LinkscopeClient admin = collector.client();
    String firstKey = admin.createKey(new ApiKeyInput("a", "viewer")).key();
    LinkscopeClient first = collector.client(firstKey);
    String secondKey = admin.createKey(new ApiKeyInput("b", "viewer")).key();
    for (int i = 0; i < 5; i++) {
      first.workspace();
    }
    assertThatThrownBy(first::workspace)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.error().error()).isEqualTo("rate_limited");
            });
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/workspace")
                .header("Authorization", "Bearer " + firstKey)
                .build())) {
      assertThat(response.code()).isEqualTo(429);
      long retryAfter = Long.parseLong(response.header("Retry-After"));
      assertThat(retryAfter).isBetween(1L, 60L);
      var body = Json.parseObject(response.body().string());
      assertThat(body.get("error").getAsString()).isEqualTo("rate_limited");
      assertThat(body.get("message").getAsString()).contains("try again in " + retryAfter + " s");
    }
    assertThat(collector.client(secondKey).workspace().slug()).isEqualTo("default");
  }

  @Test
  void thePostbackIsLimitedPerVisitor() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Response response = postbackFrom("203.0.113.7")) {
        assertThat(response.code()).as("unsigned, refused by the postback itself").isEqualTo(401);
      }
    }
    try (Response response = postbackFrom("203.0.113.7")) {
      assertThat(response.code()).isEqualTo(429);
      assertThat(response.header("Retry-After")).isNotNull();
      assertThat(Json.parseObject(response.body().string()).get("error").getAsString())
          .isEqualTo("rate_limited");
    }
    try (Response response = postbackFrom("198.51.100.9")) {
      assertThat(response.code()).as("another visitor").isEqualTo(401);
    }
  }

  @Test
  void aRedirectFloodIsNotLimited() throws Exception {
    LinkscopeClient writer = collector.client(collector.createWorkspaceKey("flood"));
    String slug = writer.createLink(LinkInput.to("https://example.com/flood")).slug();
    for (int i = 0; i < 300; i++) {
      try (Response response =
          collector.send(
              collector.request("/" + slug).header("X-Forwarded-For", "203.0.113.50").build())) {
        assertThat(response.code()).as("redirect %d", i).isEqualTo(302);
      }
    }
  }

  @Test
  void twoCollectorsOnOneDatabaseGrantAKeyItsLimitOnceBetweenThem() throws Exception {
    int limit = 10;
    int requests = 40;
    // A clock that stands still: no token comes back during the test, so the count is exact.
    SettableClock clock = new SettableClock(Instant.now());
    UnaryOperator<CollectorConfig> limited =
        config -> config.withRateLimits(new RateLimits.Options(limit, 0));
    try (TestDatabase database = TestDatabase.create();
        TestCollector first =
            TestCollector.startOn(database, null, directory.resolve("first"), limited, clock);
        TestCollector second =
            TestCollector.startOn(
                database, first.adminKey(), directory.resolve("second"), limited, clock);
        ExecutorService callers = Executors.newFixedThreadPool(8)) {
      String key = first.client().createKey(new ApiKeyInput("shared", "viewer")).key();
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        TestCollector collector = i % 2 == 0 ? first : second;
        answers.add(
            callers.submit(
                () -> {
                  try (Response response =
                      collector.send(
                          collector
                              .request("/api/v1/workspace")
                              .header("Authorization", "Bearer " + key)
                              .build())) {
                    return response.code();
                  }
                }));
      }
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<Integer> answer : answers) {
        byStatus.merge(answer.get(60, TimeUnit.SECONDS), 1, Integer::sum);
      }
      assertThat(byStatus).isEqualTo(Map.of(200, limit, 429, requests - limit));
      // A minute later the key has its whole limit again, on either collector.
      clock.set(clock.instant().plus(Duration.ofMinutes(1)));
      for (int i = 0; i < limit; i++) {
        assertThat((i % 2 == 0 ? first : second).client(key).workspace().slug())
            .isEqualTo("default");
      }
      assertThatThrownBy(() -> second.client(key).workspace())
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
    }
  }

  @Test
  void keysAreCountedLocallyWhileTheDatabaseIsDownAndSharedAgainAfterwards() throws Exception {
    SettableClock clock = new SettableClock(Instant.now());
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url());
        Database db =
            Database.open(proxy.jdbcUrl(database.url()), database.user(), database.password(), 2);
        LogCapture log = LogCapture.start()) {
      RateLimits limits =
          new RateLimits(
              new RateLimits.Options(3, 0), IpRanges.parse(List.of()), clock, db.dataSource());
      Principal shared = new Principal(1, 1, Role.VIEWER);
      assertThat(taken(limits, shared, 5)).isEqualTo(3);
      assertThat(limits.countingLocally()).isFalse();

      proxy.cut();
      Principal duringOutage = new Principal(1, 2, Role.VIEWER);
      assertThat(taken(limits, duringOutage, 5)).as("never failed, held locally").isEqualTo(3);
      assertThat(limits.countingLocally()).isTrue();
      assertThat(limits.key(shared)).as("a refusal is remembered").isPositive();

      proxy.restore();
      // The first request after the network is back may still draw a pooled connection that broke
      // with it; the limiter then asks again a RETRY later, as it does during an outage.
      Principal probe = new Principal(1, 9, Role.VIEWER);
      for (int attempt = 0; attempt < 5; attempt++) {
        clock.set(clock.instant().plus(RateLimits.RETRY));
        limits.key(probe);
        if (!limits.countingLocally()) {
          break;
        }
      }
      assertThat(limits.countingLocally()).as("shared again once MariaDB answers").isFalse();
      Principal afterwards = new Principal(1, 3, Role.VIEWER);
      assertThat(taken(limits, afterwards, 5)).isEqualTo(3);
      assertThat(limits.countingLocally()).isFalse();
      try (Connection c = database.connect();
          ResultSet rows =
              c.createStatement().executeQuery("SELECT key_id FROM rate_limit_bucket ORDER BY 1")) {
        List<Long> keys = new ArrayList<>();
        while (rows.next()) {
          keys.add(rows.getLong(1));
        }
        assertThat(keys)
            .as("the outage's key was counted in memory only")
            .containsExactly(1L, 3L, 9L);
      }
      assertThat(log.from(RateLimits.class))
          .as("said once when it started and once when it ended")
          .hasSize(2)
          .satisfiesExactly(
              start -> assertThat(start).startsWith("WARN").contains("this collector alone"),
              end -> assertThat(end).startsWith("INFO").contains("in MariaDB again"));
    }
  }

  @Test
  void aDatabaseThatStopsAnsweringHoldsNoRequest() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url());
        Database db =
            Database.open(proxy.jdbcUrl(database.url()), database.user(), database.password(), 2)) {
      RateLimits limits =
          new RateLimits(
              new RateLimits.Options(100, 0),
              IpRanges.parse(List.of()),
              Clock.systemUTC(),
              db.dataSource());
      Principal key = new Principal(1, 1, Role.VIEWER);
      assertThat(limits.key(key)).isZero();
      // The host goes silent mid-statement: no answer, no closed connection.
      proxy.freezeBefore("rate_limit_bucket");
      assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThat(limits.key(key)).isZero());
      assertThat(proxy.awaitFrozen(Duration.ofSeconds(1))).isTrue();
      assertThat(limits.countingLocally()).isTrue();
    }
  }

  /** How many of {@code calls} requests of the key's the limits let through. */
  private static int taken(RateLimits limits, Principal principal, int calls) {
    int taken = 0;
    for (int i = 0; i < calls; i++) {
      if (limits.key(principal).isZero()) {
        taken++;
      }
    }
    return taken;
  }

  private static Response postbackFrom(String address) throws Exception {
    return collector.send(
        collector
            .request("/api/v1/postback/1?click_id=x&event_id=e1&event=sale")
            .header("X-Forwarded-For", address)
            .build());
  }
}
