package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.testsupport.ClickAudit;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another session holds a lock the pipeline needs: {@code /health} names that session and how long
 * it has been idle instead of calling MariaDB unreachable, {@code /metrics} counts the waits, and
 * once the lock is released every click is stored exactly once.
 */
class LockWaitTest {
  @TempDir Path directory;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void namesTheIdleSessionWhoseLockThePipelineWaitsOnAndCountsTheWaits() throws Exception {
    // Lock waits end in error 1205 after 2 s here, so the test sees both a wait and its timeout.
    try (TestCollector collector =
            TestCollector.start(
                directory,
                config ->
                    config.withDatabase(
                        config.database().url() + "?sessionVariables=innodb_lock_wait_timeout=2",
                        config.database().user(),
                        ""));
        Connection holder = collector.database().connect();
        Statement s = holder.createStatement()) {
      collector.client().createLink(LinkInput.to("https://shop.example.com/l").withSlug("locked"));
      try (ClickLoad warm = ClickLoad.start(collector.baseUrl(), "locked", "warm", 1)) {
        warm.awaitRedirected(1, Duration.ofSeconds(30));
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));

      // The collector's checkpoint row, locked by a session that then does nothing.
      holder.setAutoCommit(false);
      s.executeQuery("SELECT * FROM journal_checkpoint FOR UPDATE").close();
      long session;
      try (ResultSet row = s.executeQuery("SELECT CONNECTION_ID()")) {
        row.next();
        session = row.getLong(1);
      }
      ClickLoad load = ClickLoad.start(collector.baseUrl(), "locked", "locked", 2);
      List<String> problems = new ArrayList<>();
      long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (System.nanoTime() < until) {
        problems.add(health(collector).get("problems").toString());
        Thread.sleep(200);
      }
      double lockWaits =
          collector.collector().metrics().value("linkscope_pipeline_lock_waits_total");

      holder.rollback();
      load.stop();
      collector.awaitBacklogDrained(Duration.ofSeconds(30));

      assertThat(problems)
          .as("/health while the lock is held")
          .anyMatch(
              problem ->
                  problem.contains(
                      "pipeline: waiting on a lock held by session " + session + " (idle"))
          .anyMatch(problem -> problem.contains("pipeline: a lock wait timed out"))
          .noneMatch(problem -> problem.contains("unreachable"));
      assertThat(lockWaits).as("waits counted, one per attempt").isGreaterThanOrEqualTo(2);
      assertThat(health(collector).get("status").getAsString()).isEqualTo("ok");
      ClickAudit audit = ClickAudit.of(load, collector.database(), "locked");
      assertThat(audit.redirected()).isNotEmpty();
      assertThat(audit.lost()).isEmpty();
      assertThat(audit.duplicated()).isEmpty();
    }
  }

  private static JsonObject health(TestCollector collector) throws Exception {
    try (Response response = collector.send(collector.request("/health").build())) {
      return JsonParser.parseString(response.body().string()).getAsJsonObject();
    }
  }
}
