package io.linkscope.collector.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.ChildCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector killed with SIGKILL while conversions of stored clicks arrive, then started again
 * with its conversion checkpoint lost, so that it stores the whole conversion journal again: the
 * fold still counts every stored conversion exactly once (its totals equal the raw rows').
 */
class ConversionFoldKillNineTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path directory;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theFoldCountsEachConversionOnceAfterSigkillAndAFullReplay() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      String key = ChildCollector.prepare(database);
      ChildCollector first = ChildCollector.start(directory, database.url(), key);
      LinkView link =
          first
              .client()
              .createLink(
                  LinkInput.to("https://shop.example.com/k9")
                      .withSlug("fold-k9")
                      .withClickIdParam("lsclid"));
      OkHttpClient http =
          new OkHttpClient.Builder().followRedirects(false).retryOnConnectionFailure(false).build();
      List<String> clicks = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Request visit =
            new Request.Builder()
                .url(first.baseUrl() + "/" + link.slug())
                .header("X-Forwarded-For", "198.51.100." + (i + 1))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0")
                .build();
        try (Response response = http.newCall(visit).execute()) {
          assertThat(response.code()).isEqualTo(302);
          String location = response.header("Location");
          clicks.add(location.substring(location.indexOf("lsclid=") + "lsclid=".length()));
        }
      }
      first.awaitBacklogDrained(Duration.ofSeconds(60));

      Map<String, Boolean> answered = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int thread = t;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int n = 0; running.get(); n++) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        String eventId = "fk9-" + thread + "-" + n;
                        String body =
                            "{\"eventId\":\"%s\",\"clickId\":\"%s\",\"event\":\"%s\",\"value\":1.25,\"currency\":\"EUR\"}"
                                .formatted(
                                    eventId,
                                    clicks.get(random.nextInt(clicks.size())),
                                    random.nextBoolean() ? "purchase" : "signup");
                        for (int attempt = 0; attempt < 2 && running.get(); attempt++) {
                          Request request =
                              new Request.Builder()
                                  .url(first.baseUrl() + "/api/v1/conversions")
                                  .header("Authorization", "Bearer " + key)
                                  .post(RequestBody.create(body, JSON))
                                  .build();
                          try (Response response = http.newCall(request).execute()) {
                            if (response.code() == 200 || response.code() == 202) {
                              answered.put(eventId, true);
                            }
                          } catch (java.io.IOException e) {
                            // Killed: no answer, no promise.
                          }
                        }
                      }
                    }));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (answered.size() < 1_000) {
        assertThat(System.nanoTime()).as("answered in time").isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(first.kill()).as("killed by SIGKILL").isEqualTo(128 + 9);
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
      try (Connection c = database.connect();
          Statement s = c.createStatement()) {
        assertThat(count(s, "SELECT COUNT(*) FROM conversion WHERE folded"))
            .as("folded before the kill")
            .isPositive();
        s.executeUpdate("DELETE FROM conversion_checkpoint");
      }

      try (ChildCollector second = ChildCollector.start(directory, database.url(), key);
          Connection c = database.connect();
          Statement s = c.createStatement()) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(s, "SELECT COUNT(*) FROM conversion WHERE event_id LIKE 'fk9-%'")
                < answered.size()
            || count(s, "SELECT COUNT(*) FROM conversion WHERE NOT folded") > 0) {
          assertThat(System.nanoTime()).as("stored and folded in time").isLessThan(until);
          Thread.sleep(100);
        }
        String raw =
            """
            FROM conversion cv JOIN click k ON k.click_id = cv.click_id
            WHERE k.link_id = %d AND NOT k.bot
            """
                .formatted(link.id());
        String fold = "FROM conversion_fold WHERE link_id = " + link.id();
        assertThat(count(s, "SELECT SUM(conversions) " + fold))
            .isEqualTo(count(s, "SELECT COUNT(*) " + raw))
            .isGreaterThanOrEqualTo(answered.size());
        assertThat(count(s, "SELECT SUM(first_conversions) " + fold))
            .isEqualTo(count(s, "SELECT COUNT(DISTINCT cv.click_id) " + raw));
        assertThat(count(s, "SELECT SUM(converted_clicks) " + fold))
            .isEqualTo(count(s, "SELECT COUNT(DISTINCT cv.click_id, cv.event_name) " + raw));
        assertThat(count(s, "SELECT SUM(revenue) * 100 " + fold))
            .isEqualTo(count(s, "SELECT SUM(cv.value) * 100 " + raw));
      }
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet row = s.executeQuery(sql)) {
      return row.next() ? row.getLong(1) : 0;
    }
  }
}
