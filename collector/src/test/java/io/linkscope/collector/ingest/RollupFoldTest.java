package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.ChildCollector;
import io.linkscope.collector.testsupport.ClickAudit;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollups are folded from stored clicks apart from the click rows, with their own checkpoint: a
 * collector killed while stored clicks wait for the fold adds exactly those clicks to the rollups
 * after its restart, and a rollup rebuild while it is stopped leaves nothing to add twice.
 */
class RollupFoldTest {
  private static final Pattern REFOLDED =
      Pattern.compile("Adding (\\d+) stored clicks to the rollups");

  @TempDir Path directory;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void clicksStoredButNotYetFoldedWhenKilledAreFoldedOnceAfterTheRestart() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      String key = ChildCollector.prepare(database);
      ClickLoad load = storeWithoutFoldingThenKill(database, key, "fold");

      String log = restartAndCheckRollups(database, key, load, "folded after kill -9");
      Matcher refolded = REFOLDED.matcher(log);
      assertThat(refolded.find()).as("the restart says what it folds again").isTrue();
      assertThat(Long.parseLong(refolded.group(1))).isEqualTo(load.redirected().size());
      ClickAudit audit = ClickAudit.of(load, database, "fold");
      assertThat(audit.lost()).isEmpty();
      assertThat(audit.duplicated()).isEmpty();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aRebuildWhileStoppedLeavesNothingToFoldAgain() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      String key = ChildCollector.prepare(database);
      ClickLoad load = storeWithoutFoldingThenKill(database, key, "rebuilt");
      try (Database db = Database.open(database.url(), database.user(), database.password(), 2)) {
        assertThat(new RollupRebuild(db.dataSource()).run(n -> {}))
            .isEqualTo(load.redirected().size());
      }

      String log = restartAndCheckRollups(database, key, load, "rebuilt, then started");
      assertThat(log).doesNotContain("stored clicks to the rollups");
    }
  }

  /**
   * Starts the collector again, waits until everything is stored and folded, checks that the
   * rollups hold each click of {@code load} once and equal a recount, and returns its log.
   */
  private String restartAndCheckRollups(
      TestDatabase database, String key, ClickLoad load, String why) throws Exception {
    try (ChildCollector second = ChildCollector.start(directory, database.url(), key)) {
      second.awaitBacklogDrained(Duration.ofSeconds(60));
      try (Connection c = database.connect()) {
        assertThat(linkClicksInRollups(c)).as(why).isEqualTo(load.redirected().size());
        RollupRecount.assertRollupsMatchRawClicks(c, why);
      }
      return second.log();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void clicksStoredWithinAnIntervalReachTheRollupsInOneFold() throws Exception {
    try (TestCollector collector =
        TestCollector.start(
            directory.resolve("in-process"), c -> c.withRollupInterval(Duration.ofSeconds(5)))) {
      LinkView link = collector.client().createLink(LinkInput.to("https://example.com/fold"));
      for (int i = 0; i < 30; i++) {
        try (Response response =
            collector.send(
                collector
                    .request("/" + link.slug())
                    .header("X-Forwarded-For", "192.0.2." + (i % 3 + 1))
                    .build())) {
          assertThat(response.code()).isEqualTo(302);
        }
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));

      String metrics;
      try (Response response = collector.send(collector.request("/metrics").build())) {
        metrics = response.body().string();
      }
      assertThat(metrics)
          .containsPattern("(?m)^linkscope_rollup_folded_clicks_total 30$")
          .containsPattern("(?m)^linkscope_rollup_folds_total 1$")
          .containsPattern("(?m)^linkscope_rollup_fold_last_size 30$")
          .containsPattern("(?m)^linkscope_rollup_backlog_records 0$")
          .containsPattern("(?m)^linkscope_rollup_lag_seconds 0$");
      try (Connection c = collector.database().connect()) {
        assertThat(linkClicksInRollups(c)).isEqualTo(30);
        RollupRecount.assertRollupsMatchRawClicks(c, "one fold of 30 clicks");
      }
    }
  }

  /**
   * Runs a collector whose fold waits a minute, so that every click is stored but none is in the
   * rollups when it is killed.
   */
  private ClickLoad storeWithoutFoldingThenKill(TestDatabase database, String key, String slug)
      throws Exception {
    ChildCollector first =
        ChildCollector.start(directory, database.url(), key, "--rollup-interval-ms", "60000");
    first.client().createLink(LinkInput.to("https://shop.example.com/" + slug).withSlug(slug));
    ClickLoad load = ClickLoad.start(first.baseUrl(), slug, slug, 4);
    load.awaitRedirected(1_000, Duration.ofSeconds(60));
    load.stop();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (first.metric("linkscope_backlog_records") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(first.metric("linkscope_backlog_records")).as("every click stored").isZero();
    assertThat(first.metric("linkscope_rollup_backlog_records"))
        .as("no click in the rollups yet")
        .isEqualTo(load.redirected().size());
    assertThat(first.metric("linkscope_rollup_lag_seconds")).isPositive();
    assertThat(first.health().getAsJsonObject("details").get("rollupBacklogRecords").getAsLong())
        .isEqualTo(load.redirected().size());
    try (Connection c = database.connect()) {
      assertThat(linkClicksInRollups(c)).isZero();
    }
    first.kill();
    return load;
  }

  /** Clicks of every link by their daily totals in the rollups. */
  private static long linkClicksInRollups(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet row =
            s.executeQuery(
                "SELECT COALESCE(SUM(clicks + bot_clicks), 0) FROM rollup_day"
                    + " WHERE scope = 1 AND dim = 0")) {
      row.next();
      return row.getLong(1);
    }
  }
}
