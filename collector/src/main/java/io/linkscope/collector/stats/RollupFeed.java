package io.linkscope.collector.stats;

import io.linkscope.api.sync.RollupRow;
import io.linkscope.api.sync.SyncRollups;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.HttpError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The rollup cells of a workspace changed since a cursor, for the desktop app's offline copy:
 * hourly totals and the daily cells of every other dimension, in one order of change. The cursor is
 * "generation.sequence": every upsert of a cell gives it the next sequence number, and a rollup
 * rebuild starts a new generation, which makes older cursors expire (409) so that clients start
 * over.
 */
public final class RollupFeed {
  private final DataSource dataSource;

  public RollupFeed(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public SyncRollups page(long workspaceId, @Nullable String cursor, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long generation = generation(c);
      long after = 0;
      if (cursor != null) {
        long[] parsed = parse(cursor);
        if (parsed[0] != generation) {
          throw HttpError.conflict(
              "cursor_expired",
              "The rollups were rebuilt; drop the local copy and sync again without a cursor.");
        }
        after = parsed[1];
      }
      List<RollupRow> rows = new ArrayList<>();
      long[] last = {after};
      new Sql.Builder()
          .append(
              """
              (SELECT scope, scope_id, period, kind, dim, value, clicks, uniques, bot_clicks, seq
                FROM rollup_hour WHERE workspace_id = ? AND seq > ? AND dim = 0 ORDER BY seq LIMIT ?)
              UNION ALL
              (SELECT scope, scope_id, period, kind, dim, value, clicks, uniques, bot_clicks, seq
                FROM rollup_day WHERE workspace_id = ? AND seq > ? AND dim <> 0 ORDER BY seq LIMIT ?)
              ORDER BY seq LIMIT ?
              """,
              workspaceId,
              after,
              limit + 1,
              workspaceId,
              after,
              limit + 1,
              limit + 1)
          .build()
          .forEachRow(
              c,
              row -> {
                if (rows.size() == limit) {
                  return;
                }
                rows.add(
                    new RollupRow(
                        Scope.of(row.getInt(1)).wireName,
                        row.getLong(2),
                        row.getTimestamp(3).toInstant(),
                        VisitKind.of(row.getInt(4)).wireName,
                        Dim.wireName(row.getInt(5)),
                        row.getString(6),
                        row.getLong(7),
                        row.getLong(8),
                        row.getLong(9)));
                last[0] = row.getLong(10);
              });
      boolean more = rows.size() == limit && hasMore(c, workspaceId, last[0]);
      return new SyncRollups(rows, generation + "." + last[0], more);
    }
  }

  private static boolean hasMore(Connection c, long workspaceId, long after) throws SQLException {
    return Sql.of(
            """
            (SELECT 1 FROM rollup_hour WHERE workspace_id = ? AND seq > ? AND dim = 0 LIMIT 1)
            UNION ALL (SELECT 1 FROM rollup_day WHERE workspace_id = ? AND seq > ? AND dim <> 0 LIMIT 1)
            """,
            workspaceId,
            after,
            workspaceId,
            after)
        .exists(c);
  }

  static long generation(Connection c) throws SQLException {
    return Sql.of("SELECT generation FROM rollup_sequence WHERE id = 1")
        .one(c, row -> row.getLong(1))
        .orElse(0L);
  }

  private static long[] parse(String cursor) {
    int dot = cursor.indexOf('.');
    try {
      if (dot < 0) {
        throw new NumberFormatException();
      }
      return new long[] {
        Long.parseLong(cursor.substring(0, dot)), Long.parseLong(cursor.substring(dot + 1))
      };
    } catch (NumberFormatException e) {
      throw HttpError.invalidParameter("cursor", "is not a cursor this collector gave out.");
    }
  }
}
