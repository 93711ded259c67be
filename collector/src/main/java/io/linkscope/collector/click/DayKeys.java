package io.linkscope.collector.click;

import io.linkscope.collector.db.Sql;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IP hashing keys, one per workspace and UTC day: random, kept in MariaDB so that a restart and
 * every collector on the database hash a visitor alike within the day, cached in memory so that a
 * redirect never waits for them, and deleted once their day is over.
 *
 * <p>A day's key is only needed while clicks of that day are captured: the journal holds the
 * finished hash, so a click journaled before midnight and stored after needs no key. The key of a
 * day therefore lives until the day has ended plus {@link #GRACE}, which covers requests in flight
 * at midnight and clocks of collectors a little behind. Today's and tomorrow's keys of every
 * workspace are created and read ahead by a background task, so midnight needs no MariaDB.
 *
 * <p>When a key is needed that MariaDB cannot give (a workspace's first click of the day while it
 * is down, or a start just before an outage), one is generated in memory and clicks go on being
 * hashed and journaled with it; it is stored once MariaDB is back. If another collector stored a
 * key for that workspace and day meanwhile, its key wins and visitors hashed with both count as two
 * unique visitors that day: uniques may be over-counted, no click is lost.
 */
public final class DayKeys implements AutoCloseable {
  /** How long after its day a key is kept for clicks still timed on that day. */
  public static final Duration GRACE = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(DayKeys.class);
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

  private final DataSource dataSource;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<Id, DayKey> keys = new ConcurrentHashMap<>();
  private final Map<Id, byte[]> unstored = new ConcurrentHashMap<>();
  private final ScheduledExecutorService maintenance =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("ip-hash-keys").daemon().factory());

  /** When reading a key last failed; MariaDB is not asked for keys again for a while after. */
  private volatile long unreachableSince = System.nanoTime() - RETRY_AFTER_FAILURE.toNanos();

  /** A workspace's key for one UTC day, the day counted from the epoch. */
  record Id(long workspaceId, long day) {}

  /**
   * One day's key and the MACs initialised with it, pooled so that hashing costs one HMAC without a
   * key set-up. Destroying it drops the pool, so no MAC keeps the key once its day is over.
   */
  static final class DayKey {
    private final SecretKeySpec key;
    private final Queue<Mac> macs = new ConcurrentLinkedQueue<>();
    private volatile boolean destroyed;

    DayKey(byte[] secret) {
      this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    byte[] hash(byte[] input) {
      Mac mac = macs.poll();
      if (mac == null) {
        mac = newMac();
      }
      byte[] hash = mac.doFinal(input);
      if (!destroyed) {
        macs.offer(mac);
      }
      return hash;
    }

    void destroy() {
      destroyed = true;
      macs.clear();
    }

    private Mac newMac() {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 with a 32-byte key is part of every JDK", e);
      }
    }
  }

  public DayKeys(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Prepares today's and tomorrow's keys now, then keeps them ahead every {@code period}. */
  public void start(Duration period) {
    maintain();
    // The future would only report a round that threw, and no round does (see upkeep); close()
    // cancels the schedule.
    Future<?> _ =
        maintenance.scheduleWithFixedDelay(
            this::upkeep, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One scheduled round. An executor runs a periodic task that has thrown never again, and says so
   * only to whoever waits on its future: an error escaping one round (a transient {@link
   * OutOfMemoryError}, a class that failed to load) would silently end the upkeep for good, and
   * with it the deletion of past days' keys and the keys read ahead for midnight. So it is logged
   * here and the next round goes on.
   */
  private void upkeep() {
    try {
      maintain();
    } catch (Error e) {
      log.error("A round of IP hashing key upkeep failed; the next round runs as planned", e);
    }
  }

  /**
   * The key of a workspace for the UTC day of {@code epochMillis}. From memory once known; else
   * read or created in MariaDB, or generated here while MariaDB cannot be reached.
   */
  DayKey key(long workspaceId, long epochMillis) {
    Id id = new Id(workspaceId, Math.floorDiv(epochMillis, DAY_MILLIS));
    DayKey key = keys.get(id);
    if (key != null) {
      return key;
    }
    if (id.day() < oldestKeptDay()) {
      // A click timed on a day whose key is already destroyed (a clock far behind): a one-off key,
      // so the day's key is not created again.
      return new DayKey(fresh());
    }
    return keys.computeIfAbsent(id, this::storedOrLocal);
  }

  private DayKey storedOrLocal(Id id) {
    if (System.nanoTime() - unreachableSince >= RETRY_AFTER_FAILURE.toNanos()) {
      try (Connection c = dataSource.getConnection()) {
        return new DayKey(storeOrRead(c, id, fresh()));
      } catch (SQLException e) {
        unreachableSince = System.nanoTime();
        log.warn(
            "The IP hashing key of workspace {} for {} could not be read; one is generated here"
                + " and stored when MariaDB is back: {}",
            id.workspaceId(),
            LocalDate.ofEpochDay(id.day()),
            e.getMessage());
      }
    }
    byte[] local = fresh();
    unstored.put(id, local);
    return new DayKey(local);
  }

  /**
   * One round of upkeep: stores keys generated during an outage, creates and reads today's and
   * tomorrow's keys of every workspace, and deletes the keys of days that are over. Never throws;
   * what MariaDB refuses now is done at the next round.
   */
  void maintain() {
    try (Connection c = dataSource.getConnection()) {
      storeLocalKeys(c);
      long today = Math.floorDiv(clock.millis(), DAY_MILLIS);
      for (long workspaceId : workspaces(c)) {
        for (long day = today; day <= today + 1; day++) {
          Id id = new Id(workspaceId, day);
          if (!keys.containsKey(id)) {
            keys.putIfAbsent(id, new DayKey(storeOrRead(c, id, fresh())));
          }
        }
      }
      destroyOldKeys(c);
    } catch (SQLException | RuntimeException e) {
      log.warn("IP hashing keys not maintained this round: {}", e.toString());
    }
  }

  private void storeLocalKeys(Connection c) throws SQLException {
    // A snapshot, and each entry removed only while it still holds the key that was stored.
    for (Map.Entry<Id, byte[]> local : Map.copyOf(unstored).entrySet()) {
      Id id = local.getKey();
      if (id.day() >= oldestKeptDay()) {
        byte[] stored = storeOrRead(c, id, local.getValue());
        if (!Arrays.equals(stored, local.getValue())) {
          DayKey replaced = keys.put(id, new DayKey(stored));
          if (replaced != null) {
            replaced.destroy();
          }
          log.warn(
              "Another collector had stored the IP hashing key of workspace {} for {}: visitors"
                  + " hashed here while MariaDB was away may count twice as unique that day.",
              id.workspaceId(),
              LocalDate.ofEpochDay(id.day()));
        }
      }
      unstored.remove(id, local.getValue());
    }
  }

  /**
   * Deletes the keys of every day that ended more than {@link #GRACE} ago, in MariaDB and here: the
   * hashes of those days can then be neither reversed nor joined with later ones.
   */
  private void destroyOldKeys(Connection c) throws SQLException {
    long oldestKept = oldestKeptDay();
    int deleted =
        Sql.of("DELETE FROM ip_hash_key WHERE day < ?", LocalDate.ofEpochDay(oldestKept)).update(c);
    if (deleted > 0) {
      log.info(
          "Destroyed {} IP hashing keys of days before {}",
          deleted,
          LocalDate.ofEpochDay(oldestKept));
    }
    keys.entrySet()
        .removeIf(
            key -> {
              if (key.getKey().day() >= oldestKept) {
                return false;
              }
              key.getValue().destroy();
              return true;
            });
  }

  /** The first day whose key is still kept: the current day, or yesterday within the grace. */
  private long oldestKeptDay() {
    return Math.floorDiv(clock.millis() - GRACE.toMillis(), DAY_MILLIS);
  }

  /**
   * Stores {@code candidate} as the key of {@code id} unless one is stored already, and returns the
   * stored one: collectors racing for the same key all end with the first that was stored.
   */
  private byte[] storeOrRead(Connection c, Id id, byte[] candidate) throws SQLException {
    LocalDate day = LocalDate.ofEpochDay(id.day());
    Sql.of(
            """
            INSERT IGNORE INTO ip_hash_key (workspace_id, day, secret, created_at)
            VALUES (?, ?, ?, ?)
            """,
            id.workspaceId(),
            day,
            candidate,
            Instant.ofEpochMilli(clock.millis()))
        .update(c);
    return Sql.of(
            "SELECT secret FROM ip_hash_key WHERE workspace_id = ? AND day = ?",
            id.workspaceId(),
            day)
        .one(c, row -> row.getBytes(1))
        .orElseThrow(() -> new SQLException("the IP hashing key just stored is not there"));
  }

  /** Every workspace, and 0 for orphan visits on a database without one. */
  private static List<Long> workspaces(Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>(List.of(0L));
    ids.addAll(Sql.of("SELECT id FROM workspace").list(c, row -> row.getLong(1)));
    return ids;
  }

  private byte[] fresh() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return secret;
  }

  @Override
  public void close() {
    maintenance.shutdownNow();
  }
}
