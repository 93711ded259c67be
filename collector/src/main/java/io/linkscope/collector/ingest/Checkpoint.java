package io.linkscope.collector.ingest;

import io.linkscope.collector.db.Sql;
import io.linkscope.collector.journal.JournalPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A collector's journal positions in MariaDB: up to where its clicks are in the click table, and up
 * to where they are in the rollups. Each is saved in the transaction that writes what it counts
 * ({@link #commit}).
 */
enum Checkpoint {
  CLICKS("journal_checkpoint"),
  ROLLUPS("rollup_checkpoint");

  private final String upsert;
  private final String select;

  Checkpoint(String table) {
    this.upsert =
        """
        INSERT INTO %s (collector_id, segment, segment_offset, updated_at)
        VALUES (:collector, :segment, :offset, :now)
        ON DUPLICATE KEY UPDATE segment = VALUES(segment),
          segment_offset = VALUES(segment_offset), updated_at = VALUES(updated_at)
        """
            .formatted(table);
    this.select = "SELECT segment, segment_offset FROM %s WHERE collector_id = ?".formatted(table);
  }

  /** Database work of one transaction. */
  @FunctionalInterface
  interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} and moves this checkpoint to {@code position} in one transaction, watched by
   * {@code watch} while it runs; on failure neither happens. The move is timed by {@code clock}.
   */
  void commit(
      DataSource dataSource,
      String collectorId,
      JournalPosition position,
      LockWatch watch,
      Clock clock,
      Work work)
      throws SQLException {
    Sql.inTransaction(
        dataSource,
        c -> {
          try (LockWatch.Watched _ = watch.watch(c)) {
            work.run(c);
            save(c, collectorId, position, clock);
          }
        });
  }

  private void save(Connection c, String collectorId, JournalPosition position, Clock clock)
      throws SQLException {
    Sql.named(
            upsert,
            Map.of(
                "collector", collectorId,
                "segment", position.segment(),
                "offset", position.offset(),
                "now", clock.instant()))
        .update(c);
  }

  /** The saved position, or the journal's start when none was saved yet. */
  JournalPosition load(Connection c, String collectorId) throws SQLException {
    return Sql.of(select, collectorId)
        .one(c, row -> new JournalPosition(row.getLong(1), row.getLong(2)))
        .orElse(JournalPosition.START);
  }
}
