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
 *
 * <p>The buckets are bounded per process, whatever an attack sends: at most {@link
 * #DEFAULT_MAXIMUM} of them in a Caffeine map (a bucket is well under 1 KiB with its key, so tens
 * of MiB at most) that forgets a bucket {@link #IDLE} after its last use, timed by the collector's
 * clock. A flood of more new visitor hashes than the bound may push a throttled visitor's bucket
 * out, which then starts afresh with {@link #ATTEMPTS} tries: that flood has already had {@link
 * #ATTEMPTS} tries per hash, so the eviction adds little to it. A restart forgives everyone.
 */
public final class UnlockAttempts {
  public static final int ATTEMPTS = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  /**
   * How long a bucket is kept after its last use; longer than {@link #WINDOW}, which refills it.
   */
  public static final Duration IDLE = Duration.ofHours(1);

  /** The most buckets one collector keeps. */
  public static final long DEFAULT_MAXIMUM = 100_000;

  private final Cache<String, Bucket> buckets;
  private final TimeMeter time;

  public UnlockAttempts(Clock clock) {
    this(clock, DEFAULT_MAXIMUM);
  }

  /** Attempts of at most {@code maximumBuckets} (visitor, link) pairs, timed by {@code clock}. */
  public UnlockAttempts(Clock clock, long maximumBuckets) {
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maximumBuckets)
            .expireAfterAccess(IDLE)
            .ticker(() -> clock.millis() * 1_000_000L)
            .build();
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

  /** How many buckets are kept now, after evicting what is over the bound or idle too long. */
  public long buckets() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
