package io.linkscope.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.testsupport.ChildCollector;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No event is lost when the collector is killed with SIGKILL while it delivers, nor when MariaDB is
 * away: every click answered with a redirect reaches the receiver, signed, and an event that
 * arrives twice arrives with the same {@code webhook-id}.
 */
class WebhookDurabilityTest {
  @TempDir Path directory;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void sigkillMidDeliveryLosesNoEvent() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Receiver receiver = new Receiver()) {
      String key = ChildCollector.prepare(database);
      String[] options = {"--webhooks-allow-private-targets", "--webhooks-timeout-seconds", "2"};
      ChildCollector first = ChildCollector.start(directory, database.url(), key, options);
      LinkscopeClient api = first.client();
      api.createLink(LinkInput.to("https://shop.example.com/k9").withSlug("hook-k9"));
      WebhookEndpointCreated created =
          api.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      // Paced: unpaced, some 300,000 visits were redirected before the first 500 events arrived,
      // the test ran for two minutes and its check fell up to 46 s behind the deliveries.
      ClickLoad load = ClickLoad.start(first.baseUrl(), "hook-k9", "k9", 4, Duration.ofMillis(5));
      Receiver.await(
          "deliveries under way",
          Duration.ofSeconds(90),
          () -> receiver.deliveries().size() >= 500);
      int exit = first.kill();
      load.stop();
      assertThat(exit).as("killed by SIGKILL").isEqualTo(128 + 9);
      int beforeRestart = receiver.deliveries().size();
      assertThat(load.redirected().size()).isGreaterThan(beforeRestart);

      try (ChildCollector second = ChildCollector.start(directory, database.url(), key, options)) {
        assertEveryRedirectDelivered(receiver, load.redirected(), created.secret());
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void eventsOfClicksMadeWhileMariaDbWasAwayAreDeliveredAfter() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url());
        Receiver receiver = new Receiver();
        TestCollector collector =
            TestCollector.startOn(
                database,
                null,
                directory,
                config ->
                    proxy
                        .throughProxy(config)
                        .withWebhooks(WebhookOptions.defaults().withAllowPrivateTargets(true)),
                Clock.systemUTC())) {
      LinkscopeClient api = collector.client();
      api.createLink(LinkInput.to("https://shop.example.com/away").withSlug("hook-away"));
      WebhookEndpointCreated created =
          api.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      ClickLoad before = ClickLoad.start(collector.baseUrl(), "hook-away", "before", 2);
      before.awaitRedirected(50, Duration.ofSeconds(30));
      proxy.cut();
      ClickLoad away = ClickLoad.start(collector.baseUrl(), "hook-away", "away", 2);
      away.awaitRedirected(200, Duration.ofSeconds(30));
      before.stop();
      away.stop();
      Thread.sleep(1000);
      int duringOutage = receiver.deliveries().size();
      assertThat(WebhookFailuresTest.health(collector)).contains("MariaDB");
      proxy.restore();
      Set<String> all = new HashSet<>(before.redirected());
      all.addAll(away.redirected());
      assertEveryRedirectDelivered(receiver, all, created.secret());
      assertThat(receiver.deliveries().size()).isGreaterThan(duringOutage);
    }
  }

  /**
   * Waits until every redirected visit (its utm_content marker) has arrived, then checks each
   * delivery: signed, its webhook-id its event's id, and no event under two ids.
   */
  static void assertEveryRedirectDelivered(Receiver receiver, Set<String> redirected, String secret)
      throws Exception {
    // A starved load generator can overshoot its count by far; the wait grows with what was sent.
    long deadline =
        System.nanoTime() + Duration.ofSeconds(60 + redirected.size() / 1_000).toNanos();
    Map<String, String> idByMarker = new HashMap<>();
    int seen = 0;
    while (true) {
      List<Receiver.Delivery> deliveries = receiver.deliveries();
      for (; seen < deliveries.size(); seen++) {
        Receiver.Delivery delivery = deliveries.get(seen);
        JsonObject event = JsonParser.parseString(delivery.text()).getAsJsonObject();
        assertThat(event.get("id").getAsString()).isEqualTo(delivery.id());
        String marker =
            event.getAsJsonObject("data").getAsJsonObject("utm").get("content").getAsString();
        String earlier = idByMarker.putIfAbsent(marker, delivery.id());
        assertThat(earlier == null || earlier.equals(delivery.id()))
            .as("a visit delivered twice keeps its webhook-id")
            .isTrue();
        // Checked as a receiver checks it, against the clock when it arrived: the test reads
        // deliveries made before the restart only once the second collector is up.
        long signedAt = Long.parseLong(delivery.timestamp());
        assertThat(
                new StandardWebhooksVerifier(secret)
                    .verify(
                        delivery.id(),
                        delivery.timestamp(),
                        delivery.signature(),
                        delivery.body(),
                        delivery.receivedAt().getEpochSecond()))
            .as(
                "delivery %d (%s) signed at %s, received %d s later, signature %s, body %s",
                seen,
                delivery.id(),
                Instant.ofEpochSecond(signedAt),
                delivery.receivedAt().getEpochSecond() - signedAt,
                delivery.signature(),
                delivery.text())
            .isTrue();
      }
      if (idByMarker.keySet().containsAll(redirected)) {
        break;
      }
      assertThat(System.nanoTime())
          .as("every redirected visit delivered (%d of %d)", idByMarker.size(), redirected.size())
          .isLessThan(deadline);
      Thread.sleep(100);
    }
    int duplicates = receiver.deliveries().size() - idByMarker.size();
    System.out.printf(
        "%d visits redirected, %d events delivered, %d deliveries repeated%n",
        redirected.size(), idByMarker.size(), duplicates);
  }
}
