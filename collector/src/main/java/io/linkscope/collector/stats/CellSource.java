package io.linkscope.collector.stats;

import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where statistics come from: the rollups (unfiltered queries) or the raw click table (filtered
 * ones). Both answer in the same cells, so every number is computed by the same code above them.
 */
interface CellSource {

  /** Counts by dimension code and value; dimension {@link Dim#TOTAL} has the single value "". */
  Sql cells(Target target, Range range, VisitKind kind, List<Integer> dims);

  /** Runs {@link #cells} (and whatever else this source needs) and merges the counts. */
  default Map<Integer, Map<String, Counts>> cellCounts(
      Connection c, Target target, Range range, VisitKind kind, List<Integer> dims)
      throws SQLException {
    return readCells(c, cells(target, range, kind, dims));
  }

  /** Totals per UTC hour: columns hours since 1970 (UTC), then the four counts. */
  Sql hourly(Target target, Range range, VisitKind kind);

  /** Link clicks per link id of a workspace or tag: columns link id, then the four counts. */
  Sql perLink(Target target, Range range);

  String SUMS = "SUM(clicks), SUM(uniques), SUM(bot_clicks), SUM(bot_uniques)";

  static Counts counts(ResultSet row, int first) throws SQLException {
    return new Counts(
        row.getLong(first), row.getLong(first + 1), row.getLong(first + 2), row.getLong(first + 3));
  }

  static Map<Integer, Map<String, Counts>> readCells(Connection c, Sql sql) throws SQLException {
    Map<Integer, Map<String, Counts>> cells = new HashMap<>();
    sql.forEachRow(
        c,
        row ->
            cells
                .computeIfAbsent(row.getInt(1), d -> new HashMap<>())
                .merge(
                    row.getBytes(2) == null
                        ? ""
                        : new String(row.getBytes(2), java.nio.charset.StandardCharsets.UTF_8),
                    counts(row, 3),
                    Counts::plus));
    return cells;
  }

  static SortedMap<Instant, Counts> readHourly(Connection c, Sql sql) throws SQLException {
    SortedMap<Instant, Counts> hours = new TreeMap<>();
    sql.forEachRow(
        c,
        row ->
            hours.merge(
                Instant.ofEpochSecond(row.getLong(1) * 3600), counts(row, 2), Counts::plus));
    return hours;
  }

  static Map<Long, Counts> readPerLink(Connection c, Sql sql) throws SQLException {
    Map<Long, Counts> links = new HashMap<>();
    sql.forEachRow(c, row -> links.merge(row.getLong(1), counts(row, 2), Counts::plus));
    links.values().removeIf(Counts::isZero);
    return links;
  }
}
