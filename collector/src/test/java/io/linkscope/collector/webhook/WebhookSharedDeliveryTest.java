package io.linkscope.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors on one database deliver one endpoint's backlog together: every event arrives, no
 * event is ever in flight from both at once, and an event arrives more than once only because its
 * earlier POST failed and was retried.
 */
class WebhookSharedDeliveryTest {
  private static final int EVENTS = 6000;
  private static final String DELIVERED = "linkscope_webhook_deliveries_total";

  @TempDir static Path directory;

  @Test
  void twoCollectorsShareABacklogAndSendEachEventOnceApartFromRetries() throws Exception {
    WebhookOptions options =
        WebhookOptions.defaults()
            .withAllowPrivateTargets(true)
            .withRetries(
                Duration.ofSeconds(5),
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                Duration.ofHours(1));
    Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    Set<String> overlapping = ConcurrentHashMap.newKeySet();
    AtomicInteger refused = new AtomicInteger();
    HttpServer receiver =
        Receiver.serving(
            id -> {
              if (inFlight.computeIfAbsent(id, _ -> new AtomicInteger()).incrementAndGet() > 1) {
                overlapping.add(id);
              }
              try {
                Thread.sleep(1); // a receiver that takes a moment widens any overlap
                int times =
                    received.computeIfAbsent(id, _ -> new AtomicInteger()).incrementAndGet();
                // Every seventh event is refused once: its one repeat must come from the retry.
                boolean refuse = times == 1 && Math.floorMod(id.hashCode(), 7) == 0;
                if (refuse) {
                  refused.incrementAndGet();
                }
                return refuse ? 503 : 204;
              } finally {
                inFlight.get(id).decrementAndGet();
              }
            });
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    try (TestDatabase database = TestDatabase.create();
        TestCollector first = start(database, null, "first", options);
        TestCollector second = start(database, first.adminKey(), "second", options)) {
      WebhookEndpointCreated created =
          first
              .client()
              .createWebhookEndpoint(
                  new WebhookEndpointInput(
                      url, null, List.of(WebhookEvents.LINK_CLICKED), null, null, false, false));
      long endpoint = created.endpoint().id();
      fill(database, endpoint, EVENTS);
      JsonObject enable = new JsonObject();
      enable.addProperty("enabled", true);
      // Through both, so both read the change at once instead of at their next refresh.
      first.client().updateWebhookEndpoint(endpoint, enable);
      second.client().updateWebhookEndpoint(endpoint, enable);

      Receiver.await(
          "every event delivered",
          Duration.ofMinutes(3),
          () -> pending(database, endpoint) == 0 && received.size() == EVENTS);

      assertThat(overlapping).as("events in flight from both collectors at once").isEmpty();
      Map<String, Integer> expected = new HashMap<>();
      for (int i = 0; i < EVENTS; i++) {
        String id = id(endpoint, i);
        expected.put(id, Math.floorMod(id.hashCode(), 7) == 0 ? 2 : 1);
      }
      Map<String, Integer> actual = new HashMap<>();
      received.forEach((id, times) -> actual.put(id, times.get()));
      assertThat(actual).isEqualTo(expected);
      assertThat(refused.get()).isGreaterThan(EVENTS / 10);

      // Both did part of the work, and together exactly one delivery per event.
      double byFirst = first.collector().metrics().value(DELIVERED);
      double bySecond = second.collector().metrics().value(DELIVERED);
      assertThat(byFirst).isPositive();
      assertThat(bySecond).isPositive();
      assertThat(byFirst + bySecond).isEqualTo(EVENTS);

      // The delivery log has one row per POST the receiver got, and each delivery its count.
      assertThat(
              count(
                  database, "SELECT COUNT(*) FROM webhook_attempt WHERE endpoint_id = ?", endpoint))
          .isEqualTo(EVENTS + refused.get());
      assertThat(
              count(
                  database,
                  "SELECT SUM(attempts) FROM webhook_delivery WHERE endpoint_id = ? AND state = 1",
                  endpoint))
          .isEqualTo(EVENTS + refused.get());
    } finally {
      receiver.stop(0);
    }
  }

  /**
   * An endpoint made through one collector gets the events of clicks the other stores a second
   * later: the other reads its endpoints again when the change feed brings the change, not at its
   * next timed reload (every 5 s).
   */
  @Test
  void anEndpointMadeThroughOneGetsTheClicksOfTheOtherWithinASecond() throws Exception {
    WebhookOptions options = WebhookOptions.defaults().withAllowPrivateTargets(true);
    try (Receiver receiver = new Receiver();
        TestDatabase database = TestDatabase.create();
        TestCollector first = start(database, null, "made-first", options);
        TestCollector second = start(database, first.adminKey(), "made-second", options)) {
      first.client().createLink(LinkInput.to("https://shop.example.com/made").withSlug("made"));
      WebhookFailuresTest.click(second, "/made");
      second.awaitBacklogDrained(Duration.ofSeconds(30));
      first
          .client()
          .createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      Thread.sleep(1000);
      WebhookFailuresTest.click(second, "/made");
      second.awaitBacklogDrained(Duration.ofSeconds(30));
      Receiver.await(
          "the click through the other collector delivered",
          Duration.ofSeconds(20),
          () -> !receiver.deliveries().isEmpty());
      assertThat(receiver.deliveries()).hasSize(1);
      assertThat(receiver.deliveries().getFirst().text()).contains("\"slug\":\"made\"");
    }
  }

  /** A collector on {@code database} that delivers with {@code options}. */
  private static TestCollector start(
      TestDatabase database, @Nullable String adminKey, String name, WebhookOptions options)
      throws Exception {
    return TestCollector.startOn(
        database,
        adminKey,
        directory.resolve(name),
        config -> config.withWebhooks(options),
        Clock.systemUTC());
  }

  private static String id(long endpoint, int i) {
    return "msg_shared_" + endpoint + "_" + i;
  }

  private static long pending(TestDatabase database, long endpoint) {
    try {
      return count(
          database,
          "SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND state = 0",
          endpoint);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(TestDatabase database, String sql, long endpoint) throws Exception {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, endpoint);
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * The backlog of a paused endpoint: click events and their deliveries, as the outbox has them.
   */
  static void fill(TestDatabase database, long endpoint, int count) throws Exception {
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = database.connect();
        PreparedStatement events =
            c.prepareStatement(
                "INSERT INTO webhook_event (id, workspace_id, type, link_id, occurred_at, body)"
                    + " VALUES (?, 1, 'link.clicked', 0, ?, ?)");
        PreparedStatement deliveries =
            c.prepareStatement(
                "INSERT INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        String id = id(endpoint, i);
        events.setString(1, id);
        events.setTimestamp(2, now);
        events.setString(
            3,
            "{\"id\":\"%s\",\"type\":\"link.clicked\",\"timestamp\":\"%s\",\"data\":{}}"
                .formatted(id, now.toInstant()));
        events.addBatch();
        deliveries.setLong(1, endpoint);
        deliveries.setString(2, id);
        deliveries.setTimestamp(3, now);
        deliveries.setTimestamp(4, now);
        deliveries.addBatch();
      }
      events.executeBatch();
      deliveries.executeBatch();
      c.commit();
    }
  }
}
