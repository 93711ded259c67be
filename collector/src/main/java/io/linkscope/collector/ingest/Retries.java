package io.linkscope.collector.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Runs a database step until it succeeds, waiting twice as long after each failure (up to 5 s). */
final class Retries {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

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
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      try {
        step.run();
        return true;
      } catch (SQLException e) {
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
