package io.linkscope.collector.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * Remembers the answers of a pure function for the most used {@code capacity} inputs: header values
 * repeat heavily (a few browsers' Accept-Language, the common referrers), so most calls are
 * answered without parsing. A bounded Caffeine cache, like the User-Agent cache, so that inputs
 * seen once (a referrer with its own query string) give way to the ones that keep coming.
 */
final class Memo<K, V> {
  private final Cache<K, V> answers;

  Memo(int capacity) {
    this.answers = Caffeine.newBuilder().maximumSize(capacity).build();
  }

  V get(K key, Function<K, V> compute) {
    return answers.get(key, compute);
  }
}
