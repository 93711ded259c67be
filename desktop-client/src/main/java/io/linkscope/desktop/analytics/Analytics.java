package io.linkscope.desktop.analytics;

import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.SeriesPoint;
import io.linkscope.desktop.ui.Slice;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every number the app shows, computed from the synced rollups in the local store (hourly totals,
 * daily cells of the other dimensions): this is what makes charts, tables and the map work offline
 * and fast. Safe to call from any background thread.
 */
public final class Analytics {
  private static final String WORKSPACE_HOURS =
      """
      select hour, clicks, uniques from workspace_hour
      where kind = ? and dimension = 'total' and hour >= ? and hour < ?
      """;
  private static final String SCOPE_HOURS =
      """
      select hour, clicks, uniques from rollup
      where scope = ? and scope_id = ? and kind = ? and dimension = 'total'
        and hour >= ? and hour < ?
      """;
  private static final String WORKSPACE_BREAKDOWN =
      """
      select value, sum(clicks), sum(uniques) from workspace_hour
      where kind = ? and dimension = ? and hour >= ? and hour < ?
      group by value order by 2 desc, 1
      """;
  private static final String SCOPE_BREAKDOWN =
      """
      select value, sum(clicks), sum(uniques) from rollup
      where scope = ? and scope_id = ? and kind = ? and dimension = ? and hour >= ? and hour < ?
      group by value order by 2 desc, 1
      """;
  private static final String SCOPE_DAYS =
      """
      select scope_id, sum(clicks), sum(uniques) from scope_day
      where scope = ? and kind = ? and day >= ? and day < ?
      group by scope_id
      """;
  // SQLite would rather walk the primary key from scope = 'link', which reads every cell of every
  // link (seconds in a store of 30M cells); the partial index reads only the hours asked for.
  static final String SCOPE_EDGE_HOURS =
      """
      select scope_id, sum(clicks), sum(uniques) from rollup indexed by rollup_total_by_hour
      where dimension = 'total' and hour >= ? and hour < ? and scope = ? and kind = ?
      group by scope_id
      """;

  private static final String WORKSPACE_VALUE_DAYS =
      """
      select hour, clicks, uniques from workspace_hour
      where kind = ? and dimension = ? and value = ? and hour >= ? and hour < ?
      """;
  private static final String SCOPE_VALUE_DAYS =
      """
      select hour, clicks, uniques from rollup
      where scope = ? and scope_id = ? and kind = ? and dimension = ? and value = ?
        and hour >= ? and hour < ?
      """;

  private final LocalStore store;

  public Analytics(LocalStore store) {
    this.store = store;
  }

  /** Hourly "total" cells of a scope in the range, as UTC hour number → counts. */
  private Map<Long, Counts> hours(Scope scope, TimeRange range) {
    return store.query(
        c -> {
          Map<Long, Counts> hours = new HashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(scope.isWorkspace() ? WORKSPACE_HOURS : SCOPE_HOURS)) {
            int i = 1;
            if (!scope.isWorkspace()) {
              s.setString(i++, scope.scope());
              s.setLong(i++, Objects.requireNonNull(scope.scopeId()));
            }
            s.setString(i++, scope.kind());
            s.setLong(i++, range.fromHour());
            s.setLong(i, range.toHour());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                hours.put(rows.getLong(1), new Counts(rows.getLong(2), rows.getLong(3)));
              }
            }
          }
          return hours;
        });
  }

  public Counts totals(Scope scope, TimeRange range) {
    return hours(scope, range).values().stream().reduce(Counts.ZERO, Counts::plus);
  }

  /** The time series in the range's zone and granularity, with empty buckets as zeros. */
  public List<SeriesPoint> series(Scope scope, TimeRange range) {
    Granularity granularity = range.granularity();
    Map<ZonedDateTime, Counts> buckets = new LinkedHashMap<>();
    ZonedDateTime end = range.to().atZone(range.zone());
    for (ZonedDateTime bucket = granularity.bucketOf(range.from().atZone(range.zone()));
        bucket.isBefore(end);
        bucket = granularity.next(bucket)) {
      buckets.put(bucket, Counts.ZERO);
    }
    hours(scope, range)
        .forEach(
            (hour, counts) -> {
              ZonedDateTime bucket =
                  granularity.bucketOf(Instant.ofEpochSecond(hour * 3600).atZone(range.zone()));
              buckets.merge(bucket, counts, Counts::plus);
            });
    List<SeriesPoint> points = new ArrayList<>(buckets.size());
    buckets.forEach((start, counts) -> points.add(new SeriesPoint(start, counts)));
    return points;
  }

  /** Clicks by local weekday (row 0 = Monday) and hour of day (column) in the range's zone. */
  public long[][] heatmap(Scope scope, TimeRange range) {
    long[][] cells = new long[7][24];
    hours(scope, range)
        .forEach(
            (hour, counts) -> {
              ZonedDateTime local = Instant.ofEpochSecond(hour * 3600).atZone(range.zone());
              cells[local.getDayOfWeek().getValue() - 1][local.getHour()] += counts.clicks();
            });
    return cells;
  }

  /**
   * The values of one dimension (wire name, e.g. "country") in the range, largest first. The
   * collector keeps dimension cells per UTC day, so this counts every UTC day the range touches: in
   * a zone away from UTC the first and last local day may bring part of a neighbouring day.
   */
  public List<Slice> breakdown(Scope scope, String dimension, TimeRange range) {
    return store.query(
        c -> {
          List<Slice> slices = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(scope.isWorkspace() ? WORKSPACE_BREAKDOWN : SCOPE_BREAKDOWN)) {
            int i = 1;
            if (!scope.isWorkspace()) {
              s.setString(i++, scope.scope());
              s.setLong(i++, Objects.requireNonNull(scope.scopeId()));
            }
            s.setString(i++, scope.kind());
            s.setString(i++, dimension);
            s.setLong(i++, Math.floorDiv(range.fromHour(), 24) * 24);
            s.setLong(i, range.toHour());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                slices.add(
                    new Slice(rows.getString(1), new Counts(rows.getLong(2), rows.getLong(3))));
              }
            }
          }
          return slices;
        });
  }

  /**
   * Counts per scope id (e.g. per link) in the range, largest first: whole UTC days come from the
   * daily aggregate, the partial days at both ends from the hourly cells, so the result is exact.
   */
  public List<Slice> perScope(String scope, String kind, TimeRange range) {
    long fromHour = range.fromHour();
    long toHour = range.toHour();
    long firstDay = Math.floorDiv(fromHour + 23, 24);
    long endDay = Math.floorDiv(toHour, 24);
    Map<String, Counts> sums = new HashMap<>();
    store.read(
        c -> {
          if (firstDay < endDay) {
            addSums(c, SCOPE_DAYS, sums, scope, kind, firstDay, endDay, true);
            addSums(c, SCOPE_EDGE_HOURS, sums, scope, kind, fromHour, firstDay * 24, false);
            addSums(c, SCOPE_EDGE_HOURS, sums, scope, kind, endDay * 24, toHour, false);
          } else {
            addSums(c, SCOPE_EDGE_HOURS, sums, scope, kind, fromHour, toHour, false);
          }
        });
    List<Slice> slices = new ArrayList<>();
    sums.forEach((id, counts) -> slices.add(new Slice(id, counts)));
    slices.sort(
        (a, b) ->
            Long.compare(b.counts().clicks(), a.counts().clicks()) != 0
                ? Long.compare(b.counts().clicks(), a.counts().clicks())
                : a.value().compareTo(b.value()));
    return slices;
  }

  /**
   * The daily cells of one dimension value ({@code filter}) in the UTC days the range touches, as
   * UTC hour number of the day's start → counts. The local copy keeps each dimension of a link per
   * UTC day and on its own: this is all a filter can read from it (no hours, no other dimension).
   */
  private Map<Long, Counts> valueDays(Scope scope, Filter filter, TimeRange range) {
    return store.query(
        c -> {
          Map<Long, Counts> days = new HashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(scope.isWorkspace() ? WORKSPACE_VALUE_DAYS : SCOPE_VALUE_DAYS)) {
            int i = 1;
            if (!scope.isWorkspace()) {
              s.setString(i++, scope.scope());
              s.setLong(i++, Objects.requireNonNull(scope.scopeId()));
            }
            s.setString(i++, scope.kind());
            s.setString(i++, filter.dimension());
            s.setString(i++, filter.value());
            s.setLong(i++, Math.floorDiv(range.fromHour(), 24) * 24);
            s.setLong(i, range.toHour());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                days.merge(
                    rows.getLong(1), new Counts(rows.getLong(2), rows.getLong(3)), Counts::plus);
              }
            }
          }
          return days;
        });
  }

  /**
   * Counts of the clicks that match {@code filter} in the range, counted like {@link #breakdown}:
   * every UTC day the range touches. Equal to the filter value's row of that breakdown.
   */
  public Counts totals(Scope scope, Filter filter, TimeRange range) {
    return valueDays(scope, filter, range).values().stream().reduce(Counts.ZERO, Counts::plus);
  }

  /**
   * Whether the daily cells of a dimension fill the buckets of the range exactly: the buckets are
   * days, weeks or months and every local midnight of the range is a UTC midnight (the zone is at
   * UTC+0 throughout).
   */
  public static boolean dailyCellsFit(TimeRange range) {
    if (range.granularity() == Granularity.HOUR) {
      return false;
    }
    var rules = range.zone().getRules();
    if (rules.getOffset(range.from()).getTotalSeconds() != 0) {
      return false;
    }
    var transition = rules.nextTransition(range.from());
    return transition == null || !transition.getInstant().isBefore(range.to());
  }

  /**
   * The series of the clicks matching {@code filter}, from the daily cells; only when {@link
   * #dailyCellsFit} (otherwise a local day would be given a neighbouring UTC day's clicks).
   */
  public List<SeriesPoint> series(Scope scope, Filter filter, TimeRange range) {
    if (!dailyCellsFit(range)) {
      throw new IllegalArgumentException("Daily cells do not fit the buckets of " + range);
    }
    Granularity granularity = range.granularity();
    Map<ZonedDateTime, Counts> buckets = new LinkedHashMap<>();
    ZonedDateTime end = range.to().atZone(range.zone());
    for (ZonedDateTime bucket = granularity.bucketOf(range.from().atZone(range.zone()));
        bucket.isBefore(end);
        bucket = granularity.next(bucket)) {
      buckets.put(bucket, Counts.ZERO);
    }
    valueDays(scope, filter, range)
        .forEach(
            (hour, counts) ->
                buckets.computeIfPresent(
                    granularity.bucketOf(Instant.ofEpochSecond(hour * 3600).atZone(range.zone())),
                    (bucket, sum) -> sum.plus(counts)));
    List<SeriesPoint> points = new ArrayList<>(buckets.size());
    buckets.forEach((start, counts) -> points.add(new SeriesPoint(start, counts)));
    return points;
  }

  private static void addSums(
      java.sql.Connection c,
      String sql,
      Map<String, Counts> sums,
      String scope,
      String kind,
      long from,
      long to,
      boolean scopeFirst)
      throws java.sql.SQLException {
    if (from >= to) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (scopeFirst) {
        s.setString(1, scope);
        s.setString(2, kind);
        s.setLong(3, from);
        s.setLong(4, to);
      } else {
        s.setLong(1, from);
        s.setLong(2, to);
        s.setString(3, scope);
        s.setString(4, kind);
      }
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          sums.merge(rows.getString(1), new Counts(rows.getLong(2), rows.getLong(3)), Counts::plus);
        }
      }
    }
  }
}
