package io.linkscope.collector.stats;

import java.util.List;

/** Reads statistics from the hourly, daily and monthly rollups; never from the click table. */
final class RollupCells implements CellSource {

  @Override
  public Sql cells(Target target, Range range, Kind kind, List<Integer> dims) {
    Sql.Builder sql = new Sql.Builder();
    unionOverSegments(
        sql,
        range,
        segment -> {
          sql.append(
              "SELECT dim, CAST(value AS BINARY), " + SUMS + " FROM " + segment.level().table);
          whereScope(sql, target, kind);
          sql.append(" AND dim").in(dims);
          period(sql, segment.from(), segment.to());
          sql.append(" GROUP BY dim, value");
        });
    return sql.build();
  }

  @Override
  public Sql hourly(Target target, Range range, Kind kind) {
    Sql.Builder sql =
        new Sql.Builder()
            .append(
                "SELECT DATE_FORMAT(period, '%Y-%m-%d %H:00:00'), " + SUMS + " FROM rollup_hour");
    whereScope(sql, target, kind);
    sql.append(" AND dim = ?", Dim.TOTAL);
    period(sql, range.from(), range.to());
    return sql.append(" GROUP BY period").build();
  }

  @Override
  public Sql perLink(Target target, Range range) {
    Sql.Builder sql = new Sql.Builder();
    unionOverSegments(
        sql,
        range,
        segment -> {
          // Top links of a workspace are a breakdown of its own cells by link; a tag's links
          // are read one scope each.
          boolean workspace = target.scope() == Scope.WORKSPACE;
          sql.append(
              "SELECT "
                  + (workspace ? "CAST(value AS UNSIGNED)" : "scope_id")
                  + ", "
                  + SUMS
                  + " FROM "
                  + segment.level().table);
          whereScope(sql, target, Kind.CLICK);
          sql.append(" AND dim = ?", workspace ? Dim.LINK : Dim.TOTAL);
          period(sql, segment.from(), segment.to());
          sql.append(workspace ? " GROUP BY value" : " GROUP BY scope_id");
        });
    return sql.build();
  }

  private static void unionOverSegments(
      Sql.Builder sql, Range range, java.util.function.Consumer<Range.Segment> select) {
    List<Range.Segment> segments = range.segments();
    if (segments.isEmpty()) {
      // An empty range still answers with the right columns and no rows.
      segments = List.of(new Range.Segment(Level.HOUR, range.from(), range.from()));
    }
    for (int i = 0; i < segments.size(); i++) {
      sql.append(i == 0 ? "(" : " UNION ALL (");
      select.accept(segments.get(i));
      sql.append(")");
    }
  }

  private static void whereScope(Sql.Builder sql, Target target, Kind kind) {
    sql.append(" WHERE scope = ? AND scope_id", target.scope().code)
        .in(target.ids())
        .append(" AND kind = ? AND workspace_id = ?", kind.code, target.workspaceId());
  }

  private static void period(Sql.Builder sql, java.time.Instant from, java.time.Instant to) {
    sql.append(" AND period >= ? AND period < ?", from, to);
  }
}
