package io.linkscope.collector.webhook;

import io.linkscope.collector.db.Sql;
import io.linkscope.collector.ops.Metrics;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. Each round claims due rows in a short transaction ({@code FOR UPDATE SKIP
 * LOCKED}, then their next attempt moved past a lease), so two senders, in one collector or in
 * several sharing the database, never hold the same row; POSTs them signed, several at once; and
 * records each attempt's outcome in one transaction: delivered, retried later (exponential backoff
 * with jitter, or the receiver's {@code Retry-After}), or given up once the event is older than the
 * retry window. A sender that dies after sending but before recording leaves rows that come due
 * again after the lease: a receiver may then see an event twice, always with the same {@code
 * webhook-id}.
 */
final class Sender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int CLAIM = 1000;
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int EXCERPT = 1000;

  static final int PENDING = 0;
  static final int DELIVERED = 1;
  static final int GIVEN_UP = 2;

  /** A claimed row of the outbox. */
  record Due(long endpointId, String eventId, int attempts, Instant createdAt) {}

  /** What one POST came to. */
  record Outcome(
      @Nullable Integer status,
      long latencyMillis,
      @Nullable String error,
      @Nullable String excerpt,
      @Nullable Duration retryAfter) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  /** One POST: an event alone, or a batch of one endpoint's events. */
  private record Post(
      Endpoint endpoint, List<Due> rows, List<String> types, String webhookId, byte[] body) {}

  private final DataSource dataSource;
  private final WebhookOptions options;
  private final Clock clock;
  private final Supplier<Subscriptions> subscriptions;
  private final Runnable endpointsChanged;
  private final OkHttpClient http;
  private final ExecutorService posts;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private final Metrics.Counter delivered;
  private final Metrics.Counter failed;
  private final Metrics.Counter givenUp;
  private volatile boolean running = true;
  private volatile @Nullable String problem;

  Sender(
      DataSource dataSource,
      WebhookOptions options,
      Targets targets,
      Clock clock,
      Supplier<Subscriptions> subscriptions,
      Runnable endpointsChanged,
      Metrics metrics) {
    this.dataSource = dataSource;
    this.options = options;
    this.clock = clock;
    this.subscriptions = subscriptions;
    this.endpointsChanged = endpointsChanged;
    this.http =
        new OkHttpClient.Builder()
            .dns(targets.dns())
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .connectTimeout(options.timeout())
            .readTimeout(options.timeout())
            .writeTimeout(options.timeout())
            .callTimeout(options.timeout())
            .connectionPool(new ConnectionPool(options.senders(), 1, TimeUnit.MINUTES))
            .build();
    this.posts = Executors.newFixedThreadPool(options.senders(), Thread.ofVirtual().factory());
    this.thread = Thread.ofPlatform().daemon().name("webhook-sender").unstarted(this::run);
    this.delivered =
        metrics.counter(
            "linkscope_webhook_deliveries_total", "Webhook events delivered (a 2xx answer).");
    this.failed =
        metrics.counter(
            "linkscope_webhook_failed_attempts_total",
            "Webhook delivery attempts that failed and are retried or given up.");
    this.givenUp =
        metrics.counter(
            "linkscope_webhook_given_up_total",
            "Webhook events given up after the retry window without a delivery.");
  }

  void start() {
    thread.start();
  }

  /** Looks for due rows now instead of at the next poll. */
  void wake() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  private void run() {
    while (running) {
      try {
        List<Due> due = claim();
        if (due.isEmpty()) {
          if (wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
          }
          continue;
        }
        deliver(due);
        problem = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException e) {
        if (problem == null) {
          log.warn("Webhook deliveries wait for MariaDB: {}", e.getMessage());
        }
        problem = "webhook deliveries wait for MariaDB: " + e.getMessage();
        if (!pause(Duration.ofSeconds(1))) {
          return;
        }
      } catch (RuntimeException e) {
        log.error("A webhook delivery round failed; it is tried again", e);
        if (!pause(Duration.ofSeconds(1))) {
          return;
        }
      }
    }
  }

  private boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Claims due rows of enabled endpoints for this sender until their lease runs out. */
  private List<Due> claim() throws SQLException {
    List<Long> endpoints = subscriptions.get().enabledIds();
    if (endpoints.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Instant leaseEnd = now.plus(options.lease());
    return Sql.transaction(
        dataSource,
        c -> {
          // No gap locks: the click pipeline inserts into the same index while rows are claimed.
          c.setTransactionIsolation(java.sql.Connection.TRANSACTION_READ_COMMITTED);
          List<Due> due =
              new Sql.Builder()
                  .append(
                      """
                      SELECT endpoint_id, event_id, attempts, created_at FROM webhook_delivery
                      WHERE state = 0 AND next_attempt_at <= ? AND endpoint_id""",
                      now)
                  .in(endpoints)
                  .append(" ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED", CLAIM)
                  .build()
                  .list(
                      c,
                      row ->
                          new Due(
                              row.getLong(1),
                              row.getString(2),
                              row.getInt(3),
                              Sql.instant(row, "created_at")));
          Map<Long, List<String>> leases = new LinkedHashMap<>();
          for (Due d : due) {
            leases.computeIfAbsent(d.endpointId(), _ -> new ArrayList<>()).add(d.eventId());
          }
          for (Map.Entry<Long, List<String>> lease : leases.entrySet()) {
            update(c, "next_attempt_at = ?", List.of(leaseEnd), lease.getKey(), lease.getValue());
          }
          return due;
        });
  }

  private void deliver(List<Due> due) throws SQLException, InterruptedException {
    Map<String, String[]> events = new HashMap<>();
    List<String> ids = due.stream().map(Due::eventId).distinct().toList();
    new Sql.Builder()
        .append("SELECT id, type, body FROM webhook_event WHERE id")
        .in(ids)
        .build()
        .list(
            dataSource,
            row -> events.put(row.getString(1), new String[] {row.getString(2), row.getString(3)}));
    Subscriptions subs = subscriptions.get();
    Map<Long, List<Due>> byEndpoint = new LinkedHashMap<>();
    for (Due d : due) {
      byEndpoint.computeIfAbsent(d.endpointId(), _ -> new ArrayList<>()).add(d);
    }
    List<Post> batch = new ArrayList<>();
    for (Map.Entry<Long, List<Due>> entry : byEndpoint.entrySet()) {
      Endpoint endpoint = subs.endpoint(entry.getKey()).orElse(null);
      if (endpoint == null || !endpoint.enabled()) {
        continue; // disabled or deleted since: the rows wait (or were deleted with it)
      }
      List<Due> rows = new ArrayList<>();
      for (Due d : entry.getValue()) {
        if (events.containsKey(d.eventId())) {
          rows.add(d);
        }
      }
      int size = endpoint.batch() ? options.batchSize() : 1;
      for (int from = 0; from < rows.size(); from += size) {
        batch.add(post(endpoint, rows.subList(from, Math.min(rows.size(), from + size)), events));
      }
    }
    List<Future<Outcome>> outcomes = new ArrayList<>(batch.size());
    for (Post post : batch) {
      Callable<Outcome> send = () -> send(post.endpoint(), post.webhookId(), post.body());
      outcomes.add(posts.submit(send));
    }
    Map<Post, Outcome> results = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      try {
        results.put(batch.get(i), outcomes.get(i).get());
      } catch (ExecutionException e) {
        results.put(batch.get(i), new Outcome(null, 0, "failed: " + e.getCause(), null, null));
      }
    }
    recordUntilDone(results);
  }

  private static Post post(Endpoint endpoint, List<Due> rows, Map<String, String[]> events) {
    List<String> types = new ArrayList<>(rows.size());
    for (Due d : rows) {
      types.add(kept(events, d.eventId())[0]);
    }
    if (!endpoint.batch()) {
      Due d = rows.getFirst();
      return new Post(
          endpoint,
          List.copyOf(rows),
          types,
          d.eventId(),
          kept(events, d.eventId())[1].getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder body = new StringBuilder("[");
    StringBuilder idList = new StringBuilder();
    for (Due d : rows) {
      if (body.length() > 1) {
        body.append(',');
      }
      body.append(kept(events, d.eventId())[1]);
      idList.append(d.eventId()).append(',');
    }
    body.append(']');
    return new Post(
        endpoint,
        List.copyOf(rows),
        types,
        "msg_batch_" + digest(idList.toString()),
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String[] kept(Map<String, String[]> events, String id) {
    return Objects.requireNonNull(events.get(id), id);
  }

  /** The id of a batch: the same events in the same order give the same id. */
  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** POSTs one signed message and says what came of it; never throws. */
  Outcome send(Endpoint endpoint, String webhookId, byte[] body) {
    Instant now = clock.instant();
    long timestamp = now.getEpochSecond();
    long started = System.nanoTime();
    try {
      Request request =
          new Request.Builder()
              .url(endpoint.url())
              .post(RequestBody.create(body, JSON))
              .header("webhook-id", webhookId)
              .header("webhook-timestamp", Long.toString(timestamp))
              .header(
                  "webhook-signature",
                  Signatures.header(
                      endpoint.secret(), endpoint.previousSecret(now), webhookId, timestamp, body))
              .header("User-Agent", "Linkscope-Webhooks/1")
              .build();
      try (Response response = http.newCall(request).execute()) {
        int status = response.code();
        String excerpt = excerpt(response.body());
        long latency = millisSince(started);
        Duration retryAfter =
            status == 429 || status == 503 ? retryAfter(response.header("Retry-After"), now) : null;
        String error = null;
        if (status >= 300 && status < 400) {
          error =
              "redirects are not followed (" + status + " to " + response.header("Location") + ")";
        } else if (status < 200 || status >= 300) {
          error = "HTTP " + status;
        }
        return new Outcome(status, latency, error, excerpt, retryAfter);
      }
    } catch (Targets.RefusedAddressException e) {
      return new Outcome(
          null, millisSince(started), "refused address: " + e.getMessage(), null, null);
    } catch (InterruptedIOException e) {
      return new Outcome(
          null,
          millisSince(started),
          "timeout after " + options.timeout().toMillis() + " ms",
          null,
          null);
    } catch (ConnectException e) {
      return new Outcome(
          null, millisSince(started), "connection refused: " + e.getMessage(), null, null);
    } catch (IOException | IllegalArgumentException e) {
      return new Outcome(null, millisSince(started), e.toString(), null, null);
    }
  }

  private static long millisSince(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static @Nullable String excerpt(@Nullable ResponseBody body) throws IOException {
    if (body == null) {
      return null;
    }
    String text = new String(body.byteStream().readNBytes(4 * EXCERPT), StandardCharsets.UTF_8);
    return text.length() > EXCERPT ? text.substring(0, EXCERPT) : text;
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** How long to wait before attempt {@code attempt + 1}. */
  Duration delay(int attempt, @Nullable Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(options.retryFor()) > 0 ? options.retryFor() : retryAfter;
    }
    long first = Math.max(1, options.firstRetry().toMillis());
    long max = Math.max(first, options.maxRetryDelay().toMillis());
    int shift = Math.min(Math.max(0, attempt - 1), 30);
    long base = Math.min(max, first << shift);
    // Equal jitter: half the delay fixed, half random, so failed receivers are not hit in step.
    return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  private void recordUntilDone(Map<Post, Outcome> results) throws InterruptedException {
    while (true) {
      try {
        record(results);
        return;
      } catch (SQLException e) {
        if (!running) {
          log.warn(
              "Stopping before the outcome of {} webhook posts could be recorded; they are sent"
                  + " again after the lease, with the same ids",
              results.size());
          return;
        }
        problem = "webhook deliveries wait for MariaDB: " + e.getMessage();
        Thread.sleep(1000);
      }
    }
  }

  /** Records every attempt's outcome and the endpoints' state in one transaction. */
  private void record(Map<Post, Outcome> results) throws SQLException {
    Instant now = clock.instant();
    Map<Long, List<String>> delivered = new LinkedHashMap<>();
    Map<Long, List<String>> abandoned = new LinkedHashMap<>();
    // Retried rows by endpoint and next attempt: one delay per POST, so a batch stays together.
    Map<Map.Entry<Long, Instant>, List<String>> retried = new LinkedHashMap<>();
    List<List<Object>> attempts = new ArrayList<>();
    Map<Long, Boolean> endpointOk = new LinkedHashMap<>();
    int deliveredCount = 0;
    int abandonedCount = 0;
    int retriedCount = 0;
    for (Map.Entry<Post, Outcome> entry : results.entrySet()) {
      Post post = entry.getKey();
      Outcome outcome = entry.getValue();
      long endpointId = post.endpoint().id();
      endpointOk.merge(endpointId, outcome.delivered(), Boolean::logicalOr);
      Instant retryAt =
          outcome.delivered()
              ? now
              : now.plus(delay(post.rows().getFirst().attempts() + 1, outcome.retryAfter()));
      for (int i = 0; i < post.rows().size(); i++) {
        Due d = post.rows().get(i);
        int attempt = d.attempts() + 1;
        Instant next = null;
        if (outcome.delivered()) {
          delivered.computeIfAbsent(endpointId, _ -> new ArrayList<>()).add(d.eventId());
          deliveredCount++;
        } else if (!now.isBefore(d.createdAt().plus(options.retryFor()))) {
          abandoned.computeIfAbsent(endpointId, _ -> new ArrayList<>()).add(d.eventId());
          abandonedCount++;
        } else {
          next = retryAt;
          retried
              .computeIfAbsent(Map.entry(endpointId, retryAt), _ -> new ArrayList<>())
              .add(d.eventId());
          retriedCount++;
        }
        List<Object> row = new ArrayList<>(11);
        row.add(endpointId);
        row.add(d.eventId());
        row.add(post.types().get(i));
        row.add(now);
        row.add(attempt);
        row.add(outcome.status());
        row.add(outcome.latencyMillis());
        row.add(truncate(outcome.error(), 300));
        row.add(outcome.excerpt());
        row.add(next);
        attempts.add(row);
      }
    }
    boolean[] disabled = {false};
    Sql.inTransaction(
        dataSource,
        c -> {
          for (Map.Entry<Long, List<String>> rows : delivered.entrySet()) {
            update(
                c,
                "state = 1, attempts = attempts + 1, finished_at = ?",
                List.of(now),
                rows.getKey(),
                rows.getValue());
          }
          for (Map.Entry<Long, List<String>> rows : abandoned.entrySet()) {
            update(
                c,
                "state = 2, attempts = attempts + 1, finished_at = ?",
                List.of(now),
                rows.getKey(),
                rows.getValue());
          }
          for (Map.Entry<Map.Entry<Long, Instant>, List<String>> rows : retried.entrySet()) {
            update(
                c,
                "attempts = attempts + 1, next_attempt_at = ?",
                List.of(rows.getKey().getValue()),
                rows.getKey().getKey(),
                rows.getValue());
          }
          DeliveryLog.insertAttempts(c, attempts);
          Instant disableBefore = now.minus(options.disableAfter());
          for (Map.Entry<Long, Boolean> endpoint : endpointOk.entrySet()) {
            if (endpoint.getValue()) {
              Sql.of(
                      "UPDATE webhook_endpoint SET failing_since = NULL, last_delivery_at = ?"
                          + " WHERE id = ?",
                      now,
                      endpoint.getKey())
                  .update(c);
            } else {
              Sql.of(
                      "UPDATE webhook_endpoint SET failing_since = COALESCE(failing_since, ?)"
                          + " WHERE id = ?",
                      now,
                      endpoint.getKey())
                  .update(c);
              int off =
                  Sql.of(
                          """
                          UPDATE webhook_endpoint SET enabled = FALSE, disabled_reason = ?,
                            updated_at = ?
                          WHERE id = ? AND enabled AND failing_since <= ?""",
                          "deliveries failed for "
                              + span(options.disableAfter())
                              + " without a success; enable it again once the receiver works",
                          now,
                          endpoint.getKey(),
                          disableBefore)
                      .update(c);
              if (off > 0) {
                log.warn(
                    "Webhook endpoint {} disabled: its deliveries failed for {}",
                    endpoint.getKey(),
                    options.disableAfter());
                disabled[0] = true;
              }
            }
          }
        });
    this.delivered.add(deliveredCount);
    failed.add(retriedCount + abandonedCount);
    givenUp.add(abandonedCount);
    if (disabled[0]) {
      endpointsChanged.run();
    }
  }

  /**
   * Sets {@code set} on the outbox rows of one endpoint and {@code eventIds}, a chunk a statement.
   */
  private static void update(
      java.sql.Connection c,
      String set,
      List<Object> values,
      long endpointId,
      List<String> eventIds)
      throws SQLException {
    for (int from = 0; from < eventIds.size(); from += 1000) {
      new Sql.Builder()
          .append("UPDATE webhook_delivery SET " + set, values.toArray())
          .append(" WHERE endpoint_id = ? AND event_id", endpointId)
          .in(eventIds.subList(from, Math.min(eventIds.size(), from + 1000)))
          .build()
          .update(c);
    }
  }

  private static @Nullable String truncate(@Nullable String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  @Override
  public void close() {
    running = false;
    if (thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    posts.shutdownNow();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** A span as a person reads it: "24 h", "90 min", "3 s". */
  static String span(Duration span) {
    if (span.toHours() > 0 && span.toMinutesPart() == 0 && span.toSecondsPart() == 0) {
      return span.toHours() + " h";
    }
    if (span.toMinutes() > 0 && span.toSecondsPart() == 0) {
      return span.toMinutes() + " min";
    }
    return Math.max(1, span.toSeconds()) + " s";
  }
}
