package io.linkscope.collector.password;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * How many passwords one visitor may try on one link: a Bucket4j token bucket per (visitor hash,
 * link), {@link #ATTEMPTS} tries refilled whole every {@link #WINDOW}. Every try takes a token
 * before the (slow) hash is checked, so a visitor who has used them up costs no hashing at all.
 * Buckets live in memory for an hour after their last use; a restart forgives everyone.
 */
public final class UnlockAttempts {
  public static final int ATTEMPTS = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
  private final TimeMeter time;

  public UnlockAttempts(Clock clock) {
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /**
   * Takes one try for {@code key}: {@link Duration#ZERO} when it may go ahead, else how long until
   * the next try is allowed.
   */
  public Duration tryAttempt(String key) {
    Bucket bucket =
        buckets.get(
            key,
            k ->
                Bucket.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(ATTEMPTS)
                            .refillIntervally(ATTEMPTS, WINDOW)
                            .build())
                    .withCustomTimePrecision(time)
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }
}
