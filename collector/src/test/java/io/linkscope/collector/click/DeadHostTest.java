package io.linkscope.collector.click;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.enrich.UserAgentEnricher;
import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.ChildCollector;
import io.linkscope.collector.testsupport.ClickAudit;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collector process dies in the middle of a batch without MariaDB hearing of it (its host lost
 * power or network: the server's side of its connections stays open), and a collector is started
 * again on its data directory, whose replay needs the rows the dead one's open batch has locked.
 * MariaDB ends the dead session once it has been idle for the idle-transaction timeout, so the
 * pipeline resumes within that bound instead of waiting for {@code wait_timeout} (8 hours), and
 * {@code /health} names the dead session meanwhile.
 */
class DeadHostTest {
  private static final Logger log = LoggerFactory.getLogger(DeadHostTest.class);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
  // The server checks the timeout when it would read the session's next command; a little later.
  private static final Duration TIMEOUT_SLACK = Duration.ofSeconds(3);
  // The restarted collector's replay and fold of some ten thousand clicks, on a busy CI machine;
  // a wedged pipeline would wait for hours.
  private static final Duration DRAIN_SLACK = Duration.ofSeconds(60);

  private static final OkHttpClient HTTP = LinkscopeClient.defaultHttp();

  @TempDir Path directory;

  /** A transaction of the dead collector, still open on the server. */
  private record Orphan(long session, long rowsModified, String command) {}

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void resumesWithinTheIdleTransactionTimeoutAfterACollectorDiedWithItsBatchOpen()
      throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      String key = ChildCollector.prepare(database);
      // Built before the kill, so that the restart (in this JVM) is up long before the dead
      // session ends, and its replay meets the dead session's locks.
      UserAgentEnricher userAgents = TestCollector.sharedUserAgents();
      String timeout = String.valueOf(IDLE_TIMEOUT.toSeconds());
      ChildCollector first =
          ChildCollector.start(
              directory,
              proxy.jdbcUrl(database.url()),
              key,
              "--db-idle-transaction-timeout-seconds",
              timeout);
      first.client().createLink(LinkInput.to("https://shop.example.com/d").withSlug("dead"));
      ClickLoad load = ClickLoad.start(first.baseUrl(), "dead", "dead", 8);
      load.awaitRedirected(3_000, Duration.ofSeconds(60));

      // The batch's rows are written; the checkpoint and the commit never reach MariaDB.
      proxy.freezeBefore("INSERT INTO journal_checkpoint");
      assertThat(proxy.awaitFrozen(Duration.ofSeconds(30))).as("a batch was in flight").isTrue();
      long frozenAt = System.nanoTime();
      List<Orphan> orphans = openTransactions(database);
      first.kill();
      load.stop();
      assertThat(orphans)
          .as("the dead collector's batch, open and idle on the server")
          .anyMatch(orphan -> orphan.rowsModified() > 0 && orphan.command().equals("Sleep"));
      List<Long> sessions = orphans.stream().map(Orphan::session).toList();
      CompletableFuture<Duration> ended =
          CompletableFuture.supplyAsync(() -> awaitEnded(database, sessions, frozenAt));

      CollectorConfig restart =
          CollectorConfig.defaults(directory.resolve("data"))
              .withDatabase(database.url(), database.user(), "")
              .withGeoip(directory.resolve("GeoLite2-City-test.mmdb"))
              .withTrustedProxies(List.of("127.0.0.1/32"));
      try (Collector second = Collector.start(restart, userAgents)) {
        Duration startedAfter = Duration.ofNanos(System.nanoTime() - frozenAt);
        Orphan batch = orphans.stream().filter(o -> o.rowsModified() > 0).findFirst().orElseThrow();
        String waitingOnTheDead = "waiting on a lock held by session " + batch.session();
        boolean sawWait = false;
        // Locks free at most the idle timeout after the dead session's last statement, or already
        // when the restarted collector is up; then the backlog drains.
        long deadline =
            Math.max(frozenAt + IDLE_TIMEOUT.plus(TIMEOUT_SLACK).toNanos(), System.nanoTime())
                + DRAIN_SLACK.toNanos();
        while (second.metrics().value("linkscope_backlog_records") > 0
            || second.metrics().value("linkscope_rollup_backlog_records") > 0) {
          String problems = health(second).get("problems").toString();
          if (System.nanoTime() > deadline) {
            throw new AssertionError("the pipeline did not resume in time: " + problems);
          }
          sawWait |= problems.contains(waitingOnTheDead);
          Thread.sleep(100);
        }
        Duration resumedAfter = Duration.ofNanos(System.nanoTime() - frozenAt);
        Duration endedAfter = ended.get(10, TimeUnit.SECONDS);
        ClickAudit audit = ClickAudit.of(load, database, "dead");
        log.info(
            "dead host: open batch of {} rows in session {}; after the freeze the server ended the"
                + " dead sessions at {} ms (idle timeout {} s), the collector restarted at {} s and"
                + " drained at {} s; /health named the dead session: {}; {}",
            batch.rowsModified(),
            batch.session(),
            endedAfter.toMillis(),
            IDLE_TIMEOUT.toSeconds(),
            startedAfter.toSeconds(),
            resumedAfter.toSeconds(),
            sawWait,
            audit);

        assertThat(endedAfter)
            .as("the server ended the dead collector's sessions after the idle timeout")
            .isBetween(IDLE_TIMEOUT.minus(TIMEOUT_SLACK), IDLE_TIMEOUT.plus(TIMEOUT_SLACK));
        // Started well before the dead session ended, the replay must have waited on its locks.
        if (startedAfter.compareTo(IDLE_TIMEOUT.minusSeconds(5)) < 0) {
          assertThat(sawWait).as("/health named the dead session while it held the lock").isTrue();
          assertThat(second.metrics().value("linkscope_pipeline_lock_waits_total")).isPositive();
        }
        assertThat(load.otherStatuses()).isEmpty();
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.duplicated()).isEmpty();
        assertThat(audit.invented()).isEmpty();
        try (Connection c = database.connect()) {
          RollupRecount.assertRollupsMatchRawClicks(c, "after a dead host and a restart");
        }
      }
    }
  }

  private static JsonObject health(Collector collector) throws IOException {
    Request request =
        new Request.Builder().url(collector.baseUrl().resolve("/health").toString()).build();
    try (Response response = HTTP.newCall(request).execute()) {
      return JsonParser.parseString(response.body().string()).getAsJsonObject();
    }
  }

  /** When, after {@code since}, none of {@code sessions} is left on the server. */
  private static Duration awaitEnded(TestDatabase database, List<Long> sessions, long since) {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST")) {
      while (System.nanoTime() - since < Duration.ofMinutes(2).toNanos()) {
        Set<Long> alive = new HashSet<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            alive.add(rows.getLong(1));
          }
        }
        if (sessions.stream().noneMatch(alive::contains)) {
          return Duration.ofNanos(System.nanoTime() - since);
        }
        Thread.sleep(100);
      }
      throw new AssertionError("the dead collector's sessions are still on the server");
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Open transactions on this test's database, with what their sessions are doing. */
  private static List<Orphan> openTransactions(TestDatabase database) throws SQLException {
    List<Orphan> open = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                """
                SELECT t.trx_mysql_thread_id, t.trx_rows_modified, p.COMMAND
                FROM information_schema.INNODB_TRX t
                JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
                WHERE p.DB = ? ORDER BY t.trx_rows_modified DESC
                """)) {
      select.setString(1, database.name());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          open.add(new Orphan(rows.getLong(1), rows.getLong(2), rows.getString(3)));
        }
      }
    }
    return open;
  }
}
