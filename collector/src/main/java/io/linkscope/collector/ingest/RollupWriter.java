package io.linkscope.collector.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the analytics in step with the click table in two steps (see
 * docs/decisions/0005-rollups-folded-apart.md): inside each batch's transaction it decides which
 * clicks are unique before the click table is written (which stores the flag); later it adds the
 * clicks of many batches at once to the rollups, which costs about as much for a second of clicks
 * as for a tenth of one. The visit keys and the rollup cells need no database, so each step's value
 * is computed before its transaction, once, however often the transaction is retried.
 */
public final class RollupWriter {

  private RollupWriter() {}

  /** A batch's rolled-up visits (orphan visits are not) and their positions in it. */
  record Visits(ClickBatch batch, List<Visit> visits, int[] positions) {

    static Visits of(ClickBatch batch) {
      List<Visit> visits = new ArrayList<>(batch.size());
      int[] positions = new int[batch.size()];
      for (int index = 0; index < batch.size(); index++) {
        Optional<Visit> visit = Visit.of(batch.clicks().get(index));
        if (visit.isPresent()) {
          positions[visits.size()] = index;
          visits.add(visit.get());
        }
      }
      return new Visits(batch, visits, positions);
    }
  }

  /** What deciding a batch's uniques needs: its visits and their visitor keys. */
  public record Uniques(Visits visits, Rollups.VisitKeys keys) {

    public static Uniques of(ClickBatch batch) {
      Visits visits = Visits.of(batch);
      return new Uniques(visits, Rollups.VisitKeys.of(visits.visits()));
    }
  }

  /** What folding a batch (a merge of written batches) needs: its visits and rollup cells. */
  public record Cells(Visits visits, RollupCounts counts) {

    public static Cells of(ClickBatch batch) {
      Visits visits = Visits.of(batch);
      return new Cells(visits, RollupCounts.of(visits.visits()));
    }
  }

  /** Marks the batch's clicks that are the first of their visitor on their target that day. */
  public static void decideUniques(Connection connection, Uniques uniques) throws SQLException {
    Visits v = uniques.visits();
    boolean[] unique = Rollups.decideUniques(connection, uniques.keys());
    for (int i = 0; i < unique.length; i++) {
      if (unique[i]) {
        v.batch().markUnique(v.positions()[i]);
      }
    }
  }

  /** Adds the batch's clicks, with the uniques decided when they were written, to the rollups. */
  public static void fold(Connection connection, Cells cells) throws SQLException {
    Visits v = cells.visits();
    boolean[] unique = new boolean[v.visits().size()];
    for (int i = 0; i < unique.length; i++) {
      unique[i] = v.batch().unique(v.positions()[i]);
    }
    Rollups.addToRollups(connection, v.visits(), cells.counts(), unique);
  }
}
