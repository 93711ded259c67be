package io.linkscope.collector.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.ClosedDatabaseException;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.AddressNotFoundException;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.City;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.Location;
import com.maxmind.geoip2.record.Subdivision;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves click addresses to a {@link GeoLocation} using a MaxMind GeoIP2 or GeoLite2 City
 * database, and picks the database up again when the file is replaced (as {@code geoipupdate}
 * does).
 *
 * <p>Geolocation is an enrichment: it degrades to {@link GeoLocation#unknown()} and never fails a
 * click. Without a database every lookup is unknown. Lookups are thread-safe and run on the request
 * thread, so the file is checked for replacement at most once per check interval rather than on
 * every lookup.
 *
 * <p>The database is memory-mapped, so replace it by renaming a complete file over it (which is
 * what {@code geoipupdate} does) rather than by overwriting it in place.
 *
 * <p>Addresses are personal data: neither they nor exception messages, which can contain them, are
 * ever logged.
 */
public final class GeoLocator implements AutoCloseable {

  static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(GeoLocator.class);
  private static final String HOW_TO_GET_DATA =
      "download GeoLite2-City (for example with geoipupdate) to record countries";

  /** A lookup only retries when a reload closed its reader, so a few attempts are plenty. */
  private static final int LOOKUP_ATTEMPTS = 3;

  private final @Nullable Path database;
  private final long reloadCheckIntervalNanos;
  private final ReentrantLock reloadLock = new ReentrantLock();
  private final AtomicBoolean lookupFailureLogged = new AtomicBoolean();

  private volatile @Nullable Loaded loaded;
  private volatile long nextReloadCheckNanos;
  private volatile boolean closed;

  /** The file state that last failed to load, so a broken file is reported once, not per check. */
  private @Nullable FileStamp rejected; // guarded by reloadLock

  /**
   * Opens the database at {@code databaseFileOrNull}; with null or a missing file every lookup is
   * unknown until a database appears at that path.
   */
  public GeoLocator(@Nullable Path databaseFileOrNull) {
    this(databaseFileOrNull, DEFAULT_RELOAD_CHECK_INTERVAL);
  }

  GeoLocator(@Nullable Path databaseFileOrNull, Duration reloadCheckInterval) {
    this.database = databaseFileOrNull;
    this.reloadCheckIntervalNanos = reloadCheckInterval.toNanos();
    if (database == null) {
      log.warn("No GeoIP database configured; countries will be 'unknown'; {}.", HOW_TO_GET_DATA);
      return;
    }
    reloadLock.lock();
    try {
      FileStamp stamp = FileStamp.of(database);
      if (stamp == null) {
        log.warn(
            "No GeoIP database found at {}; countries will be 'unknown'; {}.",
            database,
            HOW_TO_GET_DATA);
      } else {
        loaded = load(database, stamp, null);
      }
      nextReloadCheckNanos = System.nanoTime() + reloadCheckIntervalNanos;
    } finally {
      reloadLock.unlock();
    }
  }

  /** Returns where {@code address} is, or {@link GeoLocation#unknown()} if that is not known. */
  // Whether a reload swapped the loaded reader is a question of identity: each load is a new
  // object, and an equal one read from the same file would still be another, open reader.
  @SuppressWarnings("ReferenceEquality")
  public GeoLocation locate(@Nullable InetAddress address) {
    if (address == null || database == null || isNotPublic(address)) {
      return GeoLocation.unknown();
    }
    if (System.nanoTime() - nextReloadCheckNanos >= 0) {
      reloadIfReplaced(database);
    }
    for (int attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
      Loaded current = loaded;
      if (current == null) {
        return GeoLocation.unknown();
      }
      try {
        Optional<CityResponse> response = current.reader.tryCity(address);
        return response.map(GeoLocator::toLocation).orElseGet(GeoLocation::unknown);
      } catch (AddressNotFoundException e) {
        return GeoLocation.unknown();
      } catch (ClosedDatabaseException e) {
        // A reload swapped readers between reading `loaded` and the lookup; use the new one.
        if (loaded == current) {
          return GeoLocation.unknown();
        }
      } catch (Exception e) {
        logLookupFailureOnce(e);
        return GeoLocation.unknown();
      }
    }
    return GeoLocation.unknown();
  }

  @Override
  public void close() {
    reloadLock.lock();
    try {
      closed = true;
      Loaded current = loaded;
      loaded = null;
      closeQuietly(current);
    } finally {
      reloadLock.unlock();
    }
  }

  private void reloadIfReplaced(Path database) {
    // Another thread already checking is as good as checking; never make lookups queue up here.
    if (!reloadLock.tryLock()) {
      return;
    }
    try {
      if (closed || System.nanoTime() - nextReloadCheckNanos < 0) {
        return;
      }
      FileStamp stamp = FileStamp.of(database);
      Loaded current = loaded;
      // A file that vanished is most likely mid-replacement; keep serving what is loaded.
      if (stamp != null
          && !stamp.equals(rejected)
          && (current == null || !stamp.equals(current.stamp))) {
        Loaded replacement = load(database, stamp, current);
        if (replacement != null) {
          loaded = replacement;
          closeQuietly(current);
          lookupFailureLogged.set(false);
        }
      }
      // Counted from the end of the check so a slow load cannot cause back-to-back checks.
      nextReloadCheckNanos = System.nanoTime() + reloadCheckIntervalNanos;
    } finally {
      reloadLock.unlock();
    }
  }

  /** Opens the database, or returns null after logging why it cannot be used. */
  private @Nullable Loaded load(Path database, FileStamp stamp, @Nullable Loaded current) {
    String consequence =
        current == null
            ? "countries will be 'unknown'"
            : "keeping the previously loaded GeoIP database";
    DatabaseReader reader = null;
    try {
      reader =
          new DatabaseReader.Builder(database.toFile())
              .withCache(new CHMCache())
              .locales(List.of("en"))
              .build();
      String type = reader.metadata().databaseType();
      if (!type.contains("City") && !type.contains("Enterprise")) {
        closeQuietly(reader);
        rejected = stamp;
        log.error(
            "GeoIP database {} is a {} database, not a City database; {}.",
            database,
            type,
            consequence);
        return null;
      }
      log.info(
          "Loaded GeoIP database {} ({}, built {}).",
          database,
          type,
          reader.metadata().buildTime());
      rejected = null;
      return new Loaded(reader, stamp);
    } catch (IOException | RuntimeException e) {
      closeQuietly(reader);
      rejected = stamp;
      log.error("Cannot read GeoIP database {}: {}; {}.", database, e.toString(), consequence);
      return null;
    }
  }

  private void logLookupFailureOnce(Exception e) {
    if (lookupFailureLogged.compareAndSet(false, true)) {
      // Only the type: exception messages from the reader include the address looked up.
      log.error(
          "GeoIP lookup failed with {}; clicks are recorded without location. Further failures are"
              + " not logged until the database is reloaded.",
          e.getClass().getName());
    }
  }

  /**
   * Loopback, private, link-local and similar addresses are never in the database, and looking them
   * up would only cost time.
   */
  private static boolean isNotPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xFE) == 0xFC; // fc00::/7, unique local
    }
    return (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64; // 100.64.0.0/10, carrier NAT
  }

  private static GeoLocation toLocation(CityResponse response) {
    Country country = response.country();
    List<Subdivision> subdivisions = response.subdivisions();
    // The first subdivision is the largest (England, not Greater London): stable for reporting.
    Subdivision region =
        subdivisions == null || subdivisions.isEmpty() ? null : subdivisions.getFirst();
    City city = response.city();
    Location location = response.location();
    return new GeoLocation(
        country == null ? "" : country.isoCode(),
        country == null ? "" : country.name(),
        region == null ? "" : region.isoCode(),
        region == null ? "" : region.name(),
        city == null ? "" : city.name(),
        location == null ? null : location.latitude(),
        location == null ? null : location.longitude());
  }

  private static void closeQuietly(@Nullable AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing only releases the reader's reference to the mapped file; nothing to recover.
      log.debug("Closing a GeoIP database reader failed: {}", e.toString());
    }
  }

  /** An open reader and the file state it was read from. */
  private record Loaded(DatabaseReader reader, FileStamp stamp) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
