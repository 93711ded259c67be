package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.ClickAudit;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB unreachable under load (a TCP proxy between collector and database is cut): redirects go
 * on, {@code /health} says why it is degraded, and after the database returns the journal drains
 * with nothing lost or stored twice; with a tiny journal budget tracking stops, is counted, and
 * resumes.
 */
class OutageTest {
  private static final Logger log = LoggerFactory.getLogger(OutageTest.class);

  @TempDir Path directory;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void keepsRedirectingThroughADatabaseOutageAndStoresEveryClickAfterwards() throws Exception {
    try (Outage outage = Outage.start(directory, 1L << 30, 64L << 20)) {
      TestCollector collector = outage.collector();
      ClickLoad load = outage.loadAfterWarmUp("outage", 8);
      load.awaitRedirected(1_000, Duration.ofSeconds(60));

      outage.proxy().cut();
      // Each part says what it found when it next asks MariaDB (the change feed, polling most
      // often, is usually first): wait for the pipeline's line.
      JsonObject degraded =
          outage.awaitHealth(
              health -> health.get("problems").toString().contains("pipeline: MariaDB unreachable"),
              Duration.ofSeconds(20));
      assertThat(degraded.get("status").getAsString()).isEqualTo("degraded");
      int redirectedBeforeWait = load.redirected().size();
      Thread.sleep(5_000);
      assertThat(load.redirected().size())
          .as("redirects go on while MariaDB is away")
          .isGreaterThan(redirectedBeforeWait + 500);
      assertThat(collector.collector().pipeline().backlogRecords()).isGreaterThan(500);

      outage.proxy().restore();
      Thread.sleep(1_000);
      load.stop();
      collector.awaitBacklogDrained(Duration.ofSeconds(60));
      outage.awaitHealth(
          health -> health.get("status").getAsString().equals("ok"), Duration.ofSeconds(20));

      ClickAudit audit = ClickAudit.of(load, collector.database(), "outage");
      log.info("database outage under load: {}", audit);
      assertThat(load.otherStatuses()).isEmpty();
      assertThat(load.connectionErrors()).isZero();
      assertThat(audit.lost()).isEmpty();
      assertThat(audit.duplicated()).isEmpty();
      assertThat(audit.invented()).isEmpty();
      assertThat(audit.stored()).hasSameSizeAs(audit.redirected());
      try (Connection c = collector.database().connect()) {
        RollupRecount.assertRollupsMatchRawClicks(c, "after the outage");
      }
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void redirectsButRefusesToTrackWhenTheJournalBudgetIsFullThenResumes() throws Exception {
    // Small enough to fill in a second, large enough to absorb a commit's worth of clicks after.
    try (Outage outage = Outage.start(directory, 256 << 10, 32 << 10)) {
      TestCollector collector = outage.collector();
      outage.loadAfterWarmUp("warm", 1).close();
      collector.awaitBacklogDrained(Duration.ofSeconds(30));

      outage.proxy().cut();
      ClickLoad during = ClickLoad.start(collector.baseUrl(), "budget", "during", 4);
      JsonObject full =
          outage.awaitHealth(
              health -> health.get("problems").toString().contains("journal disk budget reached"),
              Duration.ofSeconds(30));
      double refusedAtFull = refused(collector);
      during.awaitRedirected(during.redirected().size() + 200, Duration.ofSeconds(30));
      during.stop();
      assertThat(full.get("status").getAsString()).isEqualTo("degraded");
      assertThat(refused(collector)).isGreaterThan(refusedAtFull).isGreaterThan(0);
      assertThat(during.otherStatuses()).as("every visit still redirected").isEmpty();
      assertThat(collector.collector().pipeline().backlogRecords()).isPositive();

      outage.proxy().restore();
      collector.awaitBacklogDrained(Duration.ofSeconds(60));
      outage.awaitHealth(
          health -> health.get("status").getAsString().equals("ok"), Duration.ofSeconds(20));
      double refusedDuringOutage = refused(collector);
      ClickLoad after = ClickLoad.start(collector.baseUrl(), "budget", "after", 1);
      after.awaitRedirected(300, Duration.ofSeconds(30));
      after.stop();
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      outage.awaitHealth(
          health -> health.get("status").getAsString().equals("ok"), Duration.ofSeconds(20));

      ClickAudit duringAudit = ClickAudit.of(during, collector.database(), "during");
      ClickAudit afterAudit = ClickAudit.of(after, collector.database(), "after");
      log.info("journal budget reached: during {}; after {}", duringAudit, afterAudit);
      long journaled =
          (long) collector.collector().metrics().value("linkscope_clicks_journaled_total");
      long stored = (long) collector.collector().metrics().value("linkscope_clicks_stored_total");
      assertThat(stored).as("every journaled click stored").isEqualTo(journaled);
      assertThat(duringAudit.stored().size() + refusedDuringOutage)
          .as("each visit during the outage either stored or counted as refused")
          .isEqualTo(duringAudit.redirected().size());
      assertThat(refused(collector)).as("none refused after").isEqualTo(refusedDuringOutage);
      assertThat(duringAudit.duplicated()).isEmpty();
      assertThat(duringAudit.invented()).isEmpty();
      assertThat(afterAudit.lost()).as("tracking resumed").isEmpty();
      assertThat(afterAudit.duplicated()).isEmpty();
    }
  }

  private static double refused(TestCollector collector) {
    return collector.collector().metrics().value("linkscope_clicks_refused_total");
  }

  /** A collector whose MariaDB connections go through a proxy the test can cut. */
  private record Outage(TcpProxy proxy, TestCollector collector) implements AutoCloseable {
    static Outage start(Path directory, long budgetBytes, long segmentBytes) throws Exception {
      TcpProxy[] proxy = new TcpProxy[1];
      TestCollector collector =
          TestCollector.start(
              directory,
              config -> {
                proxy[0] = TcpProxy.inFrontOf(config.database().url());
                return config
                    .withDatabase(
                        proxy[0].jdbcUrl(config.database().url()), config.database().user(), "")
                    .withJournalBudget(budgetBytes, segmentBytes);
              });
      return new Outage(proxy[0], collector);
    }

    /**
     * Creates the link {@code budget}, lets one visitor resolve it (so it is in memory when MariaDB
     * goes away), then starts the load.
     */
    ClickLoad loadAfterWarmUp(String prefix, int threads) throws Exception {
      collector.client().createLink(LinkInput.to("https://shop.example.com/o").withSlug("budget"));
      ClickLoad load = ClickLoad.start(collector.baseUrl(), "budget", prefix, threads);
      load.awaitRedirected(1, Duration.ofSeconds(30));
      return load;
    }

    JsonObject awaitHealth(Predicate<JsonObject> condition, Duration timeout)
        throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        JsonObject health;
        try (Response response = collector.send(collector.request("/health").build())) {
          health = JsonParser.parseString(response.body().string()).getAsJsonObject();
        }
        if (condition.test(health)) {
          return health;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("health did not reach the expected state: " + health);
        }
        Thread.sleep(100);
      }
    }

    @Override
    public void close() {
      collector.close();
      proxy.close();
    }
  }
}
