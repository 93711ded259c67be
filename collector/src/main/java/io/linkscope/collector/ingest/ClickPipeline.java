package io.linkscope.collector.ingest;

import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.journal.Journal;
import io.linkscope.collector.journal.JournalEntry;
import io.linkscope.collector.journal.JournalPosition;
import io.linkscope.collector.journal.JournalReader;
import io.linkscope.collector.ops.Metrics;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves clicks from the journal into MariaDB: reads a batch, enriches it, decides its unique visits
 * and writes its rows with the journal checkpoint in one transaction, then hands it to the {@link
 * FoldStage}, which adds many such batches at once to the rollups and lets the journal drop what is
 * in both, and to the {@link CommittedClicks} consumers. When MariaDB fails the same batch is
 * retried with backoff, so clicks pile up in the journal (never in memory) and drain when the
 * database returns.
 */
public final class ClickPipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClickPipeline.class);
  private static final Duration YIELD_STEP = Duration.ofMillis(50);
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

  private final Journal journal;
  private final DataSource dataSource;
  private final Function<ClickEvent, EnrichedClick> enrich;
  private final List<CommittedClicks> consumers;
  private final List<InBatch> inBatch;
  private final FoldStage folds;
  private final LockWatch locks;
  private final LockWatch foldLocks;
  private final String collectorId;
  private final int batchSize;
  private final PipelinePacer pacer;
  private final Clock clock;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private final Metrics.Counter stored;
  private final Metrics.Counter batches;
  private final Metrics.Counter retries;
  private final Metrics.Counter conflicts;
  private final Metrics.Counter undecodable;
  private final Metrics.Counter unenriched;
  private final Metrics.Counter yielded;
  private final AtomicLong lastBatchMillis = new AtomicLong();
  private final AtomicLong lastBatchSize = new AtomicLong();
  private final AtomicLong oldestPendingMillis = new AtomicLong();
  // When the journal was last found empty: every click not yet stored arrived after it.
  private final AtomicLong caughtUpMillis = new AtomicLong();
  private volatile boolean yielding;
  private long lastProbeNanos;
  private final AtomicLong backlogAtStart;
  // Where the journal ended, and how many records it had taken, when this pipeline was built: the
  // backlog is what lies between the checkpoint and that end plus what was appended since.
  private final JournalPosition endAtStart;
  private final long appendedAtStart;
  private volatile @Nullable String failure;
  private volatile boolean running = true;
  // When a stop gives up draining, on System.nanoTime(): set before running turns false.
  private volatile long drainDeadlineNanos;

  /** Where the pipeline reads clicks from and where it stores them. */
  public record Stores(Journal journal, DataSource dataSource) {}

  /**
   * How the pipeline batches and paces its work.
   *
   * @param collectorId the stable identity of the journal, which the stored positions belong to
   * @param foldInterval how long stored clicks wait to be added to the rollups
   * @param yieldLimit how old an unstored click may get while the pipeline gives way to redirects
   */
  public record Options(
      String collectorId, int batchSize, Duration foldInterval, Duration yieldLimit) {}

  /**
   * Writes of its own that must commit exactly when a batch does (an outbox): run on the batch's
   * connection, inside its transaction, after its rows. What it throws rolls the batch back, which
   * is then retried like any failed write, so it must only fail when MariaDB does.
   */
  @FunctionalInterface
  public interface InBatch {
    void write(Connection c, List<EnrichedClick> clicks) throws SQLException;
  }

  /**
   * A pipeline.
   *
   * @param enrich derives a click's device, referrer source, UTM and language ({@link
   *     EnrichedClick#of}); it should not throw, and a click it throws on is stored without them
   */
  public ClickPipeline(
      Stores stores,
      Function<ClickEvent, EnrichedClick> enrich,
      List<CommittedClicks> consumers,
      Options options,
      Clock clock,
      Metrics metrics) {
    this(stores, enrich, consumers, List.of(), options, clock, metrics);
  }

  /** A pipeline that also runs {@code inBatch} in every batch's transaction. */
  public ClickPipeline(
      Stores stores,
      Function<ClickEvent, EnrichedClick> enrich,
      List<CommittedClicks> consumers,
      List<InBatch> inBatch,
      Options options,
      Clock clock,
      Metrics metrics) {
    this.inBatch = List.copyOf(inBatch);
    Journal journal = stores.journal();
    DataSource dataSource = stores.dataSource();
    String collectorId = options.collectorId();
    int batchSize = options.batchSize();
    this.journal = journal;
    this.dataSource = dataSource;
    this.enrich = enrich;
    this.consumers = List.copyOf(consumers);
    this.locks = new LockWatch(dataSource, metrics);
    this.foldLocks = new LockWatch(dataSource, metrics);
    this.folds =
        new FoldStage(
            journal,
            dataSource,
            collectorId,
            options.foldInterval(),
            batchSize,
            foldLocks,
            clock,
            metrics);
    this.collectorId = collectorId;
    this.batchSize = batchSize;
    this.pacer =
        new PipelinePacer(options.yieldLimit(), Runtime.getRuntime().availableProcessors());
    this.clock = clock;
    this.caughtUpMillis.set(clock.millis());
    this.endAtStart = journal.end();
    this.appendedAtStart = journal.appendedRecords();
    // Until the replay has been counted, every recovered record counts as pending: a backlog that
    // reads zero before then would tell a waiting operator (or test) that nothing is left.
    this.backlogAtStart = new AtomicLong(journal.recovery().recordsRecovered());
    this.stored = metrics.counter("linkscope_clicks_stored_total", "Clicks written to MariaDB.");
    this.batches =
        metrics.counter("linkscope_click_batches_total", "Click batches committed to MariaDB.");
    this.retries =
        metrics.counter(
            "linkscope_click_batch_retries_total",
            "Click batch writes that failed and were retried.");
    this.conflicts = Retries.conflicts(metrics);
    this.undecodable =
        metrics.counter(
            "linkscope_journal_unreadable_records_total",
            "Journal records with a valid checksum that could not be decoded (skipped, logged).");
    this.unenriched =
        metrics.counter(
            "linkscope_clicks_unenriched_total",
            "Clicks stored without device, source, UTM and language because deriving them failed"
                + " (logged).");
    this.yielded =
        metrics.counter(
            "linkscope_pipeline_yield_milliseconds_total",
            "Time the click pipeline waited for a burst of redirects to pass.");
    metrics.gauge(
        "linkscope_pipeline_yielding",
        "1 while the click pipeline waits for a burst of redirects to pass, else 0.",
        () -> yielding ? 1 : 0);
    metrics.gauge(
        "linkscope_click_batch_last_seconds",
        "Duration of the last committed click batch.",
        () -> lastBatchMillis.get() / 1000.0);
    metrics.gauge(
        "linkscope_click_batch_last_size",
        "Clicks in the last committed batch.",
        lastBatchSize::get);
    metrics.gauge(
        "linkscope_backlog_records", "Journaled clicks not yet in MariaDB.", this::backlogRecords);
    metrics.gauge(
        "linkscope_backlog_oldest_age_seconds",
        "Age of the oldest journaled click not yet in MariaDB (0 when caught up).",
        () -> backlogAge().toMillis() / 1000.0);
    this.thread = Thread.ofPlatform().name("click-pipeline").daemon(false).unstarted(this::run);
  }

  /** Starts moving clicks, from this collector's checkpoints in MariaDB onwards. */
  public void start() {
    folds.start();
    thread.start();
    Thread.ofVirtual().name("lock-watch").start(this::watchLocks);
  }

  /** Once a second, while the pipeline runs, looks whether a slow transaction waits on a lock. */
  private void watchLocks() {
    try {
      while (thread.isAlive() || folds.thread().isAlive()) {
        Thread.sleep(LockWatch.SLOW);
        locks.check();
        foldLocks.check();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public long backlogRecords() {
    long consumed = stored.value() + undecodable.value();
    return Math.max(
        0, backlogAtStart.get() + journal.appendedRecords() - appendedAtStart - consumed);
  }

  /**
   * Age of the oldest click not yet in MariaDB: exact while a batch is being written, else (while
   * the pipeline waits, or between batches) no older than the last time the journal was empty.
   */
  public Duration backlogAge() {
    long oldest = oldestPendingMillis.get();
    if (oldest == 0 && backlogRecords() > 0) {
      oldest = caughtUpMillis.get();
    }
    return oldest == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - oldest));
  }

  /** Clicks in MariaDB that are not yet in the analytics rollups. */
  public long rollupBacklogRecords() {
    return folds.backlogRecords();
  }

  /** Age of the oldest click in MariaDB that is not yet in the rollups (zero when none is). */
  public Duration rollupLag() {
    return folds.lag();
  }

  /** Why the pipeline is not keeping up, if it is not. */
  public Optional<String> problem() {
    return locks
        .waiting()
        .map(waiting -> waiting + ", clicks are kept in the journal")
        .or(() -> Optional.ofNullable(failure))
        .or(folds::problem);
  }

  private void run() {
    try {
      JournalPosition checkpoint = awaitCheckpoint(Checkpoint.CLICKS);
      // Clicks stored before a stop but not yet in the rollups go to the fold first; until they are
      // handed over, the backlog still counts every recovered record.
      refold(awaitCheckpoint(Checkpoint.ROLLUPS), checkpoint);
      backlogAtStart.set(countFrom(checkpoint));
      if (backlogAtStart.get() > 0) {
        log.info("Replaying {} journaled clicks not yet in MariaDB", backlogAtStart.get());
      }
      JournalReader reader = openReader(checkpoint);
      Supplier<PipelinePacer.Reading> readings =
          pacer.enabled() ? PipelinePacer.jvmReadings(folds.thread()) : null;
      while (true) {
        if (readings != null
            && running
            && pacer.shouldWait(readings, System.nanoTime(), backlogAge())) {
          giveWay();
          continue;
        }
        yielding = false;
        List<JournalEntry> entries = reader.poll(batchSize, Duration.ofMillis(100));
        if (entries.isEmpty()) {
          caughtUpMillis.set(clock.millis());
          oldestPendingMillis.set(0);
          if (!running) {
            return;
          }
          continue;
        }
        if (!store(entries)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      failure = "the click pipeline stopped: " + e;
      log.error("The click pipeline stopped; journaled clicks stay on disk", e);
    } finally {
      stopped.countDown();
    }
  }

  /** Waits a moment while a burst of redirects has the processor; clicks stay in the journal. */
  private void giveWay() throws InterruptedException {
    if (!yielding) {
      yielding = true;
      log.debug("Redirects are using the processor; clicks wait in the journal");
    }
    // A clean poll position: what was stored is stored, the backlog is all in the journal.
    oldestPendingMillis.set(0);
    long started = System.nanoTime();
    if (started - lastProbeNanos >= PROBE_INTERVAL.toNanos()) {
      lastProbeNanos = started;
      probeDatabase();
    }
    Thread.sleep(YIELD_STEP);
    yielded.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** While it waits the pipeline writes nothing, so it asks MariaDB now and then, for /health. */
  private void probeDatabase() {
    try (Connection _ = dataSource.getConnection()) {
      if (failure != null) {
        log.info("MariaDB is back; the click backlog is written once the burst is over");
        failure = null;
      }
    } catch (SQLException e) {
      if (failure == null) {
        log.warn(
            "Cannot reach MariaDB ({}); clicks stay in the journal and are retried",
            e.getMessage());
      }
      failure = locks.describe(e) + ", clicks are kept in the journal";
    }
  }

  private JournalReader openReader(JournalPosition checkpoint) {
    try {
      return journal.reader(checkpoint);
    } catch (IllegalArgumentException e) {
      // The checkpoint belongs to another journal (a restored database, a copied data directory):
      // replay all that is here; click ids make the re-insert of anything already stored a no-op.
      log.error("The checkpoint {} does not match this journal; replaying it whole", checkpoint);
      return journal.reader(JournalPosition.START);
    }
  }

  /**
   * Hands the clicks between the two checkpoints (in the click table, not yet in the rollups) to
   * the fold again, with what was decided about them when they were written.
   */
  private void refold(JournalPosition folded, JournalPosition stored)
      throws InterruptedException, IOException {
    if (!stored.isAfter(folded)) {
      return;
    }
    JournalReader reader;
    try {
      reader = journal.reader(folded);
    } catch (IllegalArgumentException e) {
      log.error(
          "The rollup checkpoint {} does not match this journal; clicks stored before it may be"
              + " missing from the rollups until `linkscope rollups rebuild` is run",
          folded);
      return;
    }
    long refolded = 0;
    try (reader) {
      while (true) {
        List<JournalEntry> entries = reader.poll(batchSize, Duration.ZERO);
        int before = 0;
        while (before < entries.size() && stored.isAfter(entries.get(before).position())) {
          before++;
        }
        if (before == 0) {
          break;
        }
        List<JournalEntry> unfolded = entries.subList(0, before);
        ClickBatch batch = new ClickBatch(decode(unfolded));
        ClickTable.Rows rows = ClickTable.Rows.of(batch);
        Retries.untilDone(
            () -> {
              try (Connection c = dataSource.getConnection()) {
                ClickTable.recall(c, rows);
              }
            },
            this::cannotWrite,
            () -> false);
        folds.hand(batch, unfolded.getLast().next());
        refolded += batch.size();
        if (before < entries.size()) {
          break;
        }
      }
    }
    log.info("Adding {} stored clicks to the rollups, which a stop left out", refolded);
  }

  private List<EnrichedClick> decode(List<JournalEntry> entries) {
    List<EnrichedClick> batch = new ArrayList<>(entries.size());
    for (JournalEntry entry : entries) {
      ClickEvent event;
      try {
        event = ClickEvent.decode(entry.payload());
      } catch (IllegalArgumentException e) {
        // Passed its checksum yet cannot be read: written by an incompatible version. Counted
        // and logged, never silently dropped.
        undecodable.increment();
        log.error(
            "Skipping an unreadable journal record at {}: {}", entry.position(), e.getMessage());
        continue;
      }
      batch.add(enrich(event, entry));
    }
    return batch;
  }

  /**
   * The enrichers degrade to empty values rather than throw; one that throws all the same (a bug)
   * must cost the click its device, source, UTM and language, not stop the pipeline at the same
   * record on every start.
   */
  private EnrichedClick enrich(ClickEvent event, JournalEntry entry) {
    try {
      return enrich.apply(event);
    } catch (RuntimeException e) {
      unenriched.increment();
      log.error(
          "A click at {} could not be enriched; it is stored without device, source, UTM and"
              + " language",
          entry.position(),
          e);
      return EnrichedClick.unenriched(event);
    }
  }

  /** Writes one batch, retrying until it commits; false when shutdown gave up waiting. */
  private boolean store(List<JournalEntry> entries) throws InterruptedException {
    ClickBatch batch = new ClickBatch(decode(entries));
    JournalPosition next = entries.getLast().next();
    if (batch.size() == 0) {
      // Nothing to write, but the fold moves the checkpoints and frees the journal past them.
      folds.hand(batch, next);
      return true;
    }
    oldestPendingMillis.set(batch.clicks().getFirst().event().epochMillis());
    long started = System.nanoTime();
    ClickTable.Rows rows = ClickTable.Rows.of(batch);
    RollupWriter.Uniques uniques = RollupWriter.Uniques.of(batch);
    if (!Retries.untilDone(
        () -> write(rows, uniques, batch, next),
        this::cannotWrite,
        () -> !running && System.nanoTime() - drainDeadlineNanos > 0,
        conflicts)) {
      return false;
    }
    lastBatchMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    lastBatchSize.set(batch.size());
    // The fold's backlog first, this one's second: whoever sees both at zero may count on it.
    folds.hand(batch, next);
    stored.add(batch.size());
    batches.increment();
    handOver(batch);
    if (failure != null) {
      log.info("MariaDB is back; draining the click backlog ({} records)", backlogRecords());
      failure = null;
    }
    return true;
  }

  private void cannotWrite(SQLException e) {
    retries.increment();
    String cause = locks.describe(e);
    if (failure == null) {
      log.warn(
          "Cannot write clicks to MariaDB: {}; they stay in the journal and are retried", cause);
    }
    failure = cause + ", clicks are kept in the journal";
  }

  /**
   * Decides the batch's uniques and writes its rows, which store them, and the click checkpoint
   * after it, in one transaction.
   */
  private void write(
      ClickTable.Rows rows, RollupWriter.Uniques uniques, ClickBatch batch, JournalPosition next)
      throws SQLException {
    Checkpoint.CLICKS.commit(
        dataSource,
        collectorId,
        next,
        locks,
        clock,
        c -> {
          RollupWriter.decideUniques(c, uniques);
          ClickTable.write(c, rows);
          for (InBatch writer : inBatch) {
            writer.write(c, batch.clicks());
          }
        });
  }

  /** Hands a committed batch to each consumer; one that fails neither stops nor delays the rest. */
  private void handOver(ClickBatch batch) {
    for (CommittedClicks consumer : consumers) {
      try {
        consumer.committed(batch.clicks());
      } catch (RuntimeException e) {
        log.error("A consumer of committed clicks failed on a batch of {}", batch.size(), e);
      }
    }
  }

  /** A checkpoint in MariaDB, waiting for the database if it is down at start. */
  private JournalPosition awaitCheckpoint(Checkpoint checkpoint) throws InterruptedException {
    while (true) {
      try (Connection c = dataSource.getConnection()) {
        JournalPosition position = checkpoint.load(c, collectorId);
        failure = null;
        return position;
      } catch (SQLException e) {
        failure = locks.describe(e) + " at start, clicks are kept in the journal";
        if (!running) {
          throw new InterruptedException("stopped before MariaDB came back");
        }
        Thread.sleep(1000);
      }
    }
  }

  /**
   * Counts the journaled records after the checkpoint that were there when this pipeline was built;
   * later ones are counted by the journal as they are appended.
   */
  private long countFrom(JournalPosition checkpoint) throws InterruptedException, IOException {
    JournalPosition end = endAtStart;
    long count = 0;
    try (JournalReader counter = openReader(checkpoint)) {
      while (true) {
        List<JournalEntry> entries = counter.poll(10_000, Duration.ZERO);
        if (entries.isEmpty()) {
          return count;
        }
        for (JournalEntry entry : entries) {
          if (entry.position().compareTo(end) >= 0) {
            return count;
          }
          count++;
        }
      }
    }
  }

  /**
   * Stops after storing what it can within {@code deadline}; the rest stays in the journal for the
   * next start.
   */
  public void stop(Duration deadline) {
    long until = System.nanoTime() + deadline.toNanos();
    drainDeadlineNanos = until;
    running = false;
    try {
      if (!stopped.await(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        log.warn("The click pipeline did not drain in {}; the rest stays in the journal", deadline);
        thread.interrupt();
        stopped.await(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    folds.stop(until);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
