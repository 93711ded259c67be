package io.linkscope.collector.enrich;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the answers of a pure function for the first {@code capacity} distinct inputs: header
 * values repeat heavily (a few browsers' Accept-Language, the common referrers), so most calls are
 * answered without parsing. Once full it only answers what it holds and computes the rest, so its
 * memory stays bounded without eviction.
 */
final class Memo<K, V> {
  private final ConcurrentHashMap<K, V> answers = new ConcurrentHashMap<>();
  private final int capacity;

  Memo(int capacity) {
    this.capacity = capacity;
  }

  V get(K key, Function<K, V> compute) {
    V known = answers.get(key);
    if (known != null) {
      return known;
    }
    V value = compute.apply(key);
    if (answers.size() < capacity) {
      answers.putIfAbsent(key, value);
    }
    return value;
  }
}
