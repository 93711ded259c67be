package io.linkscope.collector.click;

import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.enrich.GeoLocator;
import io.linkscope.collector.journal.Journal;
import io.linkscope.collector.journal.JournalFullException;
import io.linkscope.collector.ops.Metrics;
import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures a visit on the request thread, before the answer is sent: geolocates and hashes the
 * address, then appends the event to the journal. Once {@link #capture} returns true the click
 * survives a crash of the collector; everything slow happens later in the {@link ClickPipeline}.
 */
public final class ClickCapture {
  private static final Logger log = LoggerFactory.getLogger(ClickCapture.class);
  private static final byte[] NO_ADDRESS = new byte[32];

  private final JournaledClicks listener;
  private final Journal journal;
  private final GeoLocator geoLocator;
  private final IpHasher hasher;
  private final TrackingPolicy policy;
  private final Clock clock;
  private final Metrics.Counter journaled;
  private final Metrics.Counter refused;
  private final Metrics.Counter untracked;
  private volatile boolean refusing;

  public ClickCapture(
      Journal journal,
      GeoLocator geoLocator,
      IpHasher hasher,
      TrackingPolicy policy,
      Clock clock,
      Metrics metrics) {
    this(journal, geoLocator, hasher, policy, clock, metrics, JournaledClicks.NONE);
  }

  /** Like the other constructor, handing every journaled visit to {@code listener} as well. */
  public ClickCapture(
      Journal journal,
      GeoLocator geoLocator,
      IpHasher hasher,
      TrackingPolicy policy,
      Clock clock,
      Metrics metrics,
      JournaledClicks listener) {
    this.listener = listener;
    this.journal = journal;
    this.geoLocator = geoLocator;
    this.hasher = hasher;
    this.policy = policy;
    this.clock = clock;
    this.journaled =
        metrics.counter(
            "linkscope_clicks_journaled_total", "Visits appended to the click journal.");
    this.refused =
        metrics.counter(
            "linkscope_clicks_refused_total",
            "Visits answered but not tracked because the journal reached its disk budget.");
    this.untracked =
        metrics.counter(
            "linkscope_visits_untracked_total",
            "Visits not tracked by policy (HEAD requests, excluded addresses).");
  }

  /**
   * Journals the visit if policy tracks it. Never throws: a visit that cannot be journaled is
   * counted as refused and the visitor still gets the answer.
   */
  public boolean capture(String method, Visitor visitor, ClickTarget target) {
    return capture(method, visitor, target, (UUID) null);
  }

  /**
   * Like {@link #capture(String, Visitor, ClickTarget)}, the click stored under {@code id} (from
   * {@link #newClickId}) when one is given: the id the redirect appended to the destination.
   */
  public boolean capture(String method, Visitor visitor, ClickTarget target, @Nullable UUID id) {
    if (!policy.shouldTrack(method, visitor)) {
      untracked.increment();
      return false;
    }
    Sight sight;
    try {
      sight = sight(target.workspaceId(), visitor);
    } catch (RuntimeException e) {
      refused.increment();
      log.error("A visit could not be journaled: {}", e.toString());
      return false;
    }
    return journal(visitor, target, sight, id);
  }

  /**
   * What capture computes from the address, once: the GeoIP answer and the hash of the day. A
   * routed link decides with it and then passes it to {@link #capture(String, Visitor, ClickTarget,
   * Sight)}, so that nothing is looked up twice.
   */
  public record Sight(long epochMillis, GeoLocation geo, byte[] ipHash) {}

  /** Geolocates and hashes the visitor's address for a visit to {@code workspaceId}. */
  public Sight sight(long workspaceId, Visitor visitor) {
    long now = clock.millis();
    if (visitor.address() == null) {
      return new Sight(now, GeoLocation.unknown(), NO_ADDRESS);
    }
    // The hash's key is the one of the click's own UTC day, the day its uniqueness is judged in.
    return new Sight(
        now,
        geoLocator.locate(visitor.address()),
        hasher.hash(workspaceId, now, visitor.address()));
  }

  /** Like {@link #capture(String, Visitor, ClickTarget)} with the address already looked at. */
  public boolean capture(String method, Visitor visitor, ClickTarget target, Sight sight) {
    return capture(method, visitor, target, sight, null);
  }

  /**
   * Like {@link #capture(String, Visitor, ClickTarget, Sight)}, the click stored under {@code id}
   * when one is given (see {@link #capture(String, Visitor, ClickTarget, UUID)}).
   */
  public boolean capture(
      String method, Visitor visitor, ClickTarget target, Sight sight, @Nullable UUID id) {
    if (!policy.shouldTrack(method, visitor)) {
      untracked.increment();
      return false;
    }
    return journal(visitor, target, sight, id);
  }

  private boolean journal(Visitor visitor, ClickTarget target, Sight sight, @Nullable UUID id) {
    try {
      GeoLocation geo = sight.geo();
      long now = sight.epochMillis();
      byte[] ipHash = sight.ipHash();
      ClickEvent event =
          new ClickEvent(
              id == null ? timeOrderedId(now) : id,
              now,
              target.kind(),
              target.workspaceId(),
              target.linkId(),
              target.pageId(),
              target.widgetId(),
              target.widgetType(),
              target.widgetTitle(),
              visitor.host(),
              target.path(),
              ipHash,
              geo,
              visitor.userAgent(),
              visitor.referrer(),
              target.utmSource(visitor.query()),
              visitor.acceptLanguage(),
              target.destinationKey(),
              target.destinationUrl());
      journal.append(event.encode());
      journaled.increment();
      tell(event);
      if (refusing && !nearlyFull()) {
        refusing = false;
        log.warn("The click journal has room again; tracking resumed.");
      }
      return true;
    } catch (JournalFullException e) {
      refused.increment();
      if (!refusing) {
        refusing = true;
        log.error(
            "The click journal reached its disk budget; visits are redirected but NOT tracked"
                + " until MariaDB catches up. {}",
            e.getMessage());
      }
      return false;
    } catch (IOException | RuntimeException e) {
      refused.increment();
      log.error("A visit could not be journaled: {}", e.toString());
      return false;
    }
  }

  private void tell(ClickEvent event) {
    try {
      listener.journaled(event);
    } catch (RuntimeException e) {
      log.error("A listener of journaled visits failed: {}", e.toString());
    }
  }

  /** Whether the visit will count as a human's: see {@link TrackingPolicy#countsAsHuman}. */
  public boolean countsAsHuman(String method, Visitor visitor) {
    return policy.countsAsHuman(method, visitor);
  }

  /**
   * The device, system and in-app browser of the visit: the cached User-Agent analysis that the
   * click's statistics use too, so a User-Agent is parsed once whoever asks.
   */
  public DeviceInfo device(Visitor visitor) {
    return policy.device(visitor);
  }

  /**
   * The visitor's address hashed as a click's is (keyed per workspace and day), as a key for per-
   * visitor limits; the same for every visitor without an address.
   */
  public String visitorKey(long workspaceId, Visitor visitor) {
    if (visitor.address() == null) {
      return "-";
    }
    return HexFormat.of().formatHex(hasher.hash(workspaceId, clock.millis(), visitor.address()));
  }

  /**
   * True while visits are being refused for lack of journal space: some were, and the journal has
   * not yet been emptied below three quarters of its budget. Judged by the fill level rather than
   * by the next visit, so that health turns good as soon as MariaDB has caught up, even when no
   * visitor comes; and with a margin, so that a small click squeezing into the last bytes does not
   * make the state (and the log) flap.
   */
  public boolean refusing() {
    return refusing && nearlyFull();
  }

  private boolean nearlyFull() {
    return journal.retainedBytes() > journal.diskBudgetBytes() / 4 * 3;
  }

  /** A new click id, for a click whose id is needed before it is captured. */
  public UUID newClickId() {
    return timeOrderedId(clock.millis());
  }

  /** A version 7 UUID: 48 bits of Unix milliseconds, then randomness; sorts by time. */
  static UUID timeOrderedId(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
