package io.linkscope.collector.click;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One batch of enriched clicks on its way into MariaDB, and what was decided about each click
 * before it was written: whether it is a unique visit (see docs/decisions/0003). Writers decide in
 * {@link ClickBatchWriter#prepare} and write in {@link ClickBatchWriter#write}, all inside the
 * batch's transaction.
 */
public final class ClickBatch {
  private final List<EnrichedClick> clicks;
  private final boolean[] unique;
  private final Map<Class<?>, Object> derived = new HashMap<>();

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
