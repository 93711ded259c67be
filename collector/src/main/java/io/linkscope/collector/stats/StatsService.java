package io.linkscope.collector.stats;

import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.CampaignReport;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.stats.Heatmap;
import io.linkscope.api.stats.LinkReport;
import io.linkscope.api.stats.Orphans;
import io.linkscope.api.stats.Overview;
import io.linkscope.api.stats.PageReport;
import io.linkscope.api.stats.Series;
import io.linkscope.api.stats.SeriesPoint;
import io.linkscope.api.stats.Summary;
import io.linkscope.api.stats.Totals;
import io.linkscope.api.stats.Velocity;
import io.linkscope.api.stats.VelocityPoint;
import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Computes every statistic from rollup or raw cells; the numbers all come from here. */
public final class StatsService {
  static final int SPIKE_BASELINE_HOURS = 24;
  static final double SPIKE_FACTOR = 3.0;
  static final long SPIKE_MIN_CLICKS = 10;

  private static final List<Integer> ALL_DIMS = allDims();

  /**
   * The title of a social row's taps recorded before each icon was counted on its own; {@code
   * rollups rebuild} splits them by icon.
   */
  static final String ALL_ICONS = "All icons";

  private final DataSource dataSource;
  private final LinkDirectory links;

  public StatsService(DataSource dataSource) {
    this.dataSource = dataSource;
    this.links = new LinkDirectory(dataSource);
  }

  public LinkDirectory links() {
    return links;
  }

  private static List<Integer> allDims() {
    List<Integer> dims = new ArrayList<>();
    dims.add(Dim.TOTAL);
    Dim.ALL.forEach(d -> dims.add(Dim.code(d)));
    return List.copyOf(dims);
  }

  // --- reports

  LinkReport report(StatsRequest q) throws SQLException {
    return withConnection(
        c -> {
          Map<Integer, Map<String, Counts>> cells =
              cells(c, q, q.range(), VisitKind.CLICK, ALL_DIMS);
          SortedMap<Instant, Counts> hours = hourly(c, q, q.range(), VisitKind.CLICK);
          return new LinkReport(
              summary(c, q, VisitKind.CLICK, cells),
              series(c, q, VisitKind.CLICK, hours),
              breakdowns(q, cells),
              heatmap(q, hours));
        });
  }

  Summary summary(StatsRequest q, VisitKind kind) throws SQLException {
    return withConnection(
        c -> summary(c, q, kind, cells(c, q, q.range(), kind, List.of(Dim.TOTAL))));
  }

  Series series(StatsRequest q, VisitKind kind) throws SQLException {
    return withConnection(c -> series(c, q, kind, hourly(c, q, q.range(), kind)));
  }

  public Breakdown breakdown(StatsRequest q, VisitKind kind, Dimension dimension)
      throws SQLException {
    return withConnection(
        c -> breakdown(dimension, cells(c, q, q.range(), kind, List.of(Dim.code(dimension))), q));
  }

  /**
   * Humans' link clicks of a link ({@code linkId}) or of the whole workspace over {@code range}, by
   * one rollup dimension ({@link Dim#TOTAL}, {@link Dim#LINK} for a workspace, or the code of a
   * {@link Dimension}), read from the same cells as every statistic; values without clicks left
   * out. The conversion reports divide by these.
   */
  public Map<String, Long> humanClicks(
      long workspaceId, @Nullable Long linkId, Range range, int dim) throws SQLException {
    Target target =
        linkId == null ? Target.workspace(workspaceId) : Target.link(workspaceId, linkId);
    StatsRequest q =
        new StatsRequest(target, range, ZoneOffset.UTC, Map.of(), Bots.EXCLUDE, Granularity.DAY, 0);
    return withConnection(
        c -> {
          Map<String, Long> clicks = new LinkedHashMap<>();
          cells(c, q, range, VisitKind.CLICK, List.of(dim))
              .getOrDefault(dim, Map.of())
              .forEach(
                  (value, counts) -> {
                    if (counts.clicks(Bots.EXCLUDE) != 0) {
                      clicks.put(value, counts.clicks(Bots.EXCLUDE));
                    }
                  });
          return clicks;
        });
  }

  Heatmap heatmap(StatsRequest q, VisitKind kind) throws SQLException {
    return withConnection(c -> heatmap(q, hourly(c, q, q.range(), kind)));
  }

  Overview overview(StatsRequest q) throws SQLException {
    return withConnection(
        c -> {
          List<Integer> dims =
              List.of(Dim.TOTAL, Dim.code(Dimension.COUNTRY), Dim.code(Dimension.SOURCE));
          Map<Integer, Map<String, Counts>> clicks = cells(c, q, q.range(), VisitKind.CLICK, dims);
          Map<Integer, Map<String, Counts>> views =
              cells(c, q, q.range(), VisitKind.VIEW, List.of(Dim.TOTAL));
          List<Overview.TopLink> top = new ArrayList<>();
          for (LinkCount link : topLinks(c, q, q.top())) {
            LinkDirectory.Names names = link.names();
            top.add(
                new Overview.TopLink(
                    link.linkId(),
                    names.slug(),
                    names.title(),
                    link.counts().clicks(q.bots()),
                    link.counts().uniques(q.bots())));
          }
          return new Overview(
              summary(c, q, VisitKind.CLICK, clicks),
              summary(c, q, VisitKind.VIEW, views),
              series(c, q, VisitKind.CLICK, hourly(c, q, q.range(), VisitKind.CLICK)),
              top,
              breakdown(Dimension.COUNTRY, clicks, q),
              breakdown(Dimension.SOURCE, clicks, q));
        });
  }

  PageReport page(StatsRequest q, long pageId) throws SQLException {
    return withConnection(
        c -> {
          Map<Integer, Map<String, Counts>> cells =
              cells(c, q, q.range(), VisitKind.VIEW, ALL_DIMS);
          SortedMap<Instant, Counts> hours = hourly(c, q, q.range(), VisitKind.VIEW);
          long views = total(cells).clicks(q.bots());
          Map<String, Counts> taps =
              cells(c, q, q.range(), VisitKind.TAP, List.of(Dim.WIDGET))
                  .getOrDefault(Dim.WIDGET, Map.of());
          Map<Long, String[]> widgets = links.widgets(c, pageId);
          List<PageReport.WidgetStats> widgetStats = new ArrayList<>();
          taps.forEach(
              (tapped, counts) -> {
                int slash = tapped.indexOf('/');
                long id = Long.parseLong(slash < 0 ? tapped : tapped.substring(0, slash));
                String[] typeAndTitle = widgets.getOrDefault(id, new String[] {"", ""});
                // A social row's icons are rows of their own, titled by platform; its taps from
                // before icons were counted apart have none.
                boolean social = Dim.SOCIAL.equals(typeAndTitle[0]);
                String icon = slash < 0 ? "" : tapped.substring(slash + 1);
                String title = slash >= 0 ? icon : social ? ALL_ICONS : typeAndTitle[1];
                long tapCount = counts.clicks(q.bots());
                if (tapCount > 0) {
                  widgetStats.add(
                      new PageReport.WidgetStats(
                          id,
                          typeAndTitle[0],
                          title,
                          icon.toLowerCase(java.util.Locale.ROOT),
                          tapCount,
                          counts.uniques(q.bots()),
                          views == 0 ? 0 : round((double) tapCount / views)));
                }
              });
          widgetStats.sort(
              Comparator.comparingLong(PageReport.WidgetStats::taps)
                  .reversed()
                  .thenComparingLong(PageReport.WidgetStats::widgetId)
                  .thenComparing(PageReport.WidgetStats::platform));
          return new PageReport(
              pageId,
              summary(c, q, VisitKind.VIEW, cells),
              series(c, q, VisitKind.VIEW, hours),
              breakdowns(q, cells),
              heatmap(q, hours),
              widgetStats);
        });
  }

  Velocity velocity(StatsRequest q) throws SQLException {
    return withConnection(
        c -> {
          Duration baseline = Duration.ofHours(SPIKE_BASELINE_HOURS);
          Range extended = new Range(q.range().from().minus(baseline), q.range().to());
          SortedMap<Instant, Counts> hours =
              CellSource.readHourly(c, q.source().hourly(q.target(), extended, VisitKind.CLICK));
          List<Long> clicks = new ArrayList<>();
          for (Instant h = extended.from(); h.isBefore(extended.to()); h = h.plusSeconds(3600)) {
            clicks.add(hours.getOrDefault(h, Counts.ZERO).clicks(q.bots()));
          }
          List<VelocityPoint> points = new ArrayList<>();
          long window = 0;
          for (int i = 0; i < SPIKE_BASELINE_HOURS; i++) {
            window += clicks.get(i);
          }
          for (int i = SPIKE_BASELINE_HOURS; i < clicks.size(); i++) {
            double mean = (double) window / SPIKE_BASELINE_HOURS;
            long now = clicks.get(i);
            boolean spike = now >= SPIKE_MIN_CLICKS && now >= SPIKE_FACTOR * mean;
            points.add(
                new VelocityPoint(extended.from().plusSeconds(3600L * i), now, round(mean), spike));
            window += now - clicks.get(i - SPIKE_BASELINE_HOURS);
          }
          return new Velocity(SPIKE_BASELINE_HOURS, SPIKE_FACTOR, SPIKE_MIN_CLICKS, points);
        });
  }

  CampaignReport campaign(StatsRequest q, String tag) throws SQLException {
    return withConnection(
        c -> {
          List<LinkCount> all = new ArrayList<>(topLinks(c, q, Integer.MAX_VALUE));
          all.addAll(withoutClicks(c, q, all));
          long clicks = 0;
          long uniques = 0;
          for (LinkCount link : all) {
            clicks += link.counts().clicks(q.bots());
            uniques += link.counts().uniques(q.bots());
          }
          List<CampaignReport.CampaignLink> rows = new ArrayList<>();
          for (LinkCount link : all) {
            long linkClicks = link.counts().clicks(q.bots());
            rows.add(
                new CampaignReport.CampaignLink(
                    link.linkId(),
                    link.names().slug(),
                    link.names().title(),
                    linkClicks,
                    link.counts().uniques(q.bots()),
                    clicks == 0 ? 0 : round((double) linkClicks / clicks)));
          }
          return new CampaignReport(tag, new Totals(clicks, uniques), rows);
        });
  }

  /** Visits to unknown paths by path; like every count, of humans unless {@code bots} says. */
  Orphans orphans(long workspaceId, Range range, Bots bots, int limit) throws SQLException {
    return withConnection(
        c -> {
          Sql sql =
              new Sql.Builder()
                  .append(
                      """
                      SELECT path, COUNT(*), MAX(clicked_at) FROM click
                      WHERE workspace_id = ? AND kind = ? AND clicked_at >= ? AND clicked_at < ?
                      """,
                      workspaceId,
                      io.linkscope.collector.click.ClickEvent.Kind.ORPHAN_VISIT.code(),
                      range.from(),
                      range.to())
                  .append(
                      switch (bots) {
                        case EXCLUDE -> " AND NOT bot";
                        case ONLY -> " AND bot";
                        case INCLUDE -> "";
                      })
                  .append(" GROUP BY path ORDER BY COUNT(*) DESC, path")
                  .build();
          List<Orphans.OrphanPath> paths = new ArrayList<>();
          long[] total = {0};
          sql.forEachRow(
              c,
              row -> {
                total[0] += row.getLong(2);
                if (paths.size() < limit) {
                  paths.add(
                      new Orphans.OrphanPath(
                          row.getString(1), row.getLong(2), row.getTimestamp(3).toInstant()));
                }
              });
          return new Orphans(total[0], paths);
        });
  }

  // --- building blocks

  /** A link's counts over a range, with its slug and title. */
  record LinkCount(long linkId, LinkDirectory.Names names, Counts counts) {}

  private List<LinkCount> topLinks(Connection c, StatsRequest q, int limit) throws SQLException {
    if (q.target().ids().isEmpty()) {
      return List.of();
    }
    Map<Long, Counts> perLink =
        CellSource.readPerLink(c, q.source().perLink(q.target(), q.range()));
    List<Map.Entry<Long, Counts>> ranked =
        perLink.entrySet().stream()
            .filter(e -> e.getValue().clicks(q.bots()) > 0)
            .sorted(
                Comparator.comparingLong(
                        (Map.Entry<Long, Counts> e) -> e.getValue().clicks(q.bots()))
                    .reversed()
                    .thenComparing(Map.Entry::getKey))
            .limit(limit)
            .toList();
    Map<Long, LinkDirectory.Names> names =
        links.names(c, ranked.stream().map(Map.Entry::getKey).toList());
    List<LinkCount> result = new ArrayList<>();
    for (Map.Entry<Long, Counts> entry : ranked) {
      result.add(
          new LinkCount(
              entry.getKey(),
              names.getOrDefault(entry.getKey(), LinkDirectory.Names.UNKNOWN),
              entry.getValue()));
    }
    return result;
  }

  /**
   * The live links of the target that {@code counted} lacks, with zero counts, by slug: a tagged
   * link nobody clicked belongs in its campaign as much as the busiest one. Deleted links appear
   * only when they have clicks in the range.
   */
  private List<LinkCount> withoutClicks(Connection c, StatsRequest q, List<LinkCount> counted)
      throws SQLException {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    counted.forEach(link -> seen.add(link.linkId()));
    List<Long> rest = q.target().ids().stream().filter(id -> !seen.contains(id)).toList();
    List<LinkCount> idle = new ArrayList<>();
    links
        .names(c, rest)
        .forEach(
            (id, names) -> {
              if (!names.deleted()) {
                idle.add(new LinkCount(id, names, Counts.ZERO));
              }
            });
    idle.sort(
        Comparator.comparing((LinkCount link) -> link.names().slug())
            .thenComparingLong(LinkCount::linkId));
    return idle;
  }

  private static Map<Integer, Map<String, Counts>> cells(
      Connection c, StatsRequest q, Range range, VisitKind kind, List<Integer> dims)
      throws SQLException {
    if (q.target().ids().isEmpty() || range.isEmpty()) {
      return Map.of();
    }
    return q.source().cellCounts(c, q.target(), range, kind, dims);
  }

  private static Counts total(Map<Integer, Map<String, Counts>> cells) {
    return cells.getOrDefault(Dim.TOTAL, Map.of()).getOrDefault("", Counts.ZERO);
  }

  private static Summary summary(
      Connection c, StatsRequest q, VisitKind kind, Map<Integer, Map<String, Counts>> current)
      throws SQLException {
    Counts now = total(current);
    Counts before = total(cells(c, q, q.range().previous(), kind, List.of(Dim.TOTAL)));
    Totals currentTotals = new Totals(now.clicks(q.bots()), now.uniques(q.bots()));
    Totals previousTotals = new Totals(before.clicks(q.bots()), before.uniques(q.bots()));
    return new Summary(
        currentTotals,
        previousTotals,
        change(currentTotals.clicks(), previousTotals.clicks()),
        change(currentTotals.uniques(), previousTotals.uniques()));
  }

  /** Relative change, e.g. 0.25 for +25%; null when there is nothing to compare with. */
  private static @Nullable Double change(long now, long before) {
    return before == 0 ? null : round((double) (now - before) / before);
  }

  private static List<Breakdown> breakdowns(
      StatsRequest q, Map<Integer, Map<String, Counts>> cells) {
    List<Breakdown> breakdowns = new ArrayList<>();
    for (Dimension dimension : Dim.ALL) {
      breakdowns.add(breakdown(dimension, cells, q));
    }
    return breakdowns;
  }

  /**
   * The top values of a dimension by clicks (ties by value), the rest summed as "other"; a
   * dimension without cells has no values.
   */
  private static Breakdown breakdown(
      Dimension dimension, Map<Integer, Map<String, Counts>> cells, StatsRequest q) {
    List<BreakdownRow> all = new ArrayList<>();
    long clicks = 0;
    long uniques = 0;
    for (Map.Entry<String, Counts> entry :
        cells.getOrDefault(Dim.code(dimension), Map.of()).entrySet()) {
      long valueClicks = entry.getValue().clicks(q.bots());
      if (valueClicks == 0) {
        continue;
      }
      clicks += valueClicks;
      uniques += entry.getValue().uniques(q.bots());
      String value = entry.getKey().isEmpty() ? "unknown" : entry.getKey();
      all.add(new BreakdownRow(value, valueClicks, entry.getValue().uniques(q.bots()), 0));
    }
    all.sort(
        Comparator.comparingLong(BreakdownRow::clicks)
            .reversed()
            .thenComparing(BreakdownRow::value));
    List<BreakdownRow> rows = new ArrayList<>();
    long otherClicks = 0;
    long otherUniques = 0;
    for (int i = 0; i < all.size(); i++) {
      BreakdownRow row = all.get(i);
      if (i < q.top()) {
        rows.add(
            new BreakdownRow(
                row.value(), row.clicks(), row.uniques(), share(row.clicks(), clicks)));
      } else {
        otherClicks += row.clicks();
        otherUniques += row.uniques();
      }
    }
    return new Breakdown(
        dimension.wireName(),
        rows,
        new BreakdownRow("other", otherClicks, otherUniques, share(otherClicks, clicks)),
        new Totals(clicks, uniques));
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : round((double) part / whole);
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static Series series(
      Connection c, StatsRequest q, VisitKind kind, SortedMap<Instant, Counts> currentHours)
      throws SQLException {
    Range previous = q.range().previous();
    return new Series(
        q.granularity().wireName(),
        points(q, q.range(), currentHours),
        points(q, previous, hourly(c, q, previous, kind)));
  }

  /** Local buckets from the bucket holding the range start to the one holding its last hour. */
  private static List<SeriesPoint> points(
      StatsRequest q, Range range, SortedMap<Instant, Counts> hours) {
    List<SeriesPoint> points = new ArrayList<>();
    Granularity g = q.granularity();
    Instant start = g.bucket(range.from(), q.zone());
    while (start.isBefore(range.to())) {
      Instant end = g.next(start, q.zone());
      Counts sum = Counts.ZERO;
      for (Counts counts : hours.subMap(start, end).values()) {
        sum = sum.plus(counts);
      }
      points.add(
          new SeriesPoint(
              start, g.label(start, q.zone()), sum.clicks(q.bots()), sum.uniques(q.bots())));
      start = end;
    }
    return points;
  }

  private static SortedMap<Instant, Counts> hourly(
      Connection c, StatsRequest q, Range range, VisitKind kind) throws SQLException {
    if (q.target().ids().isEmpty() || range.isEmpty()) {
      return new java.util.TreeMap<>();
    }
    return CellSource.readHourly(c, q.source().hourly(q.target(), range, kind));
  }

  private static Heatmap heatmap(StatsRequest q, SortedMap<Instant, Counts> hours) {
    long[][] clicks = new long[7][24];
    java.time.zone.ZoneRules rules = q.zone().getRules();
    // Hours come in order; the zone's offset is looked up again only after each transition.
    long offset = 0;
    Instant offsetUntil = Instant.MIN;
    for (Map.Entry<Instant, Counts> hour : hours.entrySet()) {
      Instant at = hour.getKey();
      if (!at.isBefore(offsetUntil)) {
        offset = rules.getOffset(at).getTotalSeconds();
        java.time.zone.ZoneOffsetTransition next = rules.nextTransition(at);
        offsetUntil = next == null ? Instant.MAX : next.getInstant();
      }
      long local = at.getEpochSecond() + offset;
      // 1 January 1970 was a Thursday: day 0 + 3 is Monday's row 0 + 3.
      int weekday = Math.floorMod(Math.floorDiv(local, 86_400) + 3, 7);
      int hourOfDay = Math.floorMod(local, 86_400) / 3_600;
      clicks[weekday][hourOfDay] += hour.getValue().clicks(q.bots());
    }
    return new Heatmap(q.zone().getId(), clicks);
  }

  // --- plumbing

  <T> T withConnection(Sql.Work<T, RuntimeException> work) throws SQLException {
    return Sql.withConnection(dataSource, work);
  }
}
