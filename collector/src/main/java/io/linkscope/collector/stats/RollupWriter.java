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
 * the flag), then adds the batch to the rollups.
 */
public final class RollupWriter implements ClickBatchWriter {

  /** The rolled-up visits of a batch (orphan visits are not), with their positions in it. */
  private record Visits(List<Visit> visits, List<Integer> positions) {}

  @Override
  public void prepare(Connection connection, ClickBatch batch) throws SQLException {
    Visits v = visits(batch);
    boolean[] unique = Rollups.decideUniques(connection, v.visits());
    for (int i = 0; i < unique.length; i++) {
      if (unique[i]) {
        batch.markUnique(v.positions().get(i));
      }
    }
  }

  @Override
  public void write(Connection connection, ClickBatch batch) throws SQLException {
    Visits v = visits(batch);
    boolean[] unique = new boolean[v.visits().size()];
    for (int i = 0; i < unique.length; i++) {
      unique[i] = batch.unique(v.positions().get(i));
    }
    Rollups.addToRollups(connection, v.visits(), unique);
  }

  /** Built once per batch: prepare and write both use them. */
  private static Visits visits(ClickBatch batch) {
    return batch.derived(
        Visits.class,
        () -> {
          List<Visit> visits = new ArrayList<>(batch.size());
          List<Integer> positions = new ArrayList<>(batch.size());
          for (int index = 0; index < batch.size(); index++) {
            EnrichedClick click = batch.clicks().get(index);
            Visit visit = Visit.of(click);
            if (visit != null) {
              visits.add(visit);
              positions.add(index);
            }
          }
          return new Visits(visits, positions);
        });
  }
}
