package io.linkscope.collector.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.linkscope.collector.auth.Principal;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.http.Router;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets of API keys and of visitors, each refilled greedily at its rate per minute, with
 * the rate as its burst. A rate of zero turns that limit off.
 *
 * <p>A key's bucket is kept in MariaDB ({@link SharedBuckets}), so the collectors of one database
 * hold a key to its limit together, exactly (decision 0023). A refusal is remembered in memory
 * until the bucket has a token again, so a script hammering past its limit costs the database
 * nothing more; no other collector can put a token back sooner. When the database cannot be asked,
 * the request is never failed for it: the key is counted in this process's own bucket (Bucket4j)
 * until the database answers again, tried again every {@link #RETRY}; the log says so once when
 * that starts and once when it ends, and {@code /health} names it meanwhile.
 *
 * <p>A visitor is an HMAC of the client address (read through the trusted proxies only) under a key
 * made at start and never stored, so the limiter holds no address; visitors' buckets are therefore
 * this process's own. In-memory buckets are bounded (a Caffeine map of {@link #MAXIMUM_BUCKETS}
 * that forgets a bucket idle for {@link #IDLE}), timed by the collector's clock.
 */
public final class RateLimits {
  /** The most buckets of each kind one collector keeps. */
  public static final long MAXIMUM_BUCKETS = 100_000;

  /** How long an unused bucket is kept; longer than the minute that refills it. */
  public static final Duration IDLE = Duration.ofMinutes(10);

  /**
   * How long keys are counted in memory after the database failed to answer, before it is asked
   * again.
   */
  public static final Duration RETRY = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

  /**
   * The configured rates.
   *
   * @param perKeyPerMinute requests each API key may send a minute (0: unlimited)
   * @param perVisitorPerMinute calls each visitor may make a minute to the limited public endpoints
   *     (0: unlimited)
   */
  public record Options(int perKeyPerMinute, int perVisitorPerMinute) {
    public static final Options DEFAULTS = new Options(6000, 120);

    public Options {
      if (perKeyPerMinute < 0 || perVisitorPerMinute < 0) {
        throw new IllegalArgumentException("rate limits are 0 (off) or more");
      }
    }
  }

  private final Options options;
  private final IpRanges trustedProxies;
  private final Cache<Long, Bucket> keys;
  private final Cache<ByteBuffer, Bucket> visitors;
  private final TimeMeter time;
  private final SecretKeySpec visitorKey;
  private final @Nullable SharedBuckets shared;
  private final Clock clock;
  private final Cache<Long, Long> refusedUntil;
  private final AtomicBoolean asking = new AtomicBoolean();
  private volatile long localUntil;
  private volatile boolean local;

  /** Limits counted by this process alone (a collector without a shared database, benchmarks). */
  public RateLimits(Options options, IpRanges trustedProxies, Clock clock) {
    this(options, trustedProxies, clock, null);
  }

  /**
   * Limits whose per-key buckets are kept in {@code sharedDatabase}, when not null, and so shared
   * with every collector on it.
   */
  public RateLimits(
      Options options, IpRanges trustedProxies, Clock clock, @Nullable DataSource sharedDatabase) {
    this.options = options;
    this.trustedProxies = trustedProxies;
    this.clock = clock;
    this.shared = sharedDatabase == null ? null : new SharedBuckets(sharedDatabase);
    this.refusedUntil = buckets(clock);
    this.keys = buckets(clock);
    this.visitors = buckets(clock);
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
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.visitorKey = new SecretKeySpec(secret, "HmacSHA256");
  }

  private static <K, V> Cache<K, V> buckets(Clock clock) {
    return Caffeine.newBuilder()
        .maximumSize(MAXIMUM_BUCKETS)
        .expireAfterAccess(IDLE)
        .ticker(() -> clock.millis() * 1_000_000L)
        .build();
  }

  /** Both limits, for the route table. */
  public Router.Limits routerLimits() {
    return new Router.Limits(this::key, this::visitor);
  }

  /** Takes one request of {@code principal}'s key: zero to go ahead, else how long to wait. */
  public Duration key(Principal principal) {
    if (options.perKeyPerMinute() == 0) {
      return Duration.ZERO;
    }
    long keyId = principal.keyId();
    @Nullable Duration wait = shared == null ? null : takeShared(shared, keyId);
    return wait != null ? wait : take(keys.get(keyId, k -> bucket(options.perKeyPerMinute())));
  }

  /** One token of the key's shared bucket, or null when the database is not to be asked now. */
  private @Nullable Duration takeShared(SharedBuckets buckets, long keyId) {
    long now = clock.millis();
    Long until = refusedUntil.getIfPresent(keyId);
    if (until != null && now < until) {
      return Duration.ofMillis(until - now);
    }
    // While counting locally, one request at a time asks the database again, once per RETRY, so
    // an outage costs the other requests no connection timeout.
    boolean probe = local;
    if (probe && (now < localUntil || !asking.compareAndSet(false, true))) {
      return null;
    }
    try {
      Duration wait = buckets.take(keyId, options.perKeyPerMinute(), now);
      if (!wait.isZero()) {
        refusedUntil.put(keyId, now + wait.toMillis());
      }
      if (local) {
        local = false;
        log.info("Rate limits of API keys are counted in MariaDB again, for every collector.");
      }
      return wait;
    } catch (SQLException | RuntimeException e) {
      localUntil = now + RETRY.toMillis();
      if (!local) {
        local = true;
        log.warn(
            "Rate limits of API keys are counted by this collector alone until MariaDB answers"
                + " again (asked every {} s): {}",
            RETRY.toSeconds(),
            e.toString());
      }
      return null;
    } finally {
      if (probe) {
        asking.set(false);
      }
    }
  }

  /**
   * Whether keys are counted in this process alone now because the shared database did not answer
   * (false for limits that were never shared).
   */
  public boolean countingLocally() {
    return shared != null && local;
  }

  /** Takes one call of the request's visitor: zero to go ahead, else how long to wait. */
  public Duration visitor(Request request) {
    if (options.perVisitorPerMinute() == 0) {
      return Duration.ZERO;
    }
    ByteBuffer visitor = ByteBuffer.wrap(hash(Visitor.from(request, trustedProxies).address()));
    return take(visitors.get(visitor, v -> bucket(options.perVisitorPerMinute())));
  }

  private Bucket bucket(int perMinute) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .withCustomTimePrecision(time)
        .build();
  }

  private static Duration take(Bucket bucket) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  /** The visitor's HMAC; all clients whose connection names no address share one bucket. */
  private byte[] hash(@Nullable InetAddress address) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(visitorKey);
      return mac.doFinal(address == null ? new byte[0] : address.getAddress());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
