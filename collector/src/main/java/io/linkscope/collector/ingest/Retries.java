package io.linkscope.collector.ingest;

import io.linkscope.collector.db.Database;
import io.linkscope.collector.ops.Metrics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a database step until it succeeds, waiting twice as long after each failure (up to 5 s).
 *
 * <p>A conflict with another transaction is no failure of the database: a deadlock (MariaDB error
 * 1213) or, on a Galera cluster, a certification failure (a transaction of another node committed
 * first on the same rows; reported as the same error, "Deadlock found when trying to get lock; try
 * restarting transaction") rolls the transaction back, and running it again at once is the cure.
 * Two collectors folding the same rollup cells meet this routinely, so it is retried after a few
 * milliseconds, counted in {@code linkscope_conflict_retries_total} and not logged; only a run of
 * conflicts is reported like a failure.
 */
final class Retries {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final int CONFLICTS_BEFORE_REPORTING = 5;

  /** The counter of conflicts retried, shared by every stage of a collector. */
  static Metrics.Counter conflicts(Metrics metrics) {
    return metrics.counter(
        "linkscope_conflict_retries_total",
        "Pipeline and rollup transactions rolled back by a deadlock or a Galera certification"
            + " conflict with another transaction, and run again.");
  }

  /**
   * Whether {@code e} says the transaction lost a conflict with another one and was rolled back:
   * error 1213 or SQLSTATE 40001, also when the driver wraps it.
   */
  static boolean isConflict(SQLException e) {
    return Database.isConflict(e);
  }

  /** A step that talks to MariaDB. */
  @FunctionalInterface
  interface Step {
    void run() throws SQLException;
  }

  private Retries() {}

  /**
   * Runs {@code step} until it succeeds; after each failure tells {@code failed}, then stops trying
   * (false) if {@code giveUp} says so, else waits and tries again.
   */
  static boolean untilDone(Step step, Consumer<SQLException> failed, BooleanSupplier giveUp)
      throws InterruptedException {
    return untilDone(step, failed, giveUp, null);
  }

  /**
   * Like {@link #untilDone(Step, Consumer, BooleanSupplier)}, but a conflict with another
   * transaction is retried after a few milliseconds and counted in {@code conflicts} (when given)
   * instead of being told to {@code failed}, unless several come in a row.
   */
  static boolean untilDone(
      Step step,
      Consumer<SQLException> failed,
      BooleanSupplier giveUp,
      Metrics.@Nullable Counter conflicts)
      throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    int conflictsInARow = 0;
    while (true) {
      try {
        step.run();
        return true;
      } catch (SQLException e) {
        if (conflicts != null && isConflict(e) && conflictsInARow < CONFLICTS_BEFORE_REPORTING) {
          conflictsInARow++;
          conflicts.increment();
          // A little jitter, so two collectors that conflicted do not meet again in step.
          Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 * conflictsInARow + 1));
          continue;
        }
        conflictsInARow = 0;
        failed.accept(e);
        if (giveUp.getAsBoolean()) {
          return false;
        }
        Thread.sleep(backoff.toMillis());
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }
}
