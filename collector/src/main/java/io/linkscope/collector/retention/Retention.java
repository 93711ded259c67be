package io.linkscope.collector.retention;

import io.linkscope.api.retention.PurgeReport;
import io.linkscope.api.retention.RetentionView;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.stats.Scope;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long each workspace keeps its raw clicks, and the purges that delete older ones: in the
 * background at a fixed interval, or at once when asked. Only raw click rows go; rollups stay, so
 * every chart and total keeps its numbers. One purge runs at a time.
 */
public final class Retention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  /** The longest retention that can be set, in days (a century). */
  public static final int MAX_DAYS = 36_500;

  /**
   * Whole UTC days back {@code visitor_day} remembers who visited what. A visit is unique when its
   * visitor is not remembered for its day; visits reach MariaDB that late only from a journal kept
   * through a long outage, so older days no longer decide anything and would otherwise grow the
   * table by a row per unique visit forever (docs/CAPACITY.md).
   */
  public static final int VISITOR_DAYS_KEPT = 35;

  private static final int VISITOR_DAY_CHUNK = 10_000;

  private final DataSource dataSource;
  private final Clock clock;
  private final ClickPurge purge;
  private final Object oneAtATime = new Object();
  private @Nullable ScheduledExecutorService background;

  /** Retention in {@code dataSource}, with purges timed by {@code clock} and paced by default. */
  public Retention(DataSource dataSource, Clock clock) {
    this(dataSource, clock, ClickPurge.Pacing.DEFAULT.chunkRows(), 1.0);
  }

  /**
   * Retention whose purges delete {@code chunkRows} clicks a transaction and then pause {@code
   * pauseFactor} times as long as the chunk took (benchmarks measure both).
   */
  public Retention(DataSource dataSource, Clock clock, int chunkRows, double pauseFactor) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.purge = new ClickPurge(dataSource, clock, new ClickPurge.Pacing(chunkRows, pauseFactor));
  }

  /** The whole UTC days of raw clicks the workspace keeps; empty: every click. */
  public Optional<Integer> rawClickDays(long workspaceId) throws SQLException {
    return Sql.of("SELECT raw_click_days FROM retention_policy WHERE workspace_id = ?", workspaceId)
        .one(dataSource, row -> row.getInt(1));
  }

  /** Sets the workspace's retention; null keeps every click from now on. */
  public void setRawClickDays(long workspaceId, @Nullable Integer days) throws SQLException {
    if (days == null) {
      Sql.of("DELETE FROM retention_policy WHERE workspace_id = ?", workspaceId).update(dataSource);
      return;
    }
    Sql.of(
            """
            INSERT INTO retention_policy (workspace_id, raw_click_days, updated_at)
            VALUES (?, ?, ?)
            ON DUPLICATE KEY UPDATE raw_click_days = VALUES(raw_click_days),
              updated_at = VALUES(updated_at)
            """,
            workspaceId,
            days,
            clock.instant())
        .update(dataSource);
  }

  /** The workspace's retention and its latest 20 purges, newest first. */
  public RetentionView view(long workspaceId) throws SQLException {
    return new RetentionView(
        rawClickDays(workspaceId).orElse(null), purge.reports(workspaceId, 20));
  }

  /** Raw clicks before this instant are older than {@code days} whole UTC days. */
  public Instant cutoff(int days) {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
        .minusDays(days)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  /**
   * Deletes the workspace's raw clicks older than its retention now; empty when it keeps every
   * click.
   */
  public Optional<PurgeReport> purgeWorkspace(long workspaceId)
      throws SQLException, InterruptedException {
    synchronized (oneAtATime) {
      Optional<Integer> days = rawClickDays(workspaceId);
      if (days.isEmpty()) {
        return Optional.empty();
      }
      Instant before = cutoff(days.get());
      PurgeReport report =
          purge.run(
              workspaceId,
              ClickPurge.RETENTION,
              null,
              ClickPurge.Selection.workspace(workspaceId, before));
      if (report.rows() > 0) {
        log.info(
            "Purged {} raw clicks of workspace {} from before {} (retention {} days)",
            report.rows(),
            workspaceId,
            before,
            days.get());
      }
      return Optional.of(report);
    }
  }

  /**
   * Deletes every raw click of a link of the workspace, deleted or not, and the link's own rollup
   * cells; the workspace's rollups keep counting them. Empty when the workspace has no such link.
   */
  public Optional<PurgeReport> purgeLink(long workspaceId, long linkId)
      throws SQLException, InterruptedException {
    if (!Sql.of("SELECT 1 FROM link WHERE id = ? AND workspace_id = ?", linkId, workspaceId)
        .one(dataSource, row -> true)
        .isPresent()) {
      return Optional.empty();
    }
    synchronized (oneAtATime) {
      // Clicks stored up to now; those of a live link arriving later are counted as usual.
      Instant now = clock.instant().plusMillis(1);
      PurgeReport report =
          purge.run(workspaceId, ClickPurge.LINK, linkId, ClickPurge.Selection.link(linkId, now));
      Sql.withConnection(
          dataSource,
          c -> {
            for (String table : List.of("rollup_hour", "rollup_day", "rollup_month")) {
              ClickPurge.deleteInChunks(
                  c, table, Sql.of("scope = ? AND scope_id = ?", Scope.LINK.code, linkId));
            }
            return Boolean.TRUE;
          });
      log.info("Deleted the {} raw clicks and the statistics of link {}", report.rows(), linkId);
      return Optional.of(report);
    }
  }

  /** Purges every workspace that has a retention and is not being deleted. */
  public void purgeAll() throws SQLException, InterruptedException {
    List<Long> workspaces =
        Sql.of(
                """
                SELECT p.workspace_id FROM retention_policy p JOIN workspace w
                  ON w.id = p.workspace_id WHERE w.deleting_since IS NULL ORDER BY p.workspace_id
                """)
            .list(dataSource, row -> row.getLong(1));
    for (long workspaceId : workspaces) {
      purgeWorkspace(workspaceId);
    }
  }

  /**
   * Forgets the visitors of days older than {@link #VISITOR_DAYS_KEPT}, {@value #VISITOR_DAY_CHUNK}
   * rows a statement (a range at the front of the table's key, away from today's inserts); says how
   * many rows went. Rollups keep their uniques.
   */
  public long forgetOldVisitorDays() throws SQLException {
    String before =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
            .minusDays(VISITOR_DAYS_KEPT)
            .toString();
    long forgotten = 0;
    while (true) {
      int deleted =
          Sql.of("DELETE FROM visitor_day WHERE day < ? LIMIT " + VISITOR_DAY_CHUNK, before)
              .update(dataSource);
      forgotten += deleted;
      if (deleted < VISITOR_DAY_CHUNK) {
        return forgotten;
      }
    }
  }

  /**
   * Runs {@code alsoRun} now, and {@link #purgeAll} and {@link #forgetOldVisitorDays} every {@code
   * interval} (the first a minute after the start) with {@code alsoRun} right after them, on one
   * background thread.
   */
  public synchronized void start(Duration interval, Runnable alsoRun) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "retention");
              thread.setDaemon(true);
              return thread;
            });
    // A workspace deletion a stop interrupted goes on at once.
    executor.execute(alsoRun);
    // The future would only report a round that threw, and no round does (see round); close()
    // cancels the schedule.
    Future<?> _ =
        executor.scheduleWithFixedDelay(
            () -> round(interval, alsoRun),
            Math.min(60_000, interval.toMillis()),
            interval.toMillis(),
            TimeUnit.MILLISECONDS);
    background = executor;
  }

  /**
   * One scheduled round. An executor never again runs a periodic task that has thrown, so what a
   * round throws is logged here and the next round goes on.
   */
  private void round(Duration interval, Runnable alsoRun) {
    try {
      purgeAll();
      forgetOldVisitorDays();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception | Error e) {
      log.warn("The raw click purge failed; it is tried again in {}: {}", interval, e.toString());
    }
    alsoRun.run();
  }

  /** Runs {@code task} on the background thread, after what it is doing. */
  synchronized void submit(Runnable task) {
    ScheduledExecutorService executor = background;
    if (executor != null) {
      executor.execute(task);
    }
  }

  ClickPurge clickPurge() {
    return purge;
  }

  Object lock() {
    return oneAtATime;
  }

  @Override
  public synchronized void close() {
    ScheduledExecutorService executor = background;
    if (executor != null) {
      // A purge stopped between chunks loses nothing: what is deleted is in its report.
      executor.shutdownNow();
      background = null;
      try {
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          log.warn("The raw click purge did not stop within 10 seconds");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
