package io.linkscope.collector.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on clicks already in the click table that is cheaper done for many batches at once: the
 * analytics rollups, whose cells are shared by most clicks of a second. {@link FoldStage} hands it
 * the batches committed since its last fold, merged into one, in a transaction of its own that also
 * moves the fold's journal checkpoint, so each fold sees every click exactly once.
 */
public interface ClickBatchFold {

  /**
   * The fold's work that needs no database, run before its transaction. Optional and idempotent, as
   * {@link ClickBatchWriter#precompute}.
   */
  default void precomputeFold(ClickBatch batch) {}

  /** Adds the batch (its clicks and what was decided about them when they were written). */
  void fold(Connection connection, ClickBatch batch) throws SQLException;
}
