package io.linkscope.collector.retention;

import io.linkscope.api.retention.PurgeReport;
import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Deletes raw clicks in small chunks, each its own short transaction that also adds its rows to the
 * purge's report. A chunk's ids are read first without locking (through a time index, from where
 * the last chunk ended) and then deleted by primary key, so a chunk locks only the rows it deletes:
 * the pipeline, which inserts new clicks, never waits for it, and redirects never touch MariaDB.
 * After each chunk the purge pauses as long as the chunk took, so it uses at most half of one
 * connection's time.
 */
final class ClickPurge {
  static final String RETENTION = "retention";
  static final String LINK = "link";

  /** How a purge is paced: rows per chunk, and the pause after a chunk relative to its time. */
  record Pacing(int chunkRows, double pauseFactor) {
    static final Pacing DEFAULT = new Pacing(1_000, 1.0);
  }

  /** Which raw clicks: those of a link, or of a workspace, stored before an instant. */
  record Selection(String column, long id, Instant before) {
    static Selection workspace(long workspaceId, Instant before) {
      return new Selection("workspace_id", workspaceId, before);
    }

    static Selection link(long linkId, Instant before) {
      return new Selection("link_id", linkId, before);
    }

    /** The next chunk's ids, oldest first, from {@code from} on (earlier ones are gone). */
    Sql chunk(Instant from, int rows) {
      // column is one of two names chosen above, never a caller's text.
      return Sql.of(
          "SELECT id, clicked_at FROM click WHERE "
              + column
              + " = ? AND clicked_at >= ? AND clicked_at < ? ORDER BY "
              + column
              + ", clicked_at LIMIT ?",
          id,
          from,
          before,
          rows);
    }
  }

  private final DataSource dataSource;
  private final Clock clock;
  private final Pacing pacing;

  ClickPurge(DataSource dataSource, Clock clock, Pacing pacing) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.pacing = pacing;
  }

  /** Starts a report of a purge, deletes the selected clicks chunk by chunk, and finishes it. */
  PurgeReport run(long workspaceId, String reason, @Nullable Long linkId, Selection selection)
      throws SQLException, InterruptedException {
    Map<String, @Nullable Object> values = new HashMap<>();
    values.put("workspace_id", workspaceId);
    values.put("reason", reason);
    values.put("link_id", linkId);
    values.put("clicked_before", selection.before());
    values.put("started_at", clock.instant());
    long reportId =
        Sql.named(
                """
                INSERT INTO click_purge (workspace_id, reason, link_id, clicked_before, started_at)
                VALUES (:workspace_id, :reason, :link_id, :clicked_before, :started_at)
                """,
                values)
            .insert(dataSource);
    delete(selection, reportId);
    Sql.of("UPDATE click_purge SET finished_at = ? WHERE id = ?", clock.instant(), reportId)
        .update(dataSource);
    return report(reportId).orElseThrow();
  }

  /**
   * Deletes the selected clicks; returns how many. With a report id, each chunk adds its rows to
   * that report in its own transaction.
   */
  long delete(Selection selection, long reportId) throws SQLException, InterruptedException {
    long deleted = 0;
    Instant from = Instant.EPOCH;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("purge interrupted");
      }
      long started = System.nanoTime();
      List<Stored> chunk =
          selection
              .chunk(from, pacing.chunkRows())
              .list(
                  dataSource, row -> new Stored(row.getLong("id"), Sql.instant(row, "clicked_at")));
      List<Long> ids = chunk.stream().map(Stored::id).toList();
      if (ids.isEmpty()) {
        return deleted;
      }
      Sql.inTransaction(
          dataSource,
          c -> {
            int rows =
                new Sql.Builder().append("DELETE FROM click WHERE id").in(ids).build().update(c);
            if (reportId > 0) {
              Sql.of(
                      "UPDATE click_purge SET rows_deleted = rows_deleted + ? WHERE id = ?",
                      rows,
                      reportId)
                  .update(c);
            }
          });
      deleted += ids.size();
      from = chunk.getLast().clickedAt();
      pause(System.nanoTime() - started);
    }
  }

  /** A click to delete and its time, from which the next chunk is read. */
  private record Stored(long id, Instant clickedAt) {}

  private void pause(long chunkNanos) throws InterruptedException {
    long pause = (long) (chunkNanos * pacing.pauseFactor());
    if (pause > 0) {
      Thread.sleep(Duration.ofNanos(pause));
    }
  }

  /** Deletes rows of {@code table} matching {@code where} in chunks of at most 5,000. */
  static long deleteInChunks(Connection c, String table, Sql where) throws SQLException {
    long total = 0;
    while (true) {
      int rows =
          new Sql.Builder()
              .append("DELETE FROM " + table + " WHERE ")
              .append(where)
              .append(" LIMIT 5000")
              .build()
              .update(c);
      total += rows;
      if (rows < 5000) {
        return total;
      }
    }
  }

  Optional<PurgeReport> report(long id) throws SQLException {
    return Sql.of(SELECT_REPORT + " WHERE id = ?", id).one(dataSource, ClickPurge::map);
  }

  List<PurgeReport> reports(long workspaceId, int limit) throws SQLException {
    return Sql.of(
            SELECT_REPORT + " WHERE workspace_id = ? ORDER BY id DESC LIMIT ?", workspaceId, limit)
        .list(dataSource, ClickPurge::map);
  }

  private static final String SELECT_REPORT =
      "SELECT id, reason, link_id, clicked_before, started_at, finished_at, rows_deleted"
          + " FROM click_purge";

  private static PurgeReport map(java.sql.ResultSet row) throws SQLException {
    return new PurgeReport(
        row.getLong("id"),
        row.getString("reason"),
        Sql.nullableLong(row, "link_id"),
        Sql.instant(row, "clicked_before"),
        Sql.instant(row, "started_at"),
        Sql.nullableInstant(row, "finished_at"),
        row.getLong("rows_deleted"));
  }
}
