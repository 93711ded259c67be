package io.linkscope.collector.conversion;

import io.linkscope.collector.db.Sql;
import io.linkscope.collector.journal.Journal;
import io.linkscope.collector.journal.JournalEntry;
import io.linkscope.collector.journal.JournalOptions;
import io.linkscope.collector.journal.JournalPosition;
import io.linkscope.collector.journal.JournalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversions' way into MariaDB, with the guarantees of clicks (decision 0002): a reported
 * conversion is appended to a journal of its own before it is acknowledged, and a background thread
 * stores what the journal holds, moving this collector's checkpoint in the same transaction, and
 * only then lets the journal drop it. A conversion replayed after a crash (stored, but the
 * checkpoint not moved) or reported twice is ignored by the unique (workspace, event id) key: none
 * is lost, none doubled.
 */
public final class ConversionJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConversionJournal.class);
  private static final int BATCH = 500;
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration LATE_FOLD_INTERVAL = Duration.ofMillis(500);
  private static final Duration RECENT = Duration.ofMinutes(10);
  private static final Duration EVERYTHING_INTERVAL = Duration.ofMinutes(5);
  private static final int LATE_FOLD_BATCH = 5000;

  private final Journal journal;
  private final DataSource dataSource;
  private final String collectorId;
  private final Clock clock;
  private final InBatch inBatch;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile long drainUntilNanos = Long.MAX_VALUE;
  // Kept apart: during an outage the late fold and the store fail in turn, and each would
  // otherwise hide the other's report for as long as its own attempt takes.
  private volatile @Nullable String problem;
  private volatile @Nullable String foldProblem;
  private long lastLateFoldNanos = System.nanoTime();
  private long lastFullLateFoldNanos = System.nanoTime() - EVERYTHING_INTERVAL.toNanos();
  private boolean lateBacklog;

  /**
   * Writes of its own that must commit exactly when a batch of conversions does (an outbox): run on
   * the batch's connection inside its transaction, after its rows. Conversions already stored
   * (reported twice, or replayed after a crash) are among them again.
   */
  @FunctionalInterface
  public interface InBatch {
    InBatch NONE = (c, conversions) -> {};

    void write(Connection c, List<StoredConversion> conversions) throws SQLException;
  }

  private final List<ReportedConversions> listeners;

  private ConversionJournal(
      Journal journal,
      DataSource dataSource,
      String collectorId,
      Clock clock,
      InBatch inBatch,
      List<ReportedConversions> listeners) {
    this.inBatch = inBatch;
    this.listeners = List.copyOf(listeners);
    this.journal = journal;
    this.dataSource = dataSource;
    this.collectorId = collectorId;
    this.clock = clock;
    this.thread = Thread.ofPlatform().daemon().name("conversion-journal").unstarted(this::run);
  }

  /**
   * Opens the journal in {@code dir} (recovering it after a crash); {@link #start} then stores what
   * it holds.
   */
  public static ConversionJournal open(
      Path dir, DataSource dataSource, String collectorId, Clock clock) throws IOException {
    return open(dir, dataSource, collectorId, clock, InBatch.NONE, List.of());
  }

  /**
   * Like {@link #open(Path, DataSource, String, Clock)}, running {@code inBatch} in each batch and
   * telling {@code listeners} of each conversion as it is journaled.
   */
  public static ConversionJournal open(
      Path dir,
      DataSource dataSource,
      String collectorId,
      Clock clock,
      InBatch inBatch,
      List<ReportedConversions> listeners)
      throws IOException {
    Journal journal =
        Journal.open(dir, new JournalOptions(8L << 20, Duration.ofMillis(20), 256L << 20));
    return new ConversionJournal(journal, dataSource, collectorId, clock, inBatch, listeners);
  }

  public void start() {
    thread.start();
  }

  /** Appends a conversion; once this returns it survives a crash of the collector. */
  void append(Conversion conversion) throws IOException {
    journal.append(conversion.encode());
    for (ReportedConversions listener : listeners) {
      try {
        listener.reported(
            conversion.workspaceId(),
            conversion.clickId(),
            conversion.event(),
            conversion.value(),
            conversion.currency(),
            conversion.receivedAtMillis());
      } catch (RuntimeException e) {
        log.error("A listener of reported conversions failed", e);
      }
    }
  }

  /** Why conversions are not being stored or folded right now, if they are not. */
  public Optional<String> problem() {
    String stored = problem;
    String folded = foldProblem;
    if (stored != null && folded != null) {
      return Optional.of(stored + "; " + folded);
    }
    return Optional.ofNullable(stored != null ? stored : folded);
  }

  private void run() {
    try {
      JournalPosition from = loadCheckpoint();
      try (JournalReader reader = journal.reader(from)) {
        List<JournalEntry> pending = List.of();
        // Stopping, it stores what is left while MariaDB takes it; what it does not stays safe in
        // the journal for the next start.
        while (running
            || (System.nanoTime() < drainUntilNanos
                && problem == null
                && backlogAt(reader, pending))) {
          foldLate();
          if (pending.isEmpty()) {
            pending = reader.poll(BATCH, Duration.ofMillis(200));
            if (pending.isEmpty()) {
              continue;
            }
          }
          try {
            store(pending);
            JournalPosition next = pending.getLast().next();
            journal.release(next);
            pending = List.of();
            problem = null;
          } catch (SQLException e) {
            if (problem == null) {
              log.warn(
                  "Conversions cannot be stored for now; they wait in the journal: {}",
                  e.toString());
            }
            problem = "conversions cannot be stored: " + e.getMessage();
            Thread.sleep(RETRY.toMillis());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      problem = "the conversion journal failed: " + e;
      log.error("The conversion journal stopped; conversions wait in it until a restart", e);
    } finally {
      stopped.countDown();
    }
  }

  private boolean backlogAt(JournalReader reader, List<JournalEntry> pending) {
    return !pending.isEmpty() || !reader.position().equals(journal.end());
  }

  private JournalPosition loadCheckpoint() throws InterruptedException {
    while (true) {
      try {
        return Sql.of(
                "SELECT segment, segment_offset FROM conversion_checkpoint WHERE collector_id = ?",
                collectorId)
            .one(dataSource, row -> new JournalPosition(row.getLong(1), row.getLong(2)))
            .orElse(JournalPosition.START);
      } catch (SQLException e) {
        problem = "conversions cannot be stored: " + e.getMessage();
        if (!running) {
          throw new InterruptedException("stopped before MariaDB answered");
        }
        Thread.sleep(RETRY.toMillis());
      }
    }
  }

  private void store(List<JournalEntry> entries) throws SQLException {
    List<List<Object>> rows = new ArrayList<>(entries.size());
    Map<Long, List<String>> eventIds = new TreeMap<>();
    List<StoredConversion> stored = new ArrayList<>(entries.size());
    for (JournalEntry entry : entries) {
      Conversion c;
      try {
        c = Conversion.decode(entry.payload());
      } catch (IllegalArgumentException e) {
        log.error(
            "A conversion record at {} cannot be read and is skipped: {}",
            entry.position(),
            e.getMessage());
        continue;
      }
      List<Object> row = new ArrayList<>(10);
      row.add(c.workspaceId());
      row.add(c.eventId());
      row.add(ClickIds.bytes(c.clickId()));
      row.add(c.event());
      row.add(c.value());
      row.add(c.currency());
      row.add(Instant.ofEpochMilli(c.occurredAtMillis()));
      row.add(Instant.ofEpochMilli(c.receivedAtMillis()));
      row.add(c.via().code);
      rows.add(row);
      eventIds.computeIfAbsent(c.workspaceId(), _ -> new ArrayList<>()).add(c.eventId());
      stored.add(
          new StoredConversion(
              c.workspaceId(),
              c.eventId(),
              c.clickId(),
              c.event(),
              c.value(),
              c.currency(),
              Instant.ofEpochMilli(c.occurredAtMillis()),
              c.via().name().toLowerCase(java.util.Locale.ROOT)));
    }
    JournalPosition next = entries.getLast().next();
    Sql.inTransaction(
        dataSource,
        c -> {
          insert(c, rows);
          for (Map.Entry<Long, List<String>> workspace : eventIds.entrySet()) {
            ConversionFold.foldEvents(c, workspace.getKey(), workspace.getValue());
          }
          inBatch.write(c, stored);
          Sql.named(
                  """
                  INSERT INTO conversion_checkpoint (collector_id, segment, segment_offset, updated_at)
                  VALUES (:collector, :segment, :offset, :now)
                  ON DUPLICATE KEY UPDATE segment = VALUES(segment),
                    segment_offset = VALUES(segment_offset), updated_at = VALUES(updated_at)
                  """,
                  Map.of(
                      "collector", collectorId,
                      "segment", next.segment(),
                      "offset", next.offset(),
                      "now", clock.instant()))
              .update(c);
        });
  }

  /**
   * Folds the conversions whose click was still on its way when they were stored (decision 0015,
   * "Fold"): twice a second those received in the last {@link #RECENT}, which is where such clicks
   * are; every {@link #EVERYTHING_INTERVAL} (and at start) all those of the last {@link
   * ConversionFold#PATIENCE}, for a click that waited long in its journal. Conversions whose click
   * never comes are looked at again in each pass, so the frequent pass covers only minutes.
   */
  private void foldLate() {
    long now = System.nanoTime();
    if (!lateBacklog && now - lastLateFoldNanos < LATE_FOLD_INTERVAL.toNanos()) {
      return;
    }
    lastLateFoldNanos = now;
    boolean everything =
        lateBacklog || now - lastFullLateFoldNanos >= EVERYTHING_INTERVAL.toNanos();
    if (everything && !lateBacklog) {
      lastFullLateFoldNanos = now;
    }
    Instant since = clock.instant().minus(everything ? ConversionFold.PATIENCE : RECENT);
    try {
      int folded =
          Sql.transaction(dataSource, c -> ConversionFold.foldLate(c, since, LATE_FOLD_BATCH));
      lateBacklog = folded == LATE_FOLD_BATCH;
      foldProblem = null;
    } catch (SQLException e) {
      lateBacklog = false;
      foldProblem = "conversions cannot be folded: " + e.getMessage();
    }
  }

  private static void insert(Connection c, List<List<Object>> rows) throws SQLException {
    Sql.batch(
        c,
        """
        INSERT IGNORE INTO conversion (workspace_id, event_id, click_id, event_name, value,
          currency, occurred_at, received_at, via)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows);
  }

  /**
   * Stops storing: waits up to {@code drain} for what was journaled to be stored; the rest stays in
   * the journal for the next start.
   */
  public void stop(Duration drain) {
    drainUntilNanos = System.nanoTime() + drain.toNanos();
    running = false;
    try {
      if (!stopped.await(drain.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        log.warn(
            "Conversions did not all reach MariaDB in {}; the rest stays in the journal", drain);
        thread.interrupt();
        stopped.await(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    if (thread.isAlive()) {
      stop(Duration.ofSeconds(5));
    }
    journal.close();
  }
}
