package io.linkscope.collector.cluster;

import io.linkscope.api.cluster.CollectorView;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.Reply;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collectors serving this database: each writes its own row of {@code collector} at start,
 * every {@link #HEARTBEAT} (with its click backlog and lag) and at a clean stop, and any of them
 * lists all. Times are the database's, so collectors with differing clocks are judged on one.
 */
public final class Collectors implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Collectors.class);

  /** How often a collector writes its row. */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  /** Heard from within this long: up. */
  static final Duration UP = Duration.ofSeconds(10);

  /** Heard from within this long (but not {@link #UP}): late; longer, or stopped: down. */
  static final Duration LATE = Duration.ofSeconds(60);

  /** Collectors not heard from for this long are no longer listed. */
  static final Duration FORGOTTEN = Duration.ofDays(7);

  /** What this collector reports of itself. */
  public record Self(
      String id, String host, String version, LongSupplier backlog, Supplier<Duration> lag) {}

  private final DataSource dataSource;
  private final Self self;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("collector-heartbeat").daemon().factory());
  private volatile @Nullable Instant startedAt;
  private volatile @Nullable String problem;

  public Collectors(DataSource dataSource, Self self) {
    this.dataSource = dataSource;
    this.self = self;
  }

  /** This collector's id. */
  public String id() {
    return self.id();
  }

  /** Writes this collector's row and starts its heartbeat. */
  public void start() {
    try {
      Instant now =
          Sql.of("SELECT UTC_TIMESTAMP(6) AS now")
              .one(dataSource, row -> Sql.instant(row, "now"))
              .orElseThrow();
      startedAt = now;
      beat();
    } catch (SQLException e) {
      log.warn("This collector could not be registered yet: {}", e.getMessage());
    }
    var _ =
        thread.scheduleWithFixedDelay(
            this::beatSafely, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beatSafely() {
    try {
      if (startedAt == null) {
        startedAt =
            Sql.of("SELECT UTC_TIMESTAMP(6) AS now")
                .one(dataSource, row -> Sql.instant(row, "now"))
                .orElseThrow();
      }
      beat();
      problem = null;
    } catch (SQLException | RuntimeException e) {
      problem = e.getMessage();
    }
  }

  private void beat() throws SQLException {
    Instant started = startedAt;
    if (started == null) {
      return;
    }
    Sql.of(
            """
            INSERT INTO collector
              (id, host, version, started_at, last_seen_at, stopped_at, backlog, lag_seconds)
            VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), NULL, ?, ?)
            ON DUPLICATE KEY UPDATE host = VALUES(host), version = VALUES(version),
              started_at = VALUES(started_at), last_seen_at = VALUES(last_seen_at),
              stopped_at = NULL, backlog = VALUES(backlog), lag_seconds = VALUES(lag_seconds)
            """,
            self.id(),
            self.host(),
            self.version(),
            started,
            self.backlog().getAsLong(),
            self.lag().get().toMillis() / 1000.0)
        .update(dataSource);
  }

  /** Why the heartbeat cannot be written, if it cannot (the pipeline tells the same outage). */
  public @Nullable String problem() {
    return problem;
  }

  /** The collectors seen in the last {@link #FORGOTTEN}, most recently seen first. */
  public List<CollectorView> list() throws SQLException {
    return Sql.of(
            """
            SELECT id, host, version, started_at, last_seen_at, stopped_at, backlog, lag_seconds,
              TIMESTAMPDIFF(MICROSECOND, last_seen_at, UTC_TIMESTAMP(6)) AS silent_us
            FROM collector
            WHERE last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND
            ORDER BY last_seen_at DESC, id
            """,
            FORGOTTEN.toSeconds())
        .list(dataSource, this::view);
  }

  private CollectorView view(ResultSet row) throws SQLException {
    Duration silent = Duration.ofNanos(Math.max(0, row.getLong("silent_us")) * 1000);
    boolean stopped = row.getTimestamp("stopped_at") != null;
    String id = row.getString("id");
    return new CollectorView(
        id,
        row.getString("host"),
        row.getString("version"),
        Sql.instant(row, "started_at"),
        Sql.instant(row, "last_seen_at"),
        row.getLong("backlog"),
        row.getDouble("lag_seconds"),
        state(stopped, silent),
        id.equals(self.id()));
  }

  /** up, late or down, from whether it stopped and how long it has been silent. */
  static String state(boolean stopped, Duration silent) {
    if (stopped || silent.compareTo(LATE) >= 0) {
      return "down";
    }
    return silent.compareTo(UP) < 0 ? "up" : "late";
  }

  /** {@code GET /api/v1/collectors}: every workspace sees the same list. */
  public Reply handle(ApiRequest request) throws SQLException {
    return Reply.ok(list());
  }

  /** Stops the heartbeat and marks this collector stopped, so it is listed as down at once. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
      Sql.of("UPDATE collector SET stopped_at = UTC_TIMESTAMP(6) WHERE id = ?", self.id())
          .update(dataSource);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      log.debug("The collector's stop could not be recorded: {}", e.getMessage());
    }
  }
}
