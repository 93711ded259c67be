package io.linkscope.collector.ingest;

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
 * {@code /health} names the dead session meanwhile. The same holds for another collector on the
 * same database whose rollups need the cells a dead collector's open fold has locked.
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
  private record Orphan(long session, String transaction, long rowsModified, String command) {
    boolean sameTransaction(Orphan other) {
      return session == other.session && transaction.equals(other.transaction);
    }
  }

  /**
   * A collector killed while the network to MariaDB was frozen: its load, when the network froze,
   * the transactions it left open, and when the server ended them.
   */
  private record Death(
      ClickLoad load, long frozenAt, List<Orphan> orphans, CompletableFuture<Duration> ended) {

    /** Whether {@code problems} name one of the dead sessions as holding a lock waited on. */
    boolean named(String problems) {
      return orphans.stream()
          .anyMatch(o -> problems.contains("waiting on a lock held by session " + o.session()));
    }

    Duration since() {
      return Duration.ofNanos(System.nanoTime() - frozenAt);
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void resumesWithinTheIdleTransactionTimeoutAfterACollectorDiedWithItsBatchOpen()
      throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      // Built before the kill, so that the restart (in this JVM) is up long before the dead
      // session ends, and its replay meets the dead session's locks.
      UserAgentEnricher userAgents = TestCollector.sharedUserAgents();
      ChildCollector first = startBehind(proxy, database);
      ClickLoad load = ClickLoad.start(first.baseUrl(), "dead", "dead", 8);
      load.awaitRedirected(3_000, Duration.ofSeconds(60));
      // The batch's rows are written; the checkpoint and the commit never reach MariaDB.
      Death death =
          killMidTransaction(first, load, database, proxy, "INSERT INTO journal_checkpoint");

      try (Collector second = Collector.start(config("data", database), userAgents)) {
        Duration startedAfter = death.since();
        boolean named = awaitDrained(second, death);
        Duration endedAfter = death.ended().get(10, TimeUnit.SECONDS);
        log.info(
            "dead host mid-batch: open transactions {}; after the freeze the server ended them at"
                + " {} ms (idle timeout {} s), the collector restarted at {} s and drained at {} s;"
                + " /health named the dead session: {}",
            death.orphans(),
            endedAfter.toMillis(),
            IDLE_TIMEOUT.toSeconds(),
            startedAfter.toSeconds(),
            death.since().toSeconds(),
            named);

        assertEndedByTheIdleTimeout(endedAfter);
        // Started well before the dead session ended, the replay must have waited on its locks.
        if (startedAfter.compareTo(IDLE_TIMEOUT.minusSeconds(5)) < 0) {
          assertThat(named).as("/health named the dead session while it held the lock").isTrue();
          assertThat(second.metrics().value("linkscope_pipeline_lock_waits_total")).isPositive();
        }
        assertStoredExactlyOnce(death.load(), database, "dead");
        try (Connection c = database.connect()) {
          RollupRecount.assertRollupsMatchRawClicks(c, "after a dead host and a restart");
        }
      }
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void anotherCollectorsRollupsResumeWithinTheIdleTransactionTimeoutWhenOneDiesMidFold()
      throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      UserAgentEnricher userAgents = TestCollector.sharedUserAgents();
      ChildCollector first = startBehind(proxy, database);
      Death death;
      try (Collector other =
          Collector.start(
              config("other", database).withYieldToRedirects(Duration.ZERO), userAgents)) {
        ClickLoad load = ClickLoad.start(first.baseUrl(), "dead", "dead", 4);
        ClickLoad live = ClickLoad.start(other.baseUrl().toString(), "dead", "live", 4);
        load.awaitRedirected(3_000, Duration.ofSeconds(60));
        live.awaitRedirected(1_000, Duration.ofSeconds(60));
        // The fold's rollup cells are written, its checkpoint and commit never reach MariaDB; the
        // other collector's clicks of the same link fold into the same cells.
        death = killMidTransaction(first, load, database, proxy, "INSERT INTO rollup_checkpoint");
        boolean named = false;
        while (!death.ended().isDone()) {
          named |= death.named(health(other).get("problems").toString());
          Thread.sleep(100);
        }
        live.stop();
        named |= awaitDrained(other, death);
        Duration endedAfter = death.ended().get();
        log.info(
            "dead host mid-fold: open transactions {}; after the freeze the server ended them at {}"
                + " ms (idle timeout {} s), the other collector drained at {} s; /health named the"
                + " dead session: {}",
            death.orphans(),
            endedAfter.toMillis(),
            IDLE_TIMEOUT.toSeconds(),
            death.since().toSeconds(),
            named);

        assertEndedByTheIdleTimeout(endedAfter);
        assertThat(named).as("the other collector's /health named the dead session").isTrue();
        assertThat(other.metrics().value("linkscope_pipeline_lock_waits_total")).isPositive();
        assertStoredExactlyOnce(live, database, "live");
      }
      // The dead collector's clicks are in the click table but not in the rollups: its restart
      // folds them.
      try (Collector restarted = Collector.start(config("data", database), userAgents)) {
        awaitDrained(restarted, death);
        assertStoredExactlyOnce(death.load(), database, "dead");
        try (Connection c = database.connect()) {
          RollupRecount.assertRollupsMatchRawClicks(c, "after a dead host mid-fold");
        }
      }
    }
  }

  /** A collector process whose MariaDB connections go through {@code proxy}, with a link. */
  private ChildCollector startBehind(TcpProxy proxy, TestDatabase database) throws Exception {
    ChildCollector first =
        ChildCollector.start(
            directory,
            proxy.jdbcUrl(database.url()),
            ChildCollector.prepare(database),
            "--db-idle-transaction-timeout-seconds",
            String.valueOf(IDLE_TIMEOUT.toSeconds()),
            // Batches and folds all the time under load, so that one is open when the network dies.
            "--yield-to-redirects-seconds",
            "0");
    first.client().createLink(LinkInput.to("https://shop.example.com/d").withSlug("dead"));
    return first;
  }

  /**
   * Freezes the network between {@code first} and MariaDB just before it sends {@code marker}, then
   * SIGKILLs it: its open transactions stay on the server, idle.
   */
  private static Death killMidTransaction(
      ChildCollector first, ClickLoad load, TestDatabase database, TcpProxy proxy, String marker)
      throws Exception {
    proxy.freezeBefore(marker);
    assertThat(proxy.awaitFrozen(Duration.ofSeconds(30))).as("a transaction was open").isTrue();
    long frozenAt = System.nanoTime();
    List<Orphan> atFreeze = openTransactions(database);
    first.kill();
    load.stop();
    // Live collectors' transactions come and go; the dead ones stay, idle. The server may still
    // be running statements the driver pipelined ahead of the frozen one, so a dead transaction's
    // row count can grow after the freeze: it is the same session and transaction that is matched.
    Thread.sleep(2_000);
    List<Orphan> later = openTransactions(database);
    List<Orphan> orphans =
        later.stream()
            .filter(o -> o.command().equals("Sleep"))
            .filter(o -> atFreeze.stream().anyMatch(o::sameTransaction))
            .toList();
    assertThat(orphans)
        .as(
            "the dead collector's transaction, open and idle on the server: %s, then %s",
            atFreeze, later)
        .anyMatch(orphan -> orphan.rowsModified() > 0);
    List<Long> sessions = orphans.stream().map(Orphan::session).toList();
    return new Death(
        load,
        frozenAt,
        orphans,
        CompletableFuture.supplyAsync(() -> awaitEnded(database, sessions, frozenAt)));
  }

  private CollectorConfig config(String dataDirectory, TestDatabase database) {
    return CollectorConfig.defaults(directory.resolve(dataDirectory))
        .withDatabase(database.url(), database.user(), "")
        .withGeoip(directory.resolve("GeoLite2-City-test.mmdb"))
        .withTrustedProxies(List.of("127.0.0.1/32"));
  }

  /**
   * Waits until {@code collector} has stored and folded its backlog: at most the idle timeout after
   * the freeze (the dead session's last statement) or from now, whichever is later, and the time a
   * busy machine needs to drain. Returns whether {@code /health} named a dead session meanwhile.
   */
  private static boolean awaitDrained(Collector collector, Death death) throws Exception {
    long deadline =
        Math.max(death.frozenAt() + IDLE_TIMEOUT.plus(TIMEOUT_SLACK).toNanos(), System.nanoTime())
            + DRAIN_SLACK.toNanos();
    boolean named = false;
    while (collector.metrics().value("linkscope_backlog_records") > 0
        || collector.metrics().value("linkscope_rollup_backlog_records") > 0) {
      String problems = health(collector).get("problems").toString();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the pipeline did not resume in time: " + problems);
      }
      named |= death.named(problems);
      Thread.sleep(100);
    }
    return named;
  }

  private static void assertEndedByTheIdleTimeout(Duration endedAfter) {
    assertThat(endedAfter)
        .as("the server ended the dead collector's sessions after the idle timeout")
        .isBetween(IDLE_TIMEOUT.minus(TIMEOUT_SLACK), IDLE_TIMEOUT.plus(TIMEOUT_SLACK));
  }

  private static void assertStoredExactlyOnce(ClickLoad load, TestDatabase database, String prefix)
      throws SQLException {
    ClickAudit audit = ClickAudit.of(load, database, prefix);
    log.info("{}: {}", prefix, audit);
    assertThat(load.otherStatuses()).isEmpty();
    assertThat(audit.redirected()).isNotEmpty();
    assertThat(audit.lost()).isEmpty();
    assertThat(audit.duplicated()).isEmpty();
    assertThat(audit.invented()).isEmpty();
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
                SELECT t.trx_mysql_thread_id, t.trx_id, t.trx_rows_modified, p.COMMAND
                FROM information_schema.INNODB_TRX t
                JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
                WHERE p.DB = ? ORDER BY t.trx_rows_modified DESC
                """)) {
      select.setString(1, database.name());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          open.add(
              new Orphan(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4)));
        }
      }
    }
    return open;
  }
}
