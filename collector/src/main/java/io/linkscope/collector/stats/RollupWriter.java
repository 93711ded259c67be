package io.linkscope.collector.stats;

import io.linkscope.collector.click.ClickBatchWriter;
import io.linkscope.collector.click.EnrichedClick;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the analytics rollups and unique flags in step with the click table, inside each batch's
 * transaction; it must run after {@code ClickTable}, whose rows it flags.
 */
public final class RollupWriter implements ClickBatchWriter {
  @Override
  public void write(Connection connection, List<EnrichedClick> batch) throws SQLException {
    List<Visit> visits = new ArrayList<>(batch.size());
    for (EnrichedClick click : batch) {
      Visit visit = Visit.of(click);
      if (visit != null) {
        visits.add(visit);
      }
    }
    Rollups.apply(connection, visits);
  }
}
