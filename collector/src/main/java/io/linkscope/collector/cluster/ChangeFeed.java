package io.linkscope.collector.cluster;

import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.ops.Metrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed's reading side (decision 0024): polls {@code change_log} every {@link #POLL} and
 * hands the changes it has not seen yet to the caches that hold what they name, so that a change
 * made through any collector on the database takes effect here within a second.
 *
 * <p>Ids are no order to read by on a Galera cluster: each node hands out its own interleaved
 * AUTO_INCREMENT values, and a row with a smaller id may commit after one with a larger. So each
 * poll reads again every row written in the {@link #OVERLAP} before the newest one seen (by {@code
 * changed_at}, indexed), and remembers the ids of that window so that a row is applied once. What a
 * listener does is idempotent anyway: it forgets cache entries, which a second time costs a reload.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  /** How often the feed is read. */
  static final Duration POLL = Duration.ofMillis(200);

  /**
   * How far before the newest change seen each poll reads again: longer than any transaction that
   * writes a change stays open between its write and its commit, plus the clock difference of the
   * cluster's nodes.
   */
  static final Duration OVERLAP = Duration.ofSeconds(5);

  /** How long rows are kept; a collector that could not read for half of it forgets everything. */
  static final Duration KEEP = Duration.ofHours(1);

  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
  private static final int PAGE = 5_000;

  /** One change as read from the feed. */
  public record Change(
      long id,
      Instant changedAt,
      ChangeLog.Kind kind,
      long workspaceId,
      long entityId,
      @Nullable String detail) {}

  private final DataSource dataSource;
  private final Map<ChangeLog.Kind, List<Consumer<List<Change>>>> listeners =
      new EnumMap<>(ChangeLog.Kind.class);
  private final List<Runnable> forgetEverything = new ArrayList<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("change-feed").daemon().factory());
  // Ids of the rows applied within the overlap window, with their time; touched by the feed thread.
  private final Map<Long, Instant> seen = new HashMap<>();
  private final Metrics.Counter applied;
  private final Metrics.Counter polls;
  private @Nullable Instant newest;
  private long lastReadNanos = System.nanoTime();
  private long lastPurgeNanos = System.nanoTime();
  private volatile double lastDelaySeconds;
  private volatile @Nullable String problem;

  public ChangeFeed(DataSource dataSource, Metrics metrics) {
    this.dataSource = dataSource;
    this.applied =
        metrics.counter(
            "linkscope_changes_applied_total",
            "Changes read from the change feed (this collector's own included) and applied.");
    this.polls = metrics.counter("linkscope_change_feed_polls_total", "Reads of the change feed.");
    metrics.gauge(
        "linkscope_change_feed_delay_seconds",
        "Between a change's commit time in the database and this collector applying it, for the"
            + " latest changes read (database time on both ends).",
        () -> lastDelaySeconds);
  }

  /** Hands the changes of {@code kind} to {@code listener}, on the feed's thread. */
  public ChangeFeed on(ChangeLog.Kind kind, Consumer<List<Change>> listener) {
    listeners.computeIfAbsent(kind, k -> new ArrayList<>()).add(listener);
    return this;
  }

  /** Runs {@code forget} when changes may have been missed (the feed was unreadable for long). */
  public ChangeFeed onMissed(Runnable forget) {
    forgetEverything.add(forget);
    return this;
  }

  /**
   * Takes every change already in the feed's window as applied, without applying it. Called before
   * the caches are filled: what they then read already holds these changes, and applying them would
   * only forget it again (a collector restarted just after a change, with MariaDB gone a moment
   * later, would then refuse links it had warmed). Changes that commit after this read, whatever
   * their time, are new to the first poll and applied.
   */
  public void skipWhatCachesWillRead() throws SQLException {
    Instant now = databaseNow();
    newest = now;
    Instant from = now.minus(OVERLAP);
    List<Change> page = read(from, null);
    while (true) {
      for (Change change : page) {
        seen.put(change.id(), change.changedAt());
        if (change.changedAt().isAfter(now)) {
          newest = change.changedAt();
        }
      }
      if (page.size() < PAGE) {
        return;
      }
      page = read(from, page.getLast());
    }
  }

  /** Starts polling; the first read starts a little before the database's current time. */
  public void start() {
    var _ =
        thread.scheduleWithFixedDelay(this::pollSafely, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the feed cannot be read, if it cannot. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  private void pollSafely() {
    try {
      poll();
      problem = null;
    } catch (SQLException | RuntimeException e) {
      if (problem == null) {
        log.warn(
            "The change feed cannot be read: {}; cached links and keys may be stale", e.toString());
      }
      problem = "change feed unreadable: " + e.getMessage();
    }
  }

  /** Reads what is new since the last poll (and the overlap window again) and applies it. */
  void poll() throws SQLException {
    if (newest == null) {
      newest = databaseNow();
    }
    if (System.nanoTime() - lastReadNanos > KEEP.dividedBy(2).toNanos()) {
      log.warn(
          "The change feed was not read for {}; forgetting every cached entry", KEEP.dividedBy(2));
      forgetEverything.forEach(Runnable::run);
    }
    Instant from = newest.minus(OVERLAP);
    List<Change> fresh = new ArrayList<>();
    List<Change> page = read(from, null);
    while (true) {
      for (Change change : page) {
        if (seen.putIfAbsent(change.id(), change.changedAt()) == null) {
          fresh.add(change);
        }
        if (change.changedAt().isAfter(newest)) {
          newest = change.changedAt();
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      page = read(from, page.getLast());
    }
    lastReadNanos = System.nanoTime();
    polls.increment();
    Instant horizon = newest.minus(OVERLAP);
    seen.values().removeIf(at -> at.isBefore(horizon));
    if (!fresh.isEmpty()) {
      apply(fresh);
    }
    if (System.nanoTime() - lastPurgeNanos > PURGE_EVERY.toNanos()) {
      lastPurgeNanos = System.nanoTime();
      purge();
    }
  }

  private void apply(List<Change> fresh) throws SQLException {
    Map<ChangeLog.Kind, List<Change>> byKind = new EnumMap<>(ChangeLog.Kind.class);
    for (Change change : fresh) {
      byKind.computeIfAbsent(change.kind(), k -> new ArrayList<>()).add(change);
    }
    for (Map.Entry<ChangeLog.Kind, List<Change>> kind : byKind.entrySet()) {
      for (Consumer<List<Change>> listener : listeners.getOrDefault(kind.getKey(), List.of())) {
        listener.accept(kind.getValue());
      }
    }
    applied.add(fresh.size());
    Instant now = databaseNow();
    lastDelaySeconds = Duration.between(fresh.getLast().changedAt(), now).toNanos() / 1e9;
  }

  /** A page of rows at or after {@code from}, after {@code after} when paging on. */
  private List<Change> read(Instant from, @Nullable Change after) throws SQLException {
    Sql.Builder sql =
        new Sql.Builder()
            .append("SELECT id, changed_at, kind, workspace_id, entity_id, detail FROM change_log");
    if (after == null) {
      sql.append(" WHERE changed_at >= ?", from);
    } else {
      sql.append(
          " WHERE changed_at >= ? AND (changed_at > ? OR (changed_at = ? AND id > ?))",
          after.changedAt(),
          after.changedAt(),
          after.changedAt(),
          after.id());
    }
    sql.append(" ORDER BY changed_at, id LIMIT " + PAGE);
    List<Change> changes = new ArrayList<>();
    for (Optional<Change> change : sql.build().list(dataSource, ChangeFeed::change)) {
      change.ifPresent(changes::add);
    }
    return changes;
  }

  /** A row as a change; empty for a kind a newer version of the collector wrote. */
  private static Optional<Change> change(ResultSet row) throws SQLException {
    long id = row.getLong("id");
    Instant changedAt = Sql.instant(row, "changed_at");
    long workspaceId = row.getLong("workspace_id");
    long entityId = row.getLong("entity_id");
    String detail = row.getString("detail");
    return ChangeLog.Kind.parse(row.getString("kind"))
        .map(kind -> new Change(id, changedAt, kind, workspaceId, entityId, detail));
  }

  private Instant databaseNow() throws SQLException {
    return Sql.of("SELECT UTC_TIMESTAMP(6) AS now")
        .one(dataSource, row -> Sql.instant(row, "now"))
        .orElseThrow();
  }

  /** Deletes rows older than {@link #KEEP}, a thousand a statement; any collector may. */
  private void purge() {
    try {
      int deleted;
      int rounds = 0;
      do {
        deleted =
            Sql.of(
                    "DELETE FROM change_log WHERE changed_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
                        + " LIMIT 1000",
                    KEEP.toSeconds())
                .update(dataSource);
        rounds++;
      } while (deleted == 1000 && rounds < 100);
    } catch (SQLException e) {
      // Another collector purging the same rows (a Galera conflict) or an outage: next minute.
      log.debug("Old changes could not be purged now: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
