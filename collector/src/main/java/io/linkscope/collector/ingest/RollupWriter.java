package io.linkscope.collector.ingest;

import io.linkscope.collector.click.EnrichedClick;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the analytics in step with the click table in two steps (see
 * docs/decisions/0005-rollups-folded-apart.md). As a {@link ClickBatchWriter}, inside each batch's
 * transaction, it decides which clicks are unique before the click table is written (which stores
 * the flag). As a {@link ClickBatchFold} it adds the clicks of many batches at once to the rollups,
 * which costs about as much for a second of clicks as for a tenth of one. The visit keys and the
 * rollup cells need no database, so they are computed in the {@code precompute} steps.
 */
public final class RollupWriter implements ClickBatchWriter, ClickBatchFold {

  /** The rolled-up visits of a batch (orphan visits are not) and their positions in it. */
  private record Visits(List<Visit> visits, int[] positions) {}

  /** The keys that decide a batch's uniques. */
  private record Keys(Rollups.VisitKeys keys) {}

  /** A batch's rollup cells. */
  private record Cells(RollupCounts counts) {}

  @Override
  public void precompute(ClickBatch batch) {
    keys(batch);
  }

  @Override
  public void prepare(Connection connection, ClickBatch batch) throws SQLException {
    Visits v = visits(batch);
    boolean[] unique = Rollups.decideUniques(connection, keys(batch).keys());
    for (int i = 0; i < unique.length; i++) {
      if (unique[i]) {
        batch.markUnique(v.positions()[i]);
      }
    }
  }

  /** The rows' part is the unique flags, which the click table stores; the rest is folded later. */
  @Override
  public void write(Connection connection, ClickBatch batch) {}

  @Override
  public void fold(Connection connection, ClickBatch batch) throws SQLException {
    Visits v = visits(batch);
    boolean[] unique = new boolean[v.visits().size()];
    for (int i = 0; i < unique.length; i++) {
      unique[i] = batch.unique(v.positions()[i]);
    }
    Rollups.addToRollups(connection, v.visits(), cells(batch).counts(), unique);
  }

  /** The cells of a batch to fold (a merge of written batches, so computed anew). */
  @Override
  public void precomputeFold(ClickBatch batch) {
    cells(batch);
  }

  private static Keys keys(ClickBatch batch) {
    return batch.derived(Keys.class, () -> new Keys(Rollups.VisitKeys.of(visits(batch).visits())));
  }

  private static Cells cells(ClickBatch batch) {
    return batch.derived(Cells.class, () -> new Cells(RollupCounts.of(visits(batch).visits())));
  }

  /** Built once per batch: precompute, prepare and fold all use them. */
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
          return new Visits(visits, positions);
        });
  }
}
