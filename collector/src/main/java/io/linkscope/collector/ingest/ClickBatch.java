package io.linkscope.collector.ingest;

import io.linkscope.collector.click.EnrichedClick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One batch of enriched clicks on its way into MariaDB, and what was decided about each click
 * before it was written: whether it is a unique visit (see docs/decisions/0003). Writers decide in
 * {@link ClickBatchWriter#prepare} and write in {@link ClickBatchWriter#write}, all inside the
 * batch's transaction; {@link ClickBatchFold}s later see the decisions with the clicks.
 */
public final class ClickBatch {
  private final List<EnrichedClick> clicks;
  private final boolean[] unique;
  private final Map<Class<?>, Object> derived = new HashMap<>();

  public ClickBatch(List<EnrichedClick> clicks) {
    this.clicks = List.copyOf(clicks);
    this.unique = new boolean[clicks.size()];
  }

  /**
   * The clicks and what was decided about them, without what the writers derived: what a fold
   * needs, and all that waits for it (the rest is garbage as soon as the rows are written).
   */
  public ClickBatch decided() {
    ClickBatch copy = new ClickBatch(clicks);
    System.arraycopy(unique, 0, copy.unique, 0, unique.length);
    return copy;
  }

  /** One batch of the clicks of {@code batches}, in order, with what was decided about each. */
  public static ClickBatch merge(List<ClickBatch> batches) {
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

  /**
   * What a writer derives from the clicks alone, computed on first use and kept for the batch's
   * later steps (one value per type). Safe to call from another thread than the one that writes the
   * batch; {@code compute} may itself ask for other derived values.
   */
  public <T> T derived(Class<T> type, Supplier<T> compute) {
    synchronized (derived) {
      Object known = derived.get(type);
      if (known != null) {
        return type.cast(known);
      }
    }
    T value = compute.get();
    synchronized (derived) {
      return type.cast(derived.computeIfAbsent(type, t -> value));
    }
  }
}
