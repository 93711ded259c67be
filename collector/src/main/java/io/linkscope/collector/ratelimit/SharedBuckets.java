package io.linkscope.collector.ratelimit;

import io.linkscope.collector.db.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The per-key token buckets in MariaDB, one row per key, so that every collector on the database
 * takes from the same bucket. A bucket refills greedily at its rate per minute up to the rate, as
 * the in-memory buckets do; the refill is computed by the statement that takes the token, under the
 * row's lock, so two collectors can never both take the last one. A token taken costs one
 * statement; the first request of a key, and a refusal, a few more.
 */
final class SharedBuckets {
  /** Takes a token when the refilled bucket holds one; one row changed means it was taken. */
  private static final String TAKE =
      """
      UPDATE rate_limit_bucket
         SET tokens = LEAST(:capacity, tokens + GREATEST(0, :now - counted_ms) * :perMs) - 1,
             counted_ms = GREATEST(counted_ms, :now)
       WHERE key_id = :key
         AND LEAST(:capacity, tokens + GREATEST(0, :now - counted_ms) * :perMs) >= 1
      """;

  /** A key's first request: its bucket starts full, less the token this request takes. */
  private static final String CREATE =
      """
      INSERT IGNORE INTO rate_limit_bucket (key_id, tokens, counted_ms)
      VALUES (:key, :capacity - 1, :now)
      """;

  /** The tokens an empty-looking bucket holds now, refilled. */
  private static final String AVAILABLE =
      """
      SELECT LEAST(:capacity, tokens + GREATEST(0, :now - counted_ms) * :perMs)
        FROM rate_limit_bucket
       WHERE key_id = :key
      """;

  /** How long a statement may go without an answer before it counts as the database failing. */
  static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(1);

  private final DataSource dataSource;

  SharedBuckets(DataSource dataSource) {
    this.dataSource = dataSource;
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
          // A refill between the refusal and the read of what is left makes a second try worth it.
          for (int attempt = 0; attempt < 2; attempt++) {
            if (Sql.named(TAKE, values).update(c) == 1
                || Sql.named(CREATE, values).update(c) == 1) {
              return Duration.ZERO;
            }
            Optional<Double> available =
                Sql.named(AVAILABLE, values).one(c, row -> row.getDouble(1));
            if (available.isEmpty() || available.get() < 1) {
              double missing = 1 - available.orElse(0.0);
              return Duration.ofMillis(Math.max(1, (long) Math.ceil(missing / perMs)));
            }
          }
          return Duration.ofMillis(Math.max(1, (long) Math.ceil(1 / perMs)));
        });
  }
}
