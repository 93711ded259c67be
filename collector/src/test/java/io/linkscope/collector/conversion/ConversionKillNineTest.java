package io.linkscope.collector.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.testsupport.ChildCollector;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector process killed with SIGKILL while conversions arrive, then started again on the
 * same journal and database: every conversion it answered 2xx to is stored exactly once with what
 * was sent, none is invented, and a conversion sent twice is one row; also when the restart replays
 * the whole journal (checkpoint lost), conversions stored before the kill included.
 */
class ConversionKillNineTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path directory;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyAnsweredConversionIsStoredOnceAfterSigkillUnderLoad() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      String key = ChildCollector.prepare(database);
      ChildCollector first = ChildCollector.start(directory, database.url(), key);
      Load load = Load.start(first.baseUrl(), key, "k9", 8);
      load.awaitAnswered(1_500, Duration.ofSeconds(90));
      int exit = first.kill();
      load.stop();
      assertThat(exit).as("killed by SIGKILL").isEqualTo(128 + 9);
      // The worst replay as well: the checkpoint lost, so the restart stores the whole journal
      // again, conversions stored before the kill included.
      try (Connection c = database.connect();
          Statement s = c.createStatement()) {
        assertThat(stored(c, "k9")).as("stored before the kill").isNotEmpty();
        s.executeUpdate("DELETE FROM conversion_checkpoint");
      }

      try (ChildCollector second = ChildCollector.start(directory, database.url(), key)) {
        assertStoredExactlyOnce(database, load, "k9");
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void conversionsAnsweredWhileMariaDbWasAwaySurviveSigkill() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      String key = ChildCollector.prepare(database);
      String dbUrl = proxy.jdbcUrl(database.url());
      ChildCollector first = ChildCollector.start(directory, dbUrl, key);
      // One conversion before the outage, so that the collector knows the key (it keeps keys it
      // checked in memory for a while).
      Load warm = Load.start(first.baseUrl(), key, "warm", 1);
      warm.awaitAnswered(1, Duration.ofSeconds(30));
      warm.stop();
      proxy.cut();
      Load load = Load.start(first.baseUrl(), key, "away", 4);
      load.awaitAnswered(200, Duration.ofSeconds(20));
      // Named once the first attempt to store them has failed (the pool waits 2 s for a
      // connection), whatever else is failing meanwhile.
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      String problems = first.health().get("problems").toString();
      while (!problems.contains("conversions: conversions cannot be stored")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
        problems = first.health().get("problems").toString();
      }
      assertThat(problems)
          .as("/health names the conversions waiting")
          .contains("conversions: conversions cannot be stored");
      first.kill();
      load.stop();
      try (Connection c = database.connect()) {
        assertThat(stored(c, "away")).as("nothing reached MariaDB during the outage").isEmpty();
      }

      proxy.restore();
      try (ChildCollector second = ChildCollector.start(directory, dbUrl, key)) {
        assertStoredExactlyOnce(database, load, "away");
      }
    }
  }

  private static void assertStoredExactlyOnce(TestDatabase database, Load load, String prefix)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection c = database.connect()) {
      Map<String, Row> stored = stored(c, prefix);
      while (!stored.keySet().containsAll(load.answered.keySet())) {
        assertThat(System.nanoTime())
            .as(
                "answered conversions stored in time (%d of %d)",
                stored.size(), load.answered.size())
            .isLessThan(deadline);
        Thread.sleep(100);
        stored = stored(c, prefix);
      }
      assertThat(load.answered.size()).isGreaterThanOrEqualTo(200);
      assertThat(load.failures.get()).as("answers other than 2xx or a refused connection").isZero();
      // Nothing invented: whatever is stored was sent (sent but unanswered may or may not be).
      assertThat(load.sent.keySet()).containsAll(stored.keySet());
      for (Map.Entry<String, Row> entry : stored.entrySet()) {
        assertThat(entry.getValue().count()).as("rows of " + entry.getKey()).isEqualTo(1);
        assertThat(entry.getValue().clickId()).isEqualTo(load.sent.get(entry.getKey()));
      }
    }
  }

  private record Row(long count, UUID clickId) {}

  private static Map<String, Row> stored(Connection c, String prefix) throws SQLException {
    Map<String, Row> rows = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet row =
            s.executeQuery(
                "SELECT event_id, COUNT(*), MIN(HEX(click_id)) FROM conversion"
                    + " WHERE event_id LIKE '"
                    + prefix
                    + "-%' GROUP BY event_id")) {
      while (row.next()) {
        String hex = row.getString(3);
        UUID id =
            new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
        rows.put(row.getString(1), new Row(row.getLong(2), id));
      }
    }
    return rows;
  }

  /**
   * Threads that report conversions, each twice (a sender's retry), remembering what was sent and
   * what was answered with 2xx.
   */
  private static final class Load {
    final Map<String, UUID> sent = new ConcurrentHashMap<>();
    final Map<String, Boolean> answered = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    static Load start(String baseUrl, String key, String prefix, int threads) {
      Load load = new Load();
      OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        load.threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int n = 0; load.running.get(); n++) {
                        String eventId = prefix + "-" + thread + "-" + n;
                        UUID clickId = UUID.randomUUID();
                        load.sent.put(eventId, clickId);
                        String body =
                            "{\"eventId\":\"%s\",\"clickId\":\"%s\",\"event\":\"purchase\"}"
                                .formatted(eventId, clickId);
                        for (int attempt = 0; attempt < 2 && load.running.get(); attempt++) {
                          Request request =
                              new Request.Builder()
                                  .url(baseUrl + "/api/v1/conversions")
                                  .header("Authorization", "Bearer " + key)
                                  .post(RequestBody.create(body, JSON))
                                  .build();
                          try (Response response = http.newCall(request).execute()) {
                            if (response.code() == 200 || response.code() == 202) {
                              load.answered.put(eventId, true);
                            } else {
                              load.failures.incrementAndGet();
                            }
                          } catch (java.io.IOException e) {
                            // The collector was killed: no answer, no promise.
                          }
                        }
                      }
                    }));
      }
      return load;
    }

    void awaitAnswered(int count, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (answered.size() < count) {
        assertThat(System.nanoTime())
            .as("answered in time: " + answered.size())
            .isLessThan(deadline);
        Thread.sleep(10);
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    }
  }
}
