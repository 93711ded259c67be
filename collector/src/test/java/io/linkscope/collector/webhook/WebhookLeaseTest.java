package io.linkscope.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender that claimed more POSTs than it can send before their rows' lease runs out does not
 * start the late ones (another sender may take those rows once the lease ends, and both would
 * deliver): they are neither sent nor logged nor counted as failures, and are delivered after the
 * lease, with the same ids.
 */
class WebhookLeaseTest {
  private static final int EVENTS = 200;
  // One POST at a time, each answered after 60 ms: the claimed backlog takes at least 12 s to
  // send, and a lease (3 × the timeout + 5 s) lasts 8 s. The timeout leaves a slow machine a wide
  // margin, so that no POST fails.
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final Duration ANSWER_AFTER = Duration.ofMillis(60);

  @TempDir static Path directory;

  @Test
  void postsTheLeaseCannotCoverAreDeferredAndDeliveredAfterIt() throws Exception {
    WebhookOptions options =
        new WebhookOptions(
            true,
            TIMEOUT,
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofDays(30),
            1,
            100);
    Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    HttpServer receiver =
        Receiver.serving(
            id -> {
              Thread.sleep(ANSWER_AFTER);
              received.computeIfAbsent(id, _ -> new AtomicInteger()).incrementAndGet();
              return 204;
            });
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    try (TestDatabase database = TestDatabase.create();
        TestCollector collector =
            TestCollector.startOn(
                database,
                null,
                directory.resolve("lease"),
                config -> config.withWebhooks(options),
                Clock.systemUTC())) {
      long endpoint =
          collector
              .client()
              .createWebhookEndpoint(
                  new WebhookEndpointInput(
                      url, null, List.of(WebhookEvents.LINK_CLICKED), null, null, false, false))
              .endpoint()
              .id();
      WebhookSharedDeliveryTest.fill(database, endpoint, EVENTS);
      JsonObject enable = new JsonObject();
      enable.addProperty("enabled", true);
      collector.client().updateWebhookEndpoint(endpoint, enable);

      Receiver.await(
          "every event delivered",
          Duration.ofMinutes(2),
          () -> received.size() == EVENTS && count(database, "state = 0", endpoint) == 0);

      var metrics = collector.collector().metrics();
      assertThat(metrics.value("linkscope_webhook_posts_deferred_total"))
          .as("POSTs not started for want of lease")
          .isPositive();
      assertThat(metrics.value("linkscope_webhook_failed_attempts_total")).isZero();
      assertThat(count(database, "state = 1 AND attempts = 1", endpoint))
          .as("each event delivered at its first logged attempt: a deferred POST is no attempt")
          .isEqualTo(EVENTS);
      // An event is POSTed again only if a sent one's outcome was recorded after its lease ended
      // (a repeat with the same id, which receivers drop); never because it was deferred.
      long repeats =
          received.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
      assertThat(repeats).isLessThan(EVENTS / 10);
    } finally {
      receiver.stop(0);
    }
  }

  private static long count(TestDatabase database, String where, long endpoint) {
    try {
      return WebhookSharedDeliveryTest.count(
          database,
          "SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND " + where,
          endpoint);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
