package io.linkscope.collector.click;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A part of the database that is written from each batch of clicks, inside the batch's transaction:
 * the click table itself, link counters, statistics rollups. Because the journal checkpoint commits
 * in the same transaction, each writer sees every click exactly once.
 */
public interface ClickBatchWriter {

  /**
   * Runs for every writer before any of them writes the batch, so that what one writer decides
   * (such as which clicks are unique) is known to all writers.
   */
  default void prepare(Connection connection, ClickBatch batch) throws SQLException {}

  void write(Connection connection, ClickBatch batch) throws SQLException;
}
