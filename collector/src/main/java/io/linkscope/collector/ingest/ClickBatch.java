package io.linkscope.collector.ingest;

import io.linkscope.collector.click.EnrichedClick;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of enriched clicks on its way into MariaDB, and which of them are unique visits (see
 * docs/decisions/0003): decided inside the batch's transaction before its rows are written, and
 * read again when the batch is folded into the rollups.
 */
public final class ClickBatch {
  private final List<EnrichedClick> clicks;
  private final boolean[] unique;

  public ClickBatch(List<EnrichedClick> clicks) {
    this.clicks = List.copyOf(clicks);
    this.unique = new boolean[clicks.size()];
  }

  /** One batch of the clicks of {@code batches}, in order, with what was decided about each. */
  static ClickBatch merge(List<ClickBatch> batches) {
    if (batches.size() == 1) {
      return batches.getFirst();
    }
    List<EnrichedClick> clicks = new ArrayList<>();
    for (ClickBatch batch : batches) {
      clicks.addAll(batch.clicks);
    }
    ClickBatch merged = new ClickBatch(clicks);
    int offset = 0;
    for (ClickBatch batch : batches) {
      System.arraycopy(batch.unique, 0, merged.unique, offset, batch.unique.length);
      offset += batch.unique.length;
    }
    return merged;
  }

  public List<EnrichedClick> clicks() {
    return clicks;
  }

  int size() {
    return clicks.size();
  }

  /** Whether the click at {@code index} is the first of its visitor on its target that day. */
  public boolean unique(int index) {
    return unique[index];
  }

  void markUnique(int index) {
    unique[index] = true;
  }
}
