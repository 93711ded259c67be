package io.linkscope.collector.click;

import java.util.List;

/**
 * One batch of enriched clicks on its way into MariaDB, and what was decided about each click
 * before it was written: whether it is a unique visit (see docs/decisions/0003). Writers decide in
 * {@link ClickBatchWriter#prepare} and write in {@link ClickBatchWriter#write}, all inside the
 * batch's transaction.
 */
public final class ClickBatch {
  private final List<EnrichedClick> clicks;
  private final boolean[] unique;

  public ClickBatch(List<EnrichedClick> clicks) {
    this.clicks = List.copyOf(clicks);
    this.unique = new boolean[clicks.size()];
  }

  public List<EnrichedClick> clicks() {
    return clicks;
  }

  public int size() {
    return clicks.size();
  }

  /** Whether the click at {@code index} is the first of its visitor on its target that day. */
  public boolean unique(int index) {
    return unique[index];
  }

  public void markUnique(int index) {
    unique[index] = true;
  }
}
