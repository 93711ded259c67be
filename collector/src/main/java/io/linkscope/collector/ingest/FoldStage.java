package io.linkscope.collector.ingest;

import io.linkscope.collector.journal.Journal;
import io.linkscope.collector.journal.JournalPosition;
import io.linkscope.collector.ops.Metrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's second step, on a thread of its own: takes the batches whose rows the pipeline has
 * committed, and about once per {@code interval} folds all of them at once into the rollups ({@link
 * RollupWriter#fold}), in one transaction that also saves the {@link Checkpoint#ROLLUPS} position.
 * Only then may the journal drop the clicks: until a click is in the rollups too, a restart needs
 * it again. Batches wait in memory, at most {@code maxQueued} clicks of them; past that the
 * pipeline waits, and new clicks wait in the journal.
 */
final class FoldStage {
  private static final Logger log = LoggerFactory.getLogger(FoldStage.class);

  /** Committed rows of one batch, the position after it, and when they were handed over. */
  private record Pending(ClickBatch batch, JournalPosition next, long handedNanos) {}

  private final Journal journal;
  private final DataSource dataSource;
  private final String collectorId;
  private final Duration interval;
  private final int foldSize;
  private final int maxQueued;
  private final LockWatch locks;
  private final Clock clock;
  private final Thread thread;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
  private long queuedClicks; // guarded by lock
  private List<Pending> folding = List.of(); // guarded by lock

  // Clicks handed over and not yet folded, the fold being written included.
  private final AtomicLong unfolded = new AtomicLong();
  private final Metrics.Counter folded;
  private final Metrics.Counter foldCount;
  private final Metrics.Counter retries;
  private final Metrics.Counter conflicts;
  private final AtomicLong lastFoldMillis = new AtomicLong();
  private final AtomicLong lastFoldSize = new AtomicLong();
  private volatile @Nullable String failure;
  private volatile boolean running = true;
  // When a stop gives up folding, on System.nanoTime(): set before running turns false.
  private volatile long drainDeadlineNanos;

  /**
   * @param interval how long a handed batch waits for others to fold with it
   * @param foldSize clicks that make a fold start before its interval is over
   */
  FoldStage(
      Journal journal,
      DataSource dataSource,
      String collectorId,
      Duration interval,
      int foldSize,
      LockWatch locks,
      Clock clock,
      Metrics metrics) {
    this.journal = journal;
    this.dataSource = dataSource;
    this.collectorId = collectorId;
    this.interval = interval;
    this.foldSize = foldSize;
    this.maxQueued = 2 * foldSize;
    this.locks = locks;
    this.clock = clock;
    this.folded =
        metrics.counter(
            "linkscope_rollup_folded_clicks_total",
            "Stored clicks added to the analytics rollups.");
    this.foldCount =
        metrics.counter(
            "linkscope_rollup_folds_total", "Transactions that added clicks to the rollups.");
    this.conflicts = Retries.conflicts(metrics);
    this.retries =
        metrics.counter(
            "linkscope_rollup_fold_retries_total",
            "Rollup transactions that failed and were retried.");
    metrics.gauge(
        "linkscope_rollup_backlog_records",
        "Clicks in MariaDB not yet added to the analytics rollups.",
        unfolded::get);
    metrics.gauge(
        "linkscope_rollup_lag_seconds",
        "Age of the oldest stored click not yet in the rollups (0 when they are up to date).",
        () -> lag().toMillis() / 1000.0);
    metrics.gauge(
        "linkscope_rollup_fold_last_seconds",
        "Duration of the last rollup transaction.",
        () -> lastFoldMillis.get() / 1000.0);
    metrics.gauge(
        "linkscope_rollup_fold_last_size",
        "Clicks in the last rollup transaction.",
        lastFoldSize::get);
    this.thread = Thread.ofPlatform().name("rollup-fold").daemon(false).unstarted(this::run);
  }

  Thread thread() {
    return thread;
  }

  void start() {
    thread.start();
  }

  /**
   * Takes a batch whose rows are committed, with the journal position after it; waits while too
   * many clicks wait for the fold already.
   */
  void hand(ClickBatch batch, JournalPosition next) throws InterruptedException {
    lock.lock();
    try {
      // A fold stage that stopped takes nothing: the pipeline waits, the clicks stay journaled.
      while (queuedClicks >= maxQueued || !thread.isAlive()) {
        changed.await(100, TimeUnit.MILLISECONDS);
      }
      unfolded.addAndGet(batch.size());
      queue.add(new Pending(batch, next, System.nanoTime()));
      queuedClicks += batch.size();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long backlogRecords() {
    return unfolded.get();
  }

  /** Age of the oldest click handed over and not yet in the rollups. */
  Duration lag() {
    long oldest = 0;
    lock.lock();
    try {
      for (Pending pending : folding.isEmpty() ? queue : folding) {
        if (pending.batch().size() > 0) {
          oldest = pending.batch().clicks().getFirst().event().epochMillis();
          break;
        }
      }
    } finally {
      lock.unlock();
    }
    return oldest == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - oldest));
  }

  Optional<String> problem() {
    return locks
        .waiting()
        .map(waiting -> "the rollups are " + waiting)
        .or(() -> Optional.ofNullable(failure));
  }

  private void run() {
    try {
      while (true) {
        List<Pending> taken = take();
        if (taken.isEmpty()) {
          return;
        }
        if (!fold(taken)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = "the rollup fold stopped: " + e;
      log.error("The rollup fold stopped; stored clicks are folded again at the next start", e);
    } finally {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Waits until the oldest handed batch has waited {@code interval}, or enough clicks are waiting,
   * or the pipeline stops; then takes every waiting batch. Empty only when stopped with none left.
   */
  private List<Pending> take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (!queue.isEmpty()) {
          long waited = System.nanoTime() - queue.peekFirst().handedNanos();
          long left = interval.toNanos() - waited;
          if (left <= 0 || queuedClicks >= foldSize || !running) {
            folding = new ArrayList<>(queue);
            queue.clear();
            queuedClicks = 0;
            changed.signalAll();
            return folding;
          }
          changed.awaitNanos(left);
        } else if (!running) {
          return List.of();
        } else {
          changed.await(100, TimeUnit.MILLISECONDS);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Folds the batches and saves the position after the last; false when shutdown gave up. */
  private boolean fold(List<Pending> taken) throws InterruptedException {
    List<ClickBatch> batches = new ArrayList<>(taken.size());
    for (Pending pending : taken) {
      batches.add(pending.batch());
    }
    ClickBatch merged = ClickBatch.merge(batches);
    RollupWriter.Cells cells = RollupWriter.Cells.of(merged);
    JournalPosition next = taken.getLast().next();
    long started = System.nanoTime();
    boolean done =
        Retries.untilDone(
            () ->
                Checkpoint.ROLLUPS.commit(
                    dataSource, collectorId, next, locks, clock, c -> RollupWriter.fold(c, cells)),
            e -> {
              retries.increment();
              String cause = locks.describe(e);
              if (failure == null) {
                log.warn("Cannot add clicks to the rollups: {}; they are retried", cause);
              }
              failure = cause + ", the rollups wait";
            },
            () -> !running && System.nanoTime() - drainDeadlineNanos > 0,
            conflicts);
    if (!done) {
      return false;
    }
    try {
      journal.release(next);
    } catch (IOException e) {
      // Only disk space is at stake: the next fold tries again.
      log.warn("Could not delete stored journal segments: {}", e.toString());
    }
    lastFoldMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    lastFoldSize.set(merged.size());
    folded.add(merged.size());
    foldCount.increment();
    lock.lock();
    try {
      folding = List.of();
    } finally {
      lock.unlock();
    }
    unfolded.addAndGet(-merged.size());
    if (failure != null) {
      log.info("MariaDB is back; the rollups are catching up");
      failure = null;
    }
    return true;
  }

  /**
   * Folds what is waiting, retrying until {@code deadlineNanos} (on {@link System#nanoTime()});
   * what is left stays in the journal and is folded at the next start.
   */
  void stop(long deadlineNanos) {
    drainDeadlineNanos = deadlineNanos;
    running = false;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      long wait =
          Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())) + 1000;
      thread.join(wait);
      if (thread.isAlive()) {
        log.warn("The rollups were not brought up to date in time; the rest is done at next start");
        thread.interrupt();
        thread.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
