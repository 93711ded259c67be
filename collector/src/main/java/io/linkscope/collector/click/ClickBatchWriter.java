package io.linkscope.collector.click;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A part of the database that is written from each batch of clicks, inside the batch's transaction:
 * the click table itself, link counters, statistics rollups. Because the journal checkpoint commits
 * in the same transaction, each writer sees every click exactly once.
 */
@FunctionalInterface
public interface ClickBatchWriter {
  void write(Connection connection, List<EnrichedClick> batch) throws SQLException;
}
