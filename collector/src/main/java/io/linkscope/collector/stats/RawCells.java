package io.linkscope.collector.stats;

import io.linkscope.api.stats.Dimension;
import io.linkscope.collector.db.Sql;
import java.util.List;
import java.util.Map;

/**
 * Reads filtered statistics from the raw click table through its (link, time), (page, time) and
 * (workspace, time) indexes: exact for any combination of filters, at the cost of reading every
 * matching click of the range.
 */
final class RawCells implements CellSource {
  static final String RAW_SUMS =
      "SUM(NOT bot), SUM(is_unique AND NOT bot), SUM(bot), SUM(is_unique AND bot)";

  private final Map<Dimension, String> filters;

  /**
   * @param filters dimension → value every click must have; "unknown" matches an empty value
   */
  RawCells(Map<Dimension, String> filters) {
    this.filters = Map.copyOf(filters);
  }

  @Override
  public Sql cells(Target target, Range range, VisitKind kind, List<Integer> dims) {
    Sql.Builder sql = new Sql.Builder();
    for (int i = 0; i < dims.size(); i++) {
      int dim = dims.get(i);
      sql.append(i == 0 ? "(" : " UNION ALL (");
      sql.append("SELECT " + dim + ", CAST(" + column(dim) + " AS BINARY) AS v, " + RAW_SUMS);
      where(sql, target, range, kind);
      sql.append(" GROUP BY v)");
    }
    return sql.build();
  }

  @Override
  public Sql hourly(Target target, Range range, VisitKind kind) {
    Sql.Builder sql =
        new Sql.Builder()
            .append("SELECT TIMESTAMPDIFF(HOUR, '1970-01-01', clicked_at) AS h, " + RAW_SUMS);
    where(sql, target, range, kind);
    return sql.append(" GROUP BY h").build();
  }

  @Override
  public Sql perLink(Target target, Range range) {
    Sql.Builder sql = new Sql.Builder().append("SELECT link_id, " + RAW_SUMS);
    where(sql, target, range, VisitKind.CLICK);
    return sql.append(" GROUP BY link_id").build();
  }

  /** The click table's expression for a dimension code's value. */
  static String column(int dim) {
    if (dim == Dim.TOTAL) {
      return "''";
    }
    if (dim == Dim.WIDGET) {
      return Dim.TAPPED_COLUMN;
    }
    if (dim == Dim.LINK) {
      return "CAST(link_id AS CHAR)";
    }
    for (Dimension dimension : Dim.ALL) {
      if (Dim.code(dimension) == dim) {
        return Dim.column(dimension);
      }
    }
    throw new IllegalArgumentException("unknown dimension code " + dim);
  }

  private void where(Sql.Builder sql, Target target, Range range, VisitKind kind) {
    sql.append(" FROM click WHERE ");
    target(sql, target);
    sql.append(" AND kind = ?", kind.code);
    matching(sql, range, filters);
  }

  /** The click table's condition for a target's clicks (any kind). */
  static void target(Sql.Builder sql, Target target) {
    switch (target.scope()) {
      case LINK -> sql.append("link_id").in(target.ids()).append(" AND ");
      case PAGE -> sql.append("page_id").in(target.ids()).append(" AND ");
      case WORKSPACE -> sql.append("");
    }
    sql.append("workspace_id = ?", target.workspaceId());
  }

  /** The click table's condition for a range and filters. */
  static void matching(Sql.Builder sql, Range range, Map<Dimension, String> filters) {
    sql.append(" AND clicked_at >= ? AND clicked_at < ?", range.from(), range.to());
    filters.forEach(
        (dimension, value) ->
            sql.append(
                " AND " + Dim.column(dimension) + " = ?", value.equals("unknown") ? "" : value));
  }
}
