package io.linkscope.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.retention.PurgeReport;
import io.linkscope.api.retention.RetentionInput;
import io.linkscope.api.retention.RetentionView;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.stats.Totals;
import io.linkscope.collector.ingest.RollupRebuild;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw click retention through the real collector, client and MariaDB on a settable clock: a purge
 * that runs while visitors click loses none of their clicks and changes no total, and a rollup
 * rebuild afterwards keeps the months whose raw clicks are gone.
 */
class RetentionTest {
  private static final Instant START = Instant.parse("2031-05-04T10:00:00Z");
  // May and June 2031, whole UTC days: read from the rollups alone.
  private static final Instant FROM = Instant.parse("2031-05-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2031-07-01T00:00:00Z");

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(START);
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void aPurgeWhileVisitorsClickLosesNoClickAndChangesNoTotal() throws Exception {
    long workspace = client.workspace().id();
    LinkView link = client.createLink(LinkInput.to("https://example.com/kept"));
    StatsQuery whole = forLink(link.id());
    // 5,000 clicks on the first day, 200 five weeks later.
    Clicks.onLink(collector, clock, workspace, link.id(), 5_000, START);
    Clicks.onLink(collector, clock, workspace, link.id(), 200, START.plus(Duration.ofDays(35)));
    collector.awaitBacklogDrained(Duration.ofSeconds(60));
    Totals before = client.statsSummary(whole).current();
    assertThat(before.clicks()).isEqualTo(5_200);

    RetentionView set = client.setRetention(new RetentionInput(30));
    assertThat(set.rawClickDays()).isEqualTo(30);
    clock.set(START.plus(Duration.ofDays(40)));

    PurgeReport report;
    ClickLoad load = ClickLoad.start(collector.baseUrl(), link.slug(), "during-purge", 2);
    try {
      load.awaitRedirected(50, Duration.ofSeconds(30));
      report = client.purgeNow();
      load.awaitRedirected(load.redirected().size() + 50, Duration.ofSeconds(30));
    } finally {
      load.stop();
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(60));
    long visits = load.redirected().size();

    // 30 whole UTC days before 2031-06-13: everything before 2031-05-14 went, and only that.
    assertThat(report.reason()).isEqualTo("retention");
    assertThat(report.clickedBefore()).isEqualTo(Instant.parse("2031-05-14T00:00:00Z"));
    assertThat(report.rows()).isEqualTo(5_000);
    assertThat(report.finishedAt()).isNotNull();
    assertThat(Clicks.count(collector, "SELECT COUNT(*) FROM click WHERE link_id = ?", link.id()))
        .isEqualTo(200 + visits);
    // Every visit answered during the purge was stored, once.
    assertThat(
            Clicks.count(
                collector,
                "SELECT COUNT(DISTINCT utm_content) FROM click WHERE utm_content LIKE"
                    + " 'during-purge%'"))
        .isEqualTo(visits);
    assertThat(
            Clicks.count(
                collector, "SELECT COUNT(*) FROM click WHERE utm_content LIKE 'during-purge%'"))
        .isEqualTo(visits);
    // The rollups still count the purged clicks: totals and uniques are what they were, plus the
    // visits.
    Totals after = client.statsSummary(whole).current();
    assertThat(after.clicks()).isEqualTo(before.clicks() + visits);
    assertThat(after.uniques()).isEqualTo(before.uniques() + 1);
    assertThat(client.retention().purges()).first().isEqualTo(report);

    // A rebuild recounts only June, whose raw clicks are all there; May keeps its cells.
    RollupRebuild rebuild = new RollupRebuild(collector.collector().database().dataSource());
    assertThat(rebuild.retainedFrom()).contains(Instant.parse("2031-06-01T00:00:00Z"));
    assertThat(rebuild.run(done -> {})).isEqualTo(200 + visits);
    Totals rebuilt = client.statsSummary(whole).current();
    assertThat(rebuilt.clicks()).isEqualTo(after.clicks());
    assertThat(rebuilt.uniques()).isEqualTo(after.uniques());

    // A second purge finds nothing more to delete.
    assertThat(client.purgeNow().rows()).isZero();
  }

  @Test
  void retentionIsValidatedAndCanBeTurnedOff() throws Exception {
    LinkscopeClient other = collector.client(collector.createWorkspaceKey("keeps-all"));
    assertThat(other.retention().rawClickDays()).isNull();
    assertThatThrownBy(other::purgeNow)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    for (int days : new int[] {0, -1, Retention.MAX_DAYS + 1}) {
      assertThatThrownBy(() -> other.setRetention(new RetentionInput(days)))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThat(other.setRetention(new RetentionInput(90)).rawClickDays()).isEqualTo(90);
    assertThat(other.setRetention(new RetentionInput(null)).rawClickDays()).isNull();
    // A viewer may read it but not change it.
    String viewer =
        other.createKey(new io.linkscope.api.workspace.ApiKeyInput("viewer", "viewer")).key();
    assertThat(collector.client(viewer).retention().rawClickDays()).isNull();
    assertThatThrownBy(() -> collector.client(viewer).setRetention(new RetentionInput(7)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void visitorsOfDaysLongGoneAreForgotten() throws Exception {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try (Connection c = collector.database().connect();
        Statement statement = c.createStatement()) {
      statement.execute("DELETE FROM visitor_day");
      for (int daysAgo : new int[] {400, 36, 35, 1}) {
        statement.execute(
            "INSERT INTO visitor_day (day, visit_key) VALUES ('%s', UNHEX(MD5('%d')))"
                .formatted(today.minusDays(daysAgo), daysAgo));
      }
    }
    Retention retention = new Retention(collector.collector().database().dataSource(), clock);
    assertThat(retention.forgetOldVisitorDays()).isEqualTo(2);
    assertThat(retention.forgetOldVisitorDays()).as("nothing more to forget").isZero();
    List<Long> kept = new ArrayList<>();
    try (Connection c = collector.database().connect();
        Statement statement = c.createStatement();
        ResultSet days =
            statement.executeQuery(
                "SELECT DATEDIFF('%s', day) FROM visitor_day ORDER BY day".formatted(today))) {
      while (days.next()) {
        kept.add(days.getLong(1));
      }
    }
    assertThat(kept).as("days ago still remembered").containsExactly(35L, 1L);
  }

  private static StatsQuery forLink(long linkId) {
    return StatsQuery.link(linkId, FROM, TO);
  }
}
