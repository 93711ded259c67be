package io.linkscope.collector.stats;

import static io.linkscope.collector.stats.StatsFixture.CURL;
import static io.linkscope.collector.stats.StatsFixture.DESKTOP_CHROME;
import static io.linkscope.collector.stats.StatsFixture.IPHONE_INSTAGRAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.stats.Dimension;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.ingest.RollupRebuild;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollups against an independent recomputation from the raw clicks after randomized ingest through
 * the real capture path and pipeline; the rebuild command; and EXPLAIN proof that unfiltered
 * statistics read the click table only for the edge hours of a range, through its time indexes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollupConsistencyTest {
  static final long SEED = Long.getLong("rollupSeed", System.nanoTime());
  static final List<String> IPS =
      List.of(
          TestGeoDatabase.LONDON_IP,
          TestGeoDatabase.BERLIN_IP,
          TestGeoDatabase.TOKYO_IP,
          TestGeoDatabase.PARIS_IPV6,
          "198.51.100.7");
  static final List<String> AGENTS = List.of(IPHONE_INSTAGRAM, DESKTOP_CHROME, CURL);
  static final List<String> QUERIES =
      List.of("", "utm_source=instagram&utm_campaign=spring", "utm_source=newsletter");

  @TempDir static Path directory;
  static TestCollector collector;
  static List<Long> linkIds = new ArrayList<>();
  static long workspaceId;

  @BeforeAll
  static void ingestRandomVisits() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
    LinkscopeClient client = collector.client();
    workspaceId = client.workspace().id();
    for (String slug : List.of("r1", "r2", "r3")) {
      linkIds.add(
          client.createLink(LinkInput.to("https://example.com/" + slug).withSlug(slug)).id());
    }
    Random random = new Random(SEED);
    StatsFixture visits = new StatsFixture(collector, clock);
    Instant start = Instant.parse("2026-01-30T20:00:00Z");
    for (int i = 0; i < 400; i++) {
      String at = start.plusSeconds(random.nextInt(4 * 24 * 3600)).toString();
      String ip = IPS.get(random.nextInt(IPS.size()));
      String agent = AGENTS.get(random.nextInt(AGENTS.size()));
      int what = random.nextInt(10);
      if (what < 7) {
        String slug = "r" + (1 + random.nextInt(3));
        visits.click(at, slug, QUERIES.get(random.nextInt(QUERIES.size())), ip, agent);
      } else if (what < 9) {
        visits.capture(at, ClickTarget.pageView(workspaceId, 9), ip, agent);
      } else {
        long widget = 1 + random.nextInt(4);
        ClickTarget tap =
            widget == 4
                ? ClickTarget.widgetTap(
                    workspaceId, 9, widget, "social", random.nextBoolean() ? "Instagram" : "X")
                : ClickTarget.widgetTap(workspaceId, 9, widget, "link", "W" + widget);
        visits.capture(at, tap, ip, agent);
      }
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  @Order(1)
  void rollupsEqualARecomputationFromRawClicks() throws Exception {
    try (Connection c = collector.collector().database().connection()) {
      RollupRecount.Recomputed expected = RollupRecount.recompute(c);
      assertThat(expected.uniqueFlags()).hasSizeGreaterThan(300).contains(true, false);
      assertThat(expected.cells().get(Level.HOUR)).hasSizeGreaterThan(300);
      assertThat(expected.cells().get(Level.DAY)).hasSizeGreaterThan(500);
      assertThat(expected.uniqueFlags())
          .as("unique flags, seed %d", SEED)
          .isEqualTo(RollupRecount.flags(c));
      for (Level level : Level.values()) {
        assertThat(RollupRecount.rollups(c, level))
            .as("%s, seed %d", level.table, SEED)
            .isEqualTo(expected.cells().get(level));
      }
    }
  }

  @Test
  @Order(2)
  void rebuildingFromRawClicksGivesTheSameRollupsInANewSyncGeneration() throws Exception {
    try (Connection c = collector.collector().database().connection()) {
      Map<String, List<Long>> before = RollupRecount.rollups(c, Level.HOUR);
      long generation = RollupFeed.generation(c);
      long rebuilt = new RollupRebuild(collector.collector().database().dataSource()).run(n -> {});
      assertThat(rebuilt).isGreaterThan(300);
      assertThat(RollupRecount.rollups(c, Level.HOUR)).isEqualTo(before);
      RollupRecount.Recomputed expected = RollupRecount.recompute(c);
      assertThat(RollupRecount.flags(c)).isEqualTo(expected.uniqueFlags());
      for (Level level : Level.values()) {
        assertThat(RollupRecount.rollups(c, level))
            .as(level.table)
            .isEqualTo(expected.cells().get(level));
      }
      assertThat(RollupFeed.generation(c)).isEqualTo(generation + 1);
    }
  }

  @Test
  @Order(3)
  void statisticsFromRollupsEqualTheRawClicksForRandomRanges() throws Exception {
    Random random = new Random(SEED);
    List<Integer> dims = new ArrayList<>(List.of(Dim.TOTAL));
    Dim.ALL.forEach(d -> dims.add(Dim.code(d)));
    List<Integer> pageDims = new ArrayList<>(dims);
    pageDims.add(Dim.WIDGET);
    RollupCells rollups = new RollupCells();
    RawCells raw = new RawCells(Map.of());
    Instant start = Instant.parse("2026-01-30T00:00:00Z");
    try (Connection c = collector.collector().database().connection()) {
      for (int i = 0; i < 40; i++) {
        // Whole hours in and around the four days of clicks: edges inside days, whole days,
        // ranges shorter than a day and ranges across midnight.
        Instant from = start.plus(Duration.ofHours(random.nextInt(5 * 24)));
        Range range = new Range(from, from.plus(Duration.ofHours(1 + random.nextInt(4 * 24))));
        for (Target target :
            List.of(
                Target.link(workspaceId, linkIds.get(random.nextInt(linkIds.size()))),
                Target.links(workspaceId, linkIds),
                Target.workspace(workspaceId))) {
          assertThat(rollups.cellCounts(c, target, range, VisitKind.CLICK, dims))
              .as("%s %s, seed %d", target, range, SEED)
              .isEqualTo(withoutEmpty(raw.cellCounts(c, target, range, VisitKind.CLICK, dims)));
          assertThat(CellSource.readPerLink(c, rollups.perLink(target, range)))
              .as("links of %s %s, seed %d", target, range, SEED)
              .isEqualTo(CellSource.readPerLink(c, raw.perLink(target, range)));
        }
        Target page = Target.page(workspaceId, 9);
        assertThat(rollups.cellCounts(c, page, range, VisitKind.VIEW, dims))
            .as("views of %s %s, seed %d", page, range, SEED)
            .isEqualTo(withoutEmpty(raw.cellCounts(c, page, range, VisitKind.VIEW, dims)));
        assertThat(rollups.cellCounts(c, page, range, VisitKind.TAP, pageDims))
            .as("taps of %s %s, seed %d", page, range, SEED)
            .isEqualTo(withoutEmpty(raw.cellCounts(c, page, range, VisitKind.TAP, pageDims)));
      }
    }
  }

  /** Raw cells of the dimensions that have values (rollups hold no empty dimension). */
  private static Map<Integer, Map<String, Counts>> withoutEmpty(
      Map<Integer, Map<String, Counts>> cells) {
    Map<Integer, Map<String, Counts>> kept = new HashMap<>(cells);
    kept.values().removeIf(Map::isEmpty);
    return kept;
  }

  @Test
  @Order(4)
  void unfilteredStatisticsReadOnlyRollupsThroughTheirKeys() throws Exception {
    Range range =
        new Range(Instant.parse("2025-11-15T05:00:00Z"), Instant.parse("2026-02-03T07:00:00Z"));
    assertThat(range.segments())
        .extracting(Range.Segment::level)
        .contains(Level.MONTH, Level.DAY, Level.HOUR);
    RollupCells rollups = new RollupCells();
    List<Integer> dims = new ArrayList<>(List.of(Dim.TOTAL));
    Dim.ALL.forEach(d -> dims.add(Dim.code(d)));
    List<Target> targets =
        List.of(
            Target.link(workspaceId, linkIds.getFirst()),
            Target.links(workspaceId, linkIds),
            Target.page(workspaceId, 9),
            Target.workspace(workspaceId));
    try (Connection c = collector.collector().database().connection()) {
      for (Target target : targets) {
        for (Sql sql :
            List.of(
                rollups.cells(target, range, VisitKind.CLICK, dims),
                rollups.hourly(target, range, VisitKind.CLICK),
                rollups.perLink(target, range))) {
          for (Map<String, String> row : explain(c, sql)) {
            assertThat(row.get("table")).as(sql.text()).isNotEqualTo("click");
            if (row.get("table") != null && row.get("table").startsWith("rollup_")) {
              assertThat(row.get("key")).as("index use in %s", sql.text()).isNotNull();
            }
          }
        }
        // Dimension cells of the edge hours come from the raw clicks of those hours only, through
        // the time index of the target.
        Sql edges = rollups.edgeClicks(target, range, VisitKind.CLICK, dims);
        if (target.scope() == Scope.WORKSPACE) {
          assertThat(edges).as("a workspace keeps every dimension hourly").isNull();
          continue;
        }
        assertThat(edges.text()).contains("clicked_at >= ? AND clicked_at < ?");
        for (Map<String, String> row : explain(c, edges)) {
          if (row.get("table") != null) {
            assertThat(row.get("table")).isEqualTo("click");
            assertThat(row.get("key")).as(edges.text()).startsWith("ix_click_");
            assertThat(row.get("type")).as(edges.text()).isEqualTo("range");
          }
        }
        assertThat(rollups.cells(target, range, VisitKind.CLICK, dims).text())
            .doesNotContain("FROM click")
            .doesNotContain("FROM rollup_hour");
      }
      Sql filtered =
          new RawCells(Map.of(Dimension.COUNTRY, "DE"))
              .cells(Target.link(workspaceId, linkIds.getFirst()), range, VisitKind.CLICK, dims);
      assertThat(explain(c, filtered))
          .extracting(row -> row.get("key"))
          .containsOnly("ix_click_link_time");
    }
  }

  private static List<Map<String, String>> explain(Connection c, Sql sql) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (PreparedStatement s = sql.prepare(c, "EXPLAIN ");
        ResultSet result = s.executeQuery()) {
      while (result.next()) {
        Map<String, String> row = new HashMap<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.put(result.getMetaData().getColumnLabel(i), result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
