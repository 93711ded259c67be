package io.linkscope.collector.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A part of the database that is written from each batch of clicks, inside the batch's transaction:
 * the click table itself, link counters, the unique-visit decisions. Because the journal checkpoint
 * commits in the same transaction, each writer sees every click exactly once. Work that is cheaper
 * for many batches at once (the rollups) is a {@link ClickBatchFold} instead.
 */
public interface ClickBatchWriter {

  /**
   * Does the work on a batch that needs no database (encoding rows, counting cells), so that it can
   * run before the transaction and on another thread. Optional and idempotent: {@link #prepare} and
   * {@link #write} do it themselves when it has not run, and running it again does nothing.
   */
  default void precompute(ClickBatch batch) {}

  /**
   * Runs for every writer before any of them writes the batch, so that what one writer decides
   * (such as which clicks are unique) is known to all writers.
   */
  default void prepare(Connection connection, ClickBatch batch) throws SQLException {}

  void write(Connection connection, ClickBatch batch) throws SQLException;

  /**
   * For a batch this writer wrote before a restart, whose clicks are handed to the folds again:
   * restores from the database what was decided about them when they were written (such as which
   * were unique).
   */
  default void recall(Connection connection, ClickBatch batch) throws SQLException {}
}
