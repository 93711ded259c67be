package io.linkscope.collector.stats;

import io.linkscope.collector.click.ClickBatch;
import io.linkscope.collector.click.ClickBatchWriter;
import io.linkscope.collector.click.EnrichedClick;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the analytics rollups and unique flags in step with the click table, inside each batch's
 * transaction: it decides which clicks are unique before the click table is written (which stores
 * the flag), then adds the batch to the rollups. The visit keys and the rollup cells need no
 * database, so they are computed once per batch, in {@link #precompute} when the pipeline calls it.
 */
public final class RollupWriter implements ClickBatchWriter {

  /**
   * The rolled-up visits of a batch (orphan visits are not), their positions in it, their keys for
   * deciding uniques and their rollup cells.
   */
  private record Visits(
      List<Visit> visits, int[] positions, Rollups.VisitKeys keys, RollupCounts counts) {}

  @Override
  public void precompute(ClickBatch batch) {
    visits(batch);
  }

  @Override
  public void prepare(Connection connection, ClickBatch batch) throws SQLException {
    Visits v = visits(batch);
    boolean[] unique = Rollups.decideUniques(connection, v.keys());
    for (int i = 0; i < unique.length; i++) {
      if (unique[i]) {
        batch.markUnique(v.positions()[i]);
      }
    }
  }

  @Override
  public void write(Connection connection, ClickBatch batch) throws SQLException {
    Visits v = visits(batch);
    boolean[] unique = new boolean[v.visits().size()];
    for (int i = 0; i < unique.length; i++) {
      unique[i] = batch.unique(v.positions()[i]);
    }
    Rollups.addToRollups(connection, v.visits(), v.counts(), unique);
  }

  /** Built once per batch: precompute, prepare and write all use them. */
  private static Visits visits(ClickBatch batch) {
    return batch.derived(
        Visits.class,
        () -> {
          List<Visit> visits = new ArrayList<>(batch.size());
          int[] positions = new int[batch.size()];
          for (int index = 0; index < batch.size(); index++) {
            EnrichedClick click = batch.clicks().get(index);
            Visit visit = Visit.of(click);
            if (visit != null) {
              positions[visits.size()] = index;
              visits.add(visit);
            }
          }
          return new Visits(
              visits, positions, Rollups.VisitKeys.of(visits), RollupCounts.of(visits));
        });
  }
}
