package io.linkscope.collector.stats;

import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads statistics from the rollups: whole UTC months and days from the monthly and daily cells,
 * the hours left at the edges of a range from the hourly cells (a workspace's, or a link's or
 * page's totals) or, for a dimension of a link or page, from the raw clicks of those hours (see
 * decision 0003). Segments that {@link Range#segments} subtracts are read with negative counts.
 */
final class RollupCells implements CellSource {

  @Override
  public Sql cells(Target target, Range range, VisitKind kind, List<Integer> dims) {
    boolean hourly = hasHourlyCells(target, dims);
    Sql.Builder sql = new Sql.Builder();
    unionOverSegments(
        sql,
        range,
        segment -> hourly || segment.level() != Level.HOUR,
        segment -> {
          sql.append(
              "SELECT dim, CAST(value AS BINARY), "
                  + sums(segment)
                  + " FROM "
                  + segment.level().table);
          whereScope(sql, target, kind);
          sql.append(" AND dim").in(dims);
          period(sql, segment.from(), segment.to());
          sql.append(" GROUP BY dim, value");
        });
    return sql.build();
  }

  @Override
  public Map<Integer, Map<String, Counts>> cellCounts(
      Connection c, Target target, Range range, VisitKind kind, List<Integer> dims)
      throws SQLException {
    Map<Integer, Map<String, Counts>> cells =
        CellSource.readCells(c, cells(target, range, kind, dims));
    Sql edges = edgeClicks(target, range, kind, dims);
    if (edges != null) {
      addEdgeClicks(c, edges, dims, cells);
    }
    // A value seen only in subtracted hours nets out to nothing.
    cells.values().forEach(values -> values.values().removeIf(Counts::isZero));
    cells.values().removeIf(Map::isEmpty);
    return cells;
  }

  /** The four sums of a segment, negated when it is subtracted. */
  private static String sums(Range.Segment segment) {
    return segment.subtract()
        ? "-SUM(clicks), -SUM(uniques), -SUM(bot_clicks), -SUM(bot_uniques)"
        : SUMS;
  }

  /**
   * The raw clicks of the hours at the edges of a range, when a link's or page's dimension cells
   * are asked for: one row per click with its sign (-1 in subtracted hours), its bot and unique
   * flags and its value of each dimension, or null when the range has no such hours.
   */
  @Nullable Sql edgeClicks(Target target, Range range, VisitKind kind, List<Integer> dims) {
    if (hasHourlyCells(target, dims)) {
      return null;
    }
    List<Range.Segment> hours =
        range.segments().stream().filter(s -> s.level() == Level.HOUR).toList();
    if (hours.isEmpty()) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    for (int dim : dims) {
      columns.add(RawCells.column(dim));
    }
    Sql.Builder sql = new Sql.Builder();
    for (int i = 0; i < hours.size(); i++) {
      sql.append(i == 0 ? "(" : " UNION ALL (");
      sql.append(
          "SELECT "
              + (hours.get(i).subtract() ? "-1" : "1")
              + ", bot, is_unique, "
              + String.join(", ", columns)
              + " FROM click WHERE ");
      RawCells.target(sql, target);
      sql.append(" AND kind = ?", kind.code);
      RawCells.matching(sql, new Range(hours.get(i).from(), hours.get(i).to()), Map.of());
      sql.append(")");
    }
    return sql.build();
  }

  private static void addEdgeClicks(
      Connection c, Sql edges, List<Integer> dims, Map<Integer, Map<String, Counts>> cells)
      throws SQLException {
    List<Map<String, long[]>> counts = new ArrayList<>(dims.size());
    for (int i = 0; i < dims.size(); i++) {
      counts.add(new HashMap<>());
    }
    edges.forEachRow(
        c,
        row -> {
          int sign = row.getInt(1);
          int offset = row.getBoolean(2) ? 2 : 0;
          boolean unique = row.getBoolean(3);
          for (int d = 0; d < dims.size(); d++) {
            String value = row.getString(4 + d);
            long[] sums =
                counts.get(d).computeIfAbsent(value == null ? "" : value, v -> new long[4]);
            sums[offset] += sign;
            if (unique) {
              sums[offset + 1] += sign;
            }
          }
        });
    for (int d = 0; d < dims.size(); d++) {
      Map<String, Counts> byValue = cells.computeIfAbsent(dims.get(d), k -> new HashMap<>());
      counts
          .get(d)
          .forEach(
              (value, sums) ->
                  byValue.merge(
                      value, new Counts(sums[0], sums[1], sums[2], sums[3]), Counts::plus));
    }
  }

  /** Totals are hourly for every scope; a workspace also keeps its other dimensions hourly. */
  private static boolean hasHourlyCells(Target target, List<Integer> dims) {
    return target.scope() == Scope.WORKSPACE || dims.equals(List.of(Dim.TOTAL));
  }

  @Override
  public Sql hourly(Target target, Range range, VisitKind kind) {
    Sql.Builder sql =
        new Sql.Builder()
            .append(
                "SELECT TIMESTAMPDIFF(HOUR, '1970-01-01', period), " + SUMS + " FROM rollup_hour");
    whereScope(sql, target, kind);
    sql.append(" AND dim = ?", Dim.TOTAL);
    period(sql, range.from(), range.to());
    return sql.append(" GROUP BY period").build();
  }

  @Override
  public Sql perLink(Target target, Range range) {
    // Top links of a workspace are a breakdown of its own cells by link; a tag's links are read
    // one scope each, from their totals.
    boolean workspace = target.scope() == Scope.WORKSPACE;
    Sql.Builder sql = new Sql.Builder();
    unionOverSegments(
        sql,
        range,
        segment -> true,
        segment -> {
          sql.append(
              "SELECT "
                  + (workspace ? "CAST(value AS UNSIGNED)" : "scope_id")
                  + ", "
                  + sums(segment)
                  + " FROM "
                  + segment.level().table);
          whereScope(sql, target, VisitKind.CLICK);
          sql.append(" AND dim = ?", workspace ? Dim.LINK : Dim.TOTAL);
          period(sql, segment.from(), segment.to());
          sql.append(workspace ? " GROUP BY value" : " GROUP BY scope_id");
        });
    return sql.build();
  }

  private static void unionOverSegments(
      Sql.Builder sql,
      Range range,
      java.util.function.Predicate<Range.Segment> include,
      Consumer<Range.Segment> select) {
    List<Range.Segment> segments = range.segments().stream().filter(include).toList();
    if (segments.isEmpty()) {
      // An empty range still answers with the right columns and no rows.
      segments = List.of(new Range.Segment(Level.MONTH, range.from(), range.from()));
    }
    for (int i = 0; i < segments.size(); i++) {
      sql.append(i == 0 ? "(" : " UNION ALL (");
      select.accept(segments.get(i));
      sql.append(")");
    }
  }

  private static void whereScope(Sql.Builder sql, Target target, VisitKind kind) {
    sql.append(" WHERE scope = ? AND scope_id", target.scope().code)
        .in(target.ids())
        .append(" AND kind = ? AND workspace_id = ?", kind.code, target.workspaceId());
  }

  private static void period(Sql.Builder sql, java.time.Instant from, java.time.Instant to) {
    sql.append(" AND period >= ? AND period < ?", from, to);
  }
}
