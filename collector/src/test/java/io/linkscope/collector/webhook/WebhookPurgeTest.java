package io.linkscope.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 30-day purge of the outbox and the delivery log: what was delivered or given up and is older
 * than the retention window goes, in chunks; what is younger, and every event a delivery still
 * waits for, stays.
 */
class WebhookPurgeTest {
  private static final int OLD_DELIVERED = 2500; // more than two purge chunks

  @TempDir static Path directory;

  @Test
  void purgeRemovesWhatIsDoneAndOlderThanTheWindowAndKeepsTheRest() throws Exception {
    try (Receiver receiver = new Receiver();
        TestCollector collector =
            TestCollector.start(
                directory,
                config ->
                    config.withWebhooks(WebhookOptions.defaults().withAllowPrivateTargets(true)))) {
      var client = collector.client();
      client.createLink(LinkInput.to("https://shop.example.com/purge").withSlug("hook-purge"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      long endpoint = created.endpoint().id();
      // Two clicks delivered through the real path: one is then made 31 days old, one stays new.
      for (int i = 0; i < 2; i++) {
        try (Response response =
            collector.send(
                collector
                    .request("/hook-purge")
                    .header("User-Agent", WebhookApiTest.BROWSER)
                    .build())) {
          assertThat(response.code()).isEqualTo(302);
        }
      }
      Receiver.await(
          "two deliveries", Duration.ofSeconds(30), () -> receiver.deliveries().size() == 2);
      Receiver.await(
          "both recorded",
          Duration.ofSeconds(30),
          () -> count(collector, "SELECT COUNT(*) FROM webhook_attempt") == 2);
      // Created after the clicks, so they are not queued for it.
      long paused =
          client
              .createWebhookEndpoint(
                  new WebhookEndpointInput(
                      receiver.url(),
                      null,
                      List.of(WebhookEvents.LINK_CLICKED),
                      null,
                      null,
                      false,
                      false))
              .endpoint()
              .id();
      String oldClick = receiver.deliveries().getFirst().id();
      String newClick = receiver.deliveries().getLast().id();
      Instant now = Instant.now();
      Timestamp old = Timestamp.from(now.minus(31, ChronoUnit.DAYS));
      try (Connection c = collector.database().connect()) {
        for (String sql :
            List.of(
                "UPDATE webhook_event SET occurred_at = ? WHERE id = ?",
                "UPDATE webhook_delivery SET created_at = ?, finished_at = ? WHERE event_id = ?",
                "UPDATE webhook_attempt SET attempted_at = ? WHERE event_id = ?")) {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, old);
            if (sql.contains("finished_at")) {
              s.setTimestamp(2, old);
              s.setString(3, oldClick);
            } else {
              s.setString(2, oldClick);
            }
            s.executeUpdate();
          }
        }
        // Old rows of every kind: delivered, given up, and one still waiting for a paused endpoint:
        // the waiting one and its event must stay.
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < OLD_DELIVERED; i++) {
          delivered.add("msg_old_delivered_" + i);
        }
        insertOld(c, endpoint, delivered, Sender.DELIVERED, old);
        insertOld(c, endpoint, List.of("msg_old_given_up"), Sender.GIVEN_UP, old);
        insertOld(c, paused, List.of("msg_old_waiting"), Sender.PENDING, old);
      }

      DeliveryLog log = new DeliveryLog(collector.collector().database().dataSource());
      Instant before = now.minus(30, ChronoUnit.DAYS);
      int rounds = 0;
      int deleted;
      int total = 0;
      do {
        deleted = log.purge(before);
        total += deleted;
        rounds++;
      } while (deleted > 0);
      assertThat(rounds).as("chunks of 1,000 rows a statement").isGreaterThanOrEqualTo(4);
      // Each old delivered event (the click's too) and the given-up one: event, delivery, attempt.
      assertThat(total).isEqualTo(3 * (OLD_DELIVERED + 2));

      assertThat(ids(collector, "SELECT id FROM webhook_event"))
          .containsExactlyInAnyOrder(newClick, "msg_old_waiting");
      assertThat(ids(collector, "SELECT event_id FROM webhook_delivery"))
          .containsExactlyInAnyOrder(newClick, "msg_old_waiting");
      assertThat(ids(collector, "SELECT event_id FROM webhook_attempt"))
          .containsExactlyInAnyOrder(newClick);
    }
  }

  /** An event, its delivery in {@code state} and, unless waiting, one attempt, all {@code at}. */
  private static void insertOld(
      Connection c, long endpoint, List<String> ids, int state, Timestamp at) throws Exception {
    try (PreparedStatement event =
            c.prepareStatement(
                "INSERT INTO webhook_event (id, workspace_id, type, link_id, occurred_at, body)"
                    + " VALUES (?, 1, 'link.clicked', 0, ?, '{}')");
        PreparedStatement delivery =
            c.prepareStatement(
                """
                INSERT INTO webhook_delivery (endpoint_id, event_id, state, attempts,
                  next_attempt_at, created_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""");
        PreparedStatement attempt =
            c.prepareStatement(
                """
                INSERT INTO webhook_attempt (endpoint_id, event_id, event_type, attempted_at,
                  attempt, status, latency_ms)
                VALUES (?, ?, 'link.clicked', ?, 1, 200, 3)""")) {
      for (String id : ids) {
        event.setString(1, id);
        event.setTimestamp(2, at);
        event.addBatch();
        delivery.setLong(1, endpoint);
        delivery.setString(2, id);
        delivery.setInt(3, state);
        delivery.setInt(4, state == Sender.PENDING ? 0 : 1);
        delivery.setTimestamp(5, at);
        delivery.setTimestamp(6, at);
        delivery.setTimestamp(7, state == Sender.PENDING ? null : at);
        delivery.addBatch();
        if (state != Sender.PENDING) {
          attempt.setLong(1, endpoint);
          attempt.setString(2, id);
          attempt.setTimestamp(3, at);
          attempt.addBatch();
        }
      }
      event.executeBatch();
      delivery.executeBatch();
      attempt.executeBatch();
    }
  }

  private static long count(TestCollector collector, String sql) {
    try (Connection c = collector.database().connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet row = s.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> ids(TestCollector collector, String sql) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection c = collector.database().connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet row = s.executeQuery()) {
      while (row.next()) {
        ids.add(row.getString(1));
      }
    }
    return ids;
  }
}
