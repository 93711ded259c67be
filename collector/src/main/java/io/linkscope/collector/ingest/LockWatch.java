package io.linkscope.collector.ingest;

import io.linkscope.collector.db.Database;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.ops.Metrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells what keeps a pipeline stage's transactions from committing: a lock another session holds, a
 * deadlock, or MariaDB out of reach. While a transaction has run for over {@link #SLOW}, {@link
 * #check} asks InnoDB's lock tables whether it waits on a lock and which session holds it; only
 * then, so a healthy pipeline never reads them. Each wait is counted once, whether it was seen
 * waiting or ended in a lock wait timeout or a deadlock.
 */
final class LockWatch {
  private static final Logger log = LoggerFactory.getLogger(LockWatch.class);
  static final Duration SLOW = Duration.ofSeconds(1);
  private static final int LOCK_WAIT_TIMEOUT = 1205;
  private static final int DEADLOCK = 1213;

  private static final String BLOCKER =
      """
      SELECT b.trx_mysql_thread_id, p.COMMAND, p.TIME
      FROM information_schema.INNODB_LOCK_WAITS w
      JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
      JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
      LEFT JOIN information_schema.PROCESSLIST p ON p.ID = b.trx_mysql_thread_id
      WHERE r.trx_mysql_thread_id = ?
      LIMIT 1
      """;

  /** The session holding a lock we wait on; {@code command} is null when it cannot be seen. */
  record Blocker(long session, @Nullable String command, long seconds) {
    @Override
    public String toString() {
      if (command == null) {
        return "session " + session;
      }
      return "session "
          + session
          + (command.equals("Sleep") ? " (idle " + seconds + "s)" : " (busy " + seconds + "s)");
    }
  }

  /** One of our transactions: its session, since when it runs, and what it was seen waiting on. */
  private record Transaction(long session, long startedNanos, @Nullable Blocker blocker) {}

  private final DataSource dataSource;
  private final Metrics.Counter lockWaits;
  private final AtomicReference<Transaction> running = new AtomicReference<>();
  // The last transaction that ended, so that a failure can say which lock it waited on.
  private volatile @Nullable Transaction ended;
  private volatile boolean cannotSee;

  LockWatch(DataSource dataSource, Metrics metrics) {
    this.dataSource = dataSource;
    this.lockWaits =
        metrics.counter(
            "linkscope_pipeline_lock_waits_total",
            "Pipeline and rollup transactions that waited over a second on a lock another session"
                + " held, or failed by a lock wait timeout or a deadlock.");
  }

  /** A transaction being watched; closing it ends the watch. */
  interface Watched extends AutoCloseable {
    @Override
    void close();
  }

  /** Watches {@code c}'s transaction until the returned handle is closed. */
  Watched watch(Connection c) {
    long session;
    try {
      session = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
    } catch (SQLException notMariaDb) {
      return () -> {};
    }
    Transaction transaction = new Transaction(session, System.nanoTime(), null);
    running.set(transaction);
    return () -> ended = running.getAndSet(null);
  }

  /**
   * Looks whether the running transaction, if it has run for over {@link #SLOW}, waits on a lock;
   * called about once a second by the pipeline.
   */
  void check() {
    Transaction transaction = running.get();
    long now = System.nanoTime();
    if (transaction == null || now - transaction.startedNanos() < SLOW.toNanos() || cannotSee) {
      return;
    }
    Optional<Blocker> blocker = blocker(transaction.session());
    if (blocker.isEmpty()) {
      return;
    }
    Transaction waiting =
        new Transaction(transaction.session(), transaction.startedNanos(), blocker.get());
    if (running.compareAndSet(transaction, waiting) && transaction.blocker() == null) {
      lockWaits.increment();
      log.warn("A pipeline transaction waits on a lock held by MariaDB {}", blocker.get());
    }
  }

  /** While the running transaction waits on a lock: on which, and for how long. */
  Optional<String> waiting() {
    Transaction transaction = running.get();
    if (transaction == null || transaction.blocker() == null) {
      return Optional.empty();
    }
    long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - transaction.startedNanos());
    return Optional.of(
        "waiting on a lock held by " + transaction.blocker() + " for " + waited + "s");
  }

  /**
   * Says why a transaction failed, counting lock wait timeouts and deadlocks as lock waits unless
   * the wait was counted while it lasted.
   */
  String describe(SQLException e) {
    return switch (e.getErrorCode()) {
      case LOCK_WAIT_TIMEOUT -> {
        Transaction last = ended;
        if (last == null || last.blocker() == null) {
          lockWaits.increment();
          yield "a lock wait timed out (" + e.getMessage() + ")";
        }
        yield "a lock wait timed out: the lock is held by " + last.blocker();
      }
      case DEADLOCK -> {
        lockWaits.increment();
        yield "a deadlock with another session (" + e.getMessage() + ")";
      }
      default ->
          unreachable(e)
              ? "MariaDB unreachable (" + e.getMessage() + ")"
              : "MariaDB error " + e.getErrorCode() + " (" + e.getMessage() + ")";
    };
  }

  /** Whether {@code e} means no connection to MariaDB, rather than an answer from it. */
  static boolean unreachable(SQLException e) {
    return Database.isConnectionLoss(e);
  }

  private Optional<Blocker> blocker(long session) {
    try {
      return Sql.of(BLOCKER, session)
          .one(
              dataSource,
              row -> {
                String command = row.getString(2);
                return new Blocker(row.getLong(1), command, command == null ? 0 : row.getLong(3));
              });
    } catch (SQLException e) {
      if (e.getErrorCode() == 1227) {
        // Access denied: the lock tables need the PROCESS privilege. Failures still say when a
        // lock wait timed out; only the holder goes unnamed.
        cannotSee = true;
        log.info("Without the PROCESS privilege, /health cannot name who holds a lock we wait on");
      }
      return Optional.empty();
    }
  }
}
