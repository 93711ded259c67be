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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Delivers the outbox, in rounds that overlap. A round claims due rows in a short transaction
 * ({@code FOR UPDATE SKIP LOCKED}, their next attempt moved past a lease, and their bodies read on
 * the same connection), so two senders, in one collector or in several sharing the database, never
 * hold the same row; then its POSTs go out, several at once, while the next round is claimed. A
 * recorder writes the outcomes of every round answered so far in one transaction: delivered,
 * retried later (exponential backoff with jitter, or the receiver's {@code Retry-After}), or given
 * up once the event is older than the retry window. A POST is not started once its row's lease
 * could run out before the POST's timeout, so no other sender can have claimed the row meanwhile. A
 * sender that dies after sending but before recording leaves rows that come due again after the
 * lease: a receiver may then see an event twice, always with the same {@code webhook-id}.
 */
final class Sender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int CLAIM = 2000;
  private static final int ROUNDS_IN_FLIGHT = 2;
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

  /** A POST not started because its rows' lease ran too short: nothing is recorded for it. */
  private static final Outcome NOT_SENT = new Outcome(null, 0, "not sent", null, null);

  /**
   * One POST: an event alone, or a batch of one endpoint's events (then {@code batch} and the
   * attempt is logged once, under the batch's {@code webhook-id}); its rows are leased to this
   * sender until {@code leaseEnd}.
   */
  private record Post(
      Endpoint endpoint,
      List<Due> rows,
      List<String> types,
      String webhookId,
      byte[] body,
      boolean batch,
      Instant leaseEnd) {}

  /**
   * The rows one statement changes alike when outcomes are recorded: those still under the lease
   * this sender claimed them with, so a row queued again meanwhile (a redelivery, a replay) is left
   * to be sent again.
   */
  private record Change(
      long endpointId,
      Instant leaseEnd,
      int state,
      @Nullable Instant nextAttempt,
      @Nullable String messageId) {}

  private final DataSource dataSource;
  private final WebhookOptions options;
  private final Clock clock;
  private final Supplier<Subscriptions> subscriptions;
  private final Runnable endpointsChanged;
  private final OkHttpClient http;
  private final ExecutorService posts;
  private final Semaphore wake = new Semaphore(0);
  private final Semaphore rounds = new Semaphore(ROUNDS_IN_FLIGHT);
  private final BlockingQueue<List<Map.Entry<Post, Outcome>>> answered =
      new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Thread recorder;
  private final Metrics.Counter delivered;
  private final Metrics.Counter failed;
  private final Metrics.Counter givenUp;
  private final Metrics.Counter deferred;
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
    this.recorder =
        Thread.ofPlatform().daemon().name("webhook-recorder").unstarted(this::recordAll);
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
    this.deferred =
        metrics.counter(
            "linkscope_webhook_posts_deferred_total",
            "Webhook POSTs not started because their rows' lease would run out first; sent again"
                + " after the lease, with the same ids.");
  }

  void start() {
    recorder.start();
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

  /**
   * Claims rounds while fewer than {@link #ROUNDS_IN_FLIGHT} are sent or waiting to be recorded.
   */
  private void run() {
    while (running) {
      try {
        rounds.acquire();
        boolean sent = false;
        try {
          List<Post> round = claim();
          problem = null;
          if (!round.isEmpty()) {
            send(round);
            sent = true;
          }
        } finally {
          if (!sent) {
            rounds.release();
          }
        }
        if (!sent && wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
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
        if (!running) {
          return;
        }
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

  /**
   * Claims due rows of enabled endpoints for this sender until their lease runs out, and reads
   * their events' bodies on the same connection.
   */
  private List<Post> claim() throws SQLException {
    List<Long> endpoints = subscriptions.get().enabledIds();
    if (endpoints.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    // Whole milliseconds, as stored: the outcome is recorded only on rows still leased until then.
    Instant leaseEnd = now.plus(options.lease()).truncatedTo(ChronoUnit.MILLIS);
    Map<String, String[]> events = new HashMap<>();
    List<Due> due =
        Sql.transaction(
            dataSource,
            c -> {
              // No gap locks: the click pipeline inserts into the same index while rows are
              // claimed.
              c.setTransactionIsolation(java.sql.Connection.TRANSACTION_READ_COMMITTED);
              List<Due> rows =
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
              if (rows.isEmpty()) {
                return rows;
              }
              Map<Long, List<String>> leases = new LinkedHashMap<>();
              for (Due d : rows) {
                leases.computeIfAbsent(d.endpointId(), _ -> new ArrayList<>()).add(d.eventId());
              }
              for (Map.Entry<Long, List<String>> lease : leases.entrySet()) {
                update(
                    c,
                    "next_attempt_at = ?",
                    List.of(leaseEnd),
                    lease.getKey(),
                    null,
                    lease.getValue());
              }
              new Sql.Builder()
                  .append("SELECT id, type, body FROM webhook_event WHERE id")
                  .in(rows.stream().map(Due::eventId).distinct().toList())
                  .build()
                  .forEachRow(
                      c,
                      row ->
                          events.put(
                              row.getString(1), new String[] {row.getString(2), row.getString(3)}));
              return rows;
            });
    return posts(due, events, leaseEnd);
  }

  /** The POSTs of claimed rows: one per event, or batches for endpoints that take them. */
  private List<Post> posts(List<Due> due, Map<String, String[]> events, Instant leaseEnd) {
    if (due.isEmpty()) {
      return List.of();
    }
    Subscriptions subs = subscriptions.get();
    Map<Long, List<Due>> byEndpoint = new LinkedHashMap<>();
    for (Due d : due) {
      byEndpoint.computeIfAbsent(d.endpointId(), _ -> new ArrayList<>()).add(d);
    }
    List<Post> round = new ArrayList<>();
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
        round.add(
            post(
                endpoint,
                rows.subList(from, Math.min(rows.size(), from + size)),
                events,
                leaseEnd));
      }
    }
    return round;
  }

  /** Starts a round's POSTs; once all are answered the round goes to the recorder. */
  private void send(List<Post> round) {
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(round.size());
    for (Post post : round) {
      outcomes.add(CompletableFuture.supplyAsync(() -> sendLeased(post), posts));
    }
    var _ =
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
            .whenComplete(
                (_, _) -> {
                  List<Map.Entry<Post, Outcome>> results = new ArrayList<>(outcomes.size());
                  for (int i = 0; i < outcomes.size(); i++) {
                    CompletableFuture<Outcome> answer = outcomes.get(i);
                    Outcome outcome =
                        answer.state() == Future.State.SUCCESS ? answer.resultNow() : NOT_SENT;
                    results.add(Map.entry(round.get(i), outcome));
                  }
                  answered.add(results);
                });
  }

  /** Sends a claimed POST unless its rows' lease could run out before the POST's timeout. */
  private Outcome sendLeased(Post post) {
    if (!running) {
      return NOT_SENT; // the rows come due again when the lease ends
    }
    if (clock.instant().plus(options.timeout()).isAfter(post.leaseEnd())) {
      deferred.increment();
      return NOT_SENT;
    }
    return send(post.endpoint(), post.webhookId(), post.body());
  }

  private static Post post(
      Endpoint endpoint, List<Due> rows, Map<String, String[]> events, Instant leaseEnd) {
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
          kept(events, d.eventId())[1].getBytes(StandardCharsets.UTF_8),
          false,
          leaseEnd);
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
        body.toString().getBytes(StandardCharsets.UTF_8),
        true,
        leaseEnd);
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

  /**
   * Records the rounds answered so far, together in one transaction; a round's place in flight is
   * given back once it is recorded.
   */
  private void recordAll() {
    List<List<Map.Entry<Post, Outcome>>> taken = new ArrayList<>();
    while (running) {
      try {
        taken.add(answered.take());
        answered.drainTo(taken);
        List<Map.Entry<Post, Outcome>> results = new ArrayList<>();
        for (List<Map.Entry<Post, Outcome>> round : taken) {
          results.addAll(round);
        }
        recordUntilDone(results);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("Webhook outcomes could not be recorded; the rows are sent again", e);
      } finally {
        rounds.release(taken.size());
        taken.clear();
      }
    }
  }

  private void recordUntilDone(List<Map.Entry<Post, Outcome>> results) throws InterruptedException {
    while (true) {
      try {
        record(results);
        problem = null;
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

  /**
   * Records every attempt's outcome and the endpoints' state in one transaction: one statement for
   * the rows that share an outcome, one attempt row per POST (a batch's under its {@code
   * webhook-id}, which each of its rows keeps as {@code message_id}).
   */
  // NOT_SENT is a sentinel compared by identity: a real outcome that happens to hold the same
  // values was sent and must be recorded.
  @SuppressWarnings("ReferenceEquality")
  private void record(List<Map.Entry<Post, Outcome>> results) throws SQLException {
    Instant now = clock.instant();
    Map<Change, List<String>> changes = new LinkedHashMap<>();
    List<List<Object>> attempts = new ArrayList<>();
    Map<Long, Boolean> endpointOk = new LinkedHashMap<>();
    int deliveredCount = 0;
    int abandonedCount = 0;
    int retriedCount = 0;
    for (Map.Entry<Post, Outcome> entry : results) {
      Post post = entry.getKey();
      Outcome outcome = entry.getValue();
      if (outcome == NOT_SENT) {
        continue;
      }
      long endpointId = post.endpoint().id();
      endpointOk.merge(endpointId, outcome.delivered(), Boolean::logicalOr);
      int attempt = 0;
      for (Due d : post.rows()) {
        attempt = Math.max(attempt, d.attempts() + 1);
      }
      Instant retryAt = outcome.delivered() ? now : now.plus(delay(attempt, outcome.retryAfter()));
      String messageId = post.batch() ? post.webhookId() : null;
      boolean retried = false;
      for (Due d : post.rows()) {
        Change change;
        if (outcome.delivered()) {
          change = new Change(endpointId, post.leaseEnd(), DELIVERED, null, messageId);
          deliveredCount++;
        } else if (!now.isBefore(d.createdAt().plus(options.retryFor()))) {
          change = new Change(endpointId, post.leaseEnd(), GIVEN_UP, null, messageId);
          abandonedCount++;
        } else {
          change = new Change(endpointId, post.leaseEnd(), PENDING, retryAt, messageId);
          retriedCount++;
          retried = true;
        }
        changes.computeIfAbsent(change, _ -> new ArrayList<>()).add(d.eventId());
      }
      List<Object> row = new ArrayList<>(10);
      row.add(endpointId);
      row.add(post.webhookId());
      row.add(post.batch() ? batchType(post.types()) : post.types().getFirst());
      row.add(now);
      row.add(attempt);
      row.add(outcome.status());
      row.add(outcome.latencyMillis());
      row.add(truncate(outcome.error(), 300));
      row.add(outcome.excerpt());
      row.add(retried ? retryAt : null);
      attempts.add(row);
    }
    if (attempts.isEmpty()) {
      return;
    }
    Map<Long, List<String>> sentTo = new LinkedHashMap<>();
    changes.forEach(
        (change, ids) ->
            sentTo.computeIfAbsent(change.endpointId(), _ -> new ArrayList<>()).addAll(ids));
    boolean[] disabled = {false};
    Sql.inTransaction(
        dataSource,
        c -> {
          // An endpoint deleted while its POSTs were out takes its log with it: log nothing for
          // it. The lock on its lowest row makes a deletion (rows first, then the log) wait until
          // this is committed, without taking locks in another order than the deletion.
          Set<Long> deleted = new HashSet<>();
          for (Map.Entry<Long, List<String>> sent : sentTo.entrySet()) {
            if (!new Sql.Builder()
                .append("SELECT 1 FROM webhook_delivery WHERE endpoint_id = ?", sent.getKey())
                .append(" AND event_id")
                .in(sent.getValue())
                .append(" ORDER BY event_id LIMIT 1 LOCK IN SHARE MODE")
                .build()
                .exists(c)) {
              deleted.add(sent.getKey());
            }
          }
          for (Map.Entry<Change, List<String>> rows : changes.entrySet()) {
            Change change = rows.getKey();
            List<@Nullable Object> values = new ArrayList<>(2);
            String set;
            if (change.state() == PENDING) {
              set = "attempts = attempts + 1, next_attempt_at = ?, message_id = ?";
              values.add(change.nextAttempt());
            } else {
              set =
                  "state = "
                      + change.state()
                      + ", attempts = attempts + 1, finished_at = ?,"
                      + " message_id = ?";
              values.add(now);
            }
            values.add(change.messageId());
            update(c, set, values, change.endpointId(), change.leaseEnd(), rows.getValue());
          }
          DeliveryLog.insertAttempts(
              c, attempts.stream().filter(row -> !deleted.contains((Long) row.get(0))).toList());
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

  /** The type a batch's log row shows: its events' type, or "batch" when they differ. */
  private static String batchType(List<String> types) {
    String first = types.getFirst();
    return types.stream().allMatch(first::equals) ? first : "batch";
  }

  /**
   * Sets {@code set} on the outbox rows of one endpoint and {@code eventIds}, a chunk a statement;
   * with {@code leaseEnd}, only on those still leased until then.
   */
  private static void update(
      java.sql.Connection c,
      String set,
      List<?> values,
      long endpointId,
      @Nullable Instant leaseEnd,
      List<String> eventIds)
      throws SQLException {
    for (int from = 0; from < eventIds.size(); from += CLAIM) {
      Sql.Builder sql =
          new Sql.Builder()
              .append("UPDATE webhook_delivery SET " + set, values.toArray())
              .append(" WHERE endpoint_id = ?", endpointId);
      if (leaseEnd != null) {
        sql.append(" AND state = 0 AND next_attempt_at = ?", leaseEnd);
      }
      sql.append(" AND event_id")
          .in(eventIds.subList(from, Math.min(eventIds.size(), from + CLAIM)))
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
    for (Thread t : List.of(thread, recorder)) {
      if (t.isAlive()) {
        t.interrupt();
        try {
          t.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
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
