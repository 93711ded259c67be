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
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.server.Request;

/**
 * Token buckets (Bucket4j) of API keys and of visitors, each refilled greedily at its rate per
 * minute, with the rate as its burst. A visitor is an HMAC of the client address (read through the
 * trusted proxies only) under a key made at start and never stored, so the limiter holds no
 * address. The buckets are bounded per process (a Caffeine map of {@link #MAXIMUM_BUCKETS} that
 * forgets a bucket idle for {@link #IDLE}), timed by the collector's clock; a restart forgives
 * everyone. A rate of zero turns that limit off.
 */
public final class RateLimits {
  /** The most buckets of each kind one collector keeps. */
  public static final long MAXIMUM_BUCKETS = 100_000;

  /** How long an unused bucket is kept; longer than the minute that refills it. */
  public static final Duration IDLE = Duration.ofMinutes(10);

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

  public RateLimits(Options options, IpRanges trustedProxies, Clock clock) {
    this.options = options;
    this.trustedProxies = trustedProxies;
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

  private static <K> Cache<K, Bucket> buckets(Clock clock) {
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
    return take(keys.get(principal.keyId(), k -> bucket(options.perKeyPerMinute())));
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
  private byte[] hash(@org.jspecify.annotations.Nullable InetAddress address) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(visitorKey);
      return mac.doFinal(address == null ? new byte[0] : address.getAddress());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
