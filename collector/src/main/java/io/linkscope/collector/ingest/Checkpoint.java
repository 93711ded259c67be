package io.linkscope.collector.ingest;

import io.linkscope.collector.journal.JournalPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
        VALUES (?, ?, ?, ?)
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
   * {@code watch} while it runs; on failure neither happens.
   */
  void commit(
      DataSource dataSource,
      String collectorId,
      JournalPosition position,
      LockWatch watch,
      Work work)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        LockWatch.Watched _ = watch.watch(c)) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        save(c, collectorId, position);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // The connection is broken; the transaction is gone with it.
        }
        throw e;
      }
    }
  }

  private void save(Connection c, String collectorId, JournalPosition position)
      throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(this.upsert)) {
      upsert.setString(1, collectorId);
      upsert.setLong(2, position.segment());
      upsert.setLong(3, position.offset());
      upsert.setTimestamp(4, Timestamp.from(Instant.now()));
      upsert.executeUpdate();
    }
  }

  /** The saved position, or the journal's start when none was saved yet. */
  JournalPosition load(Connection c, String collectorId) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(this.select)) {
      select.setString(1, collectorId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? new JournalPosition(row.getLong(1), row.getLong(2))
            : JournalPosition.START;
      }
    }
  }
}
