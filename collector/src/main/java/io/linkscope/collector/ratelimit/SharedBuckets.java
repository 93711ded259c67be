package io.linkscope.collector.ratelimit;

import io.linkscope.collector.db.Database;
import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-key token buckets in MariaDB, one row per key, so that every collector on the database
 * takes from the same bucket. A bucket refills greedily at its rate per minute up to the rate, as
 * the in-memory buckets do; the refill is computed by the statement that takes the token, under the
 * row's lock, so two collectors can never both take the last one. A token taken costs one
 * statement; the first request of a key, and a refusal, a few more.
 *
 * <p>The buckets live in a MEMORY table, except on a Galera cluster: Galera replicates InnoDB
 * tables only, so there they live in an InnoDB table ({@link Store#REPLICATED}), chosen by the
 * database's {@code wsrep_on} when the buckets are first used. Two nodes taking from one bucket at
 * once then conflict at certification, and the loser's statement is rolled back with error 1213: it
 * is run again, up to {@link #CONFLICT_ATTEMPTS} times.
 */
final class SharedBuckets {
  private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);

  /** Where the buckets are kept. */
  enum Store {
    /** A MEMORY table: no commit to disk per request; one MariaDB server. */
    MEMORY("rate_limit_bucket"),
    /** An InnoDB table, which a Galera cluster replicates to every node. */
    REPLICATED("rate_limit_bucket_replicated");

    private final String table;

    Store(String table) {
      this.table = table;
    }

    String table() {
      return table;
    }
  }

  /** The three statements of a bucket, on one store's table. */
  private record Statements(String take, String create, String available) {
    static Statements on(String table) {
      return new Statements(
          // Takes a token when the refilled bucket holds one; one row changed means it was taken.
          """
          UPDATE %s
             SET tokens = LEAST(:capacity, tokens + GREATEST(0, :now - counted_ms) * :perMs) - 1,
                 counted_ms = GREATEST(counted_ms, :now)
           WHERE key_id = :key
             AND LEAST(:capacity, tokens + GREATEST(0, :now - counted_ms) * :perMs) >= 1
          """
              .formatted(table),
          // A key's first request: its bucket starts full, less the token this request takes.
          """
          INSERT IGNORE INTO %s (key_id, tokens, counted_ms)
          VALUES (:key, :capacity - 1, :now)
          """
              .formatted(table),
          // The tokens an empty-looking bucket holds now, refilled.
          """
          SELECT LEAST(:capacity, tokens + GREATEST(0, :now - counted_ms) * :perMs)
            FROM %s
           WHERE key_id = :key
          """
              .formatted(table));
    }
  }

  private static final Statements IN_MEMORY = Statements.on(Store.MEMORY.table());
  private static final Statements REPLICATED = Statements.on(Store.REPLICATED.table());

  /** How often a statement that lost a certification conflict is run again before giving up. */
  static final int CONFLICT_ATTEMPTS = 8;

  /** Whether the database is a Galera node: one row, ON or OFF; none on a server without wsrep. */
  private static final String WSREP =
      """
      SHOW GLOBAL VARIABLES LIKE 'wsrep_on'
      """;

  /** How long a statement may go without an answer before it counts as the database failing. */
  static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private volatile @Nullable Store store;

  /** Buckets in the store the database calls for, found out when first used. */
  SharedBuckets(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Buckets in {@code store}, whatever the database. */
  SharedBuckets(DataSource dataSource, Store store) {
    this.dataSource = dataSource;
    this.store = store;
  }

  /** The store in use; null until the database has been asked. */
  @Nullable Store store() {
    return store;
  }

  private static Store storeOf(Connection c) throws SQLException {
    Optional<String> wsrep = Sql.of(WSREP).one(c, row -> row.getString(2));
    return wsrep.map(value -> value.equalsIgnoreCase("ON")).orElse(false)
        ? Store.REPLICATED
        : Store.MEMORY;
  }

  /**
   * Takes one token of {@code keyId}'s bucket at {@code nowMillis}: zero when taken, else how long
   * until the bucket holds one again.
   */
  Duration take(long keyId, int perMinute, long nowMillis) throws SQLException {
    double perMs = perMinute / 60_000.0;
    Map<String, Object> values =
        Map.of("key", keyId, "capacity", (double) perMinute, "now", nowMillis, "perMs", perMs);
    return Sql.withConnection(
        dataSource,
        c -> {
          // A connection to a host that stopped answering must not hold the request: past the
          // timeout the statement fails (and the pool drops the connection), so the caller
          // counts locally instead.
          c.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
          Store in = store;
          if (in == null) {
            in = storeOf(c);
            store = in;
            log.info(
                "Rate limits of API keys are counted in {} ({})",
                in.table(),
                in == Store.REPLICATED
                    ? "InnoDB: the database is a Galera node, which replicates no MEMORY table"
                    : "MEMORY: shared by every collector on this database");
          }
          for (int conflicts = 0; ; conflicts++) {
            try {
              return take(c, in == Store.MEMORY ? IN_MEMORY : REPLICATED, values, perMs);
            } catch (SQLException e) {
              if (!Database.isConflict(e) || conflicts + 1 >= CONFLICT_ATTEMPTS) {
                throw e;
              }
              // Another node took from the same bucket first; its commit is in: run it again.
            }
          }
        });
  }

  private static Duration take(
      Connection c, Statements sql, Map<String, Object> values, double perMs) throws SQLException {
    // A refill between the refusal and the read of what is left makes a second try worth it.
    for (int attempt = 0; attempt < 2; attempt++) {
      if (Sql.named(sql.take(), values).update(c) == 1
          || Sql.named(sql.create(), values).update(c) == 1) {
        return Duration.ZERO;
      }
      Optional<Double> available =
          Sql.named(sql.available(), values).one(c, row -> row.getDouble(1));
      if (available.isEmpty() || available.get() < 1) {
        double missing = 1 - available.orElse(0.0);
        return Duration.ofMillis(Math.max(1, (long) Math.ceil(missing / perMs)));
      }
    }
    return Duration.ofMillis(Math.max(1, (long) Math.ceil(1 / perMs)));
  }
}
