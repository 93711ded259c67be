package io.linkscope.collector.webhook;

import static io.linkscope.collector.webhook.WebhookApiTest.BROWSER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.ops.Metrics;
import io.linkscope.collector.testsupport.TestCollector;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong on the receiver's side: it is down for a while, it asks for time with 429 and
 * Retry-After, it redirects, it fails for longer than the collector waits; and targets that must
 * not be reached at all (SSRF), checked when an endpoint is saved and again at send time.
 */
class WebhookFailuresTest {
  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    collector =
        TestCollector.start(
            directory.resolve("main"), config -> config.withWebhooks(options(Duration.ofHours(1))));
    client = collector.client();
  }

  static WebhookOptions options(Duration disableAfter) {
    return WebhookOptions.defaults()
        .withAllowPrivateTargets(true)
        .withRetries(
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            Duration.ofMillis(500),
            Duration.ofHours(1),
            disableAfter);
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void eventsWaitWhileTheReceiverIsDownAndAllArriveAfter() throws Exception {
    try (Receiver receiver = new Receiver()) {
      client.createLink(LinkInput.to("https://shop.example.com/down").withSlug("hook-down"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      receiver.stop();
      for (int i = 0; i < 30; i++) {
        click(collector, "/hook-down");
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      long id = created.endpoint().id();
      Receiver.await(
          "the endpoint to fail",
          Duration.ofSeconds(10),
          () -> client.webhookEndpoint(id).state().equals(WebhookEndpointView.FAILING));
      Thread.sleep(1500);
      assertThat(client.webhookEndpoint(id).pending()).isEqualTo(30);
      List<WebhookAttempt> failures = client.webhookAttempts(id, null, 5).attempts();
      assertThat(failures.getFirst().status()).isNull();
      assertThat(failures.getFirst().error()).contains("connection refused");
      assertThat(failures.getFirst().nextAttemptAt()).isNotNull();

      receiver.restart();
      Receiver.await("30 events", Duration.ofSeconds(30), () -> distinctIds(receiver).size() == 30);
      Receiver.await(
          "the endpoint active again",
          Duration.ofSeconds(10),
          () -> client.webhookEndpoint(id).state().equals(WebhookEndpointView.ACTIVE));
      assertThat(client.webhookEndpoint(id).pending()).isZero();
      client.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void a429WithRetryAfterIsRespected() throws Exception {
    try (Receiver receiver = new Receiver()) {
      client.createLink(LinkInput.to("https://shop.example.com/slow").withSlug("hook-429"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      receiver.answer(429, "slow down", "Retry-After", "2");
      click(collector, "/hook-429");
      Receiver.await(
          "a first attempt", Duration.ofSeconds(30), () -> !receiver.deliveries().isEmpty());
      receiver.answer(200, "ok");
      Receiver.await(
          "a second attempt", Duration.ofSeconds(30), () -> receiver.deliveries().size() >= 2);
      Receiver.Delivery first = receiver.deliveries().get(0);
      Receiver.Delivery second = receiver.deliveries().get(1);
      assertThat(second.id()).isEqualTo(first.id());
      assertThat(Duration.ofNanos(second.receivedNanos() - first.receivedNanos()))
          .as("the backoff alone would retry within 200 ms")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      Receiver.await(
          "both attempts logged",
          Duration.ofSeconds(10),
          () -> client.webhookAttempts(created.endpoint().id(), null, 10).attempts().size() == 2);
      List<WebhookAttempt> log =
          client.webhookAttempts(created.endpoint().id(), null, 10).attempts();
      assertThat(log.get(1).status()).isEqualTo(429);
      assertThat(log.get(1).responseExcerpt()).isEqualTo("slow down");
      assertThat(Duration.between(log.get(1).attemptedAt(), log.get(1).nextAttemptAt()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(log.get(0).status()).isEqualTo(200);
      assertThat(log.get(0).attempt()).isEqualTo(2);
      client.deleteWebhookEndpoint(created.endpoint().id());
    }
  }

  @Test
  void redirectsAreNotFollowed() throws Exception {
    try (Receiver receiver = new Receiver()) {
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      receiver.answer(302, "", "Location", "http://169.254.169.254/latest/meta-data/");
      WebhookAttempt attempt = client.testWebhookEndpoint(created.endpoint().id());
      assertThat(attempt.status()).isEqualTo(302);
      assertThat(attempt.error()).contains("redirects are not followed");
      assertThat(receiver.deliveries()).hasSize(1);
      client.deleteWebhookEndpoint(created.endpoint().id());
    }
  }

  @Test
  void anEndpointFailingPastTheThresholdIsDisabledAndHealthSaysSo() throws Exception {
    try (Receiver receiver = new Receiver();
        TestCollector strict =
            TestCollector.start(
                directory.resolve("disable"),
                config -> config.withWebhooks(options(Duration.ofSeconds(2))))) {
      LinkscopeClient api = strict.client();
      api.createLink(LinkInput.to("https://shop.example.com/fail").withSlug("hook-fail"));
      WebhookEndpointCreated created =
          api.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      long id = created.endpoint().id();
      receiver.answer(500, "broken");
      click(strict, "/hook-fail");
      Receiver.await(
          "the endpoint disabled",
          Duration.ofSeconds(30),
          () -> api.webhookEndpoint(id).state().equals(WebhookEndpointView.DISABLED));
      WebhookEndpointView view = api.webhookEndpoint(id);
      assertThat(view.enabled()).isFalse();
      assertThat(view.disabledReason()).startsWith("deliveries failed for 2 s without a success");
      assertThat(view.pending()).isEqualTo(1);
      Receiver.await(
          "health to say so",
          Duration.ofSeconds(15),
          () ->
              health(strict).contains("webhook endpoints disabled after failing: endpoint " + id));
      assertThat(health(strict)).contains("\"degraded\"");

      receiver.answer(200, "ok");
      int before = receiver.deliveries().size();
      JsonObject enable = new JsonObject();
      enable.addProperty("enabled", true);
      assertThat(api.updateWebhookEndpoint(id, enable).state())
          .isEqualTo(WebhookEndpointView.ACTIVE);
      Receiver.await(
          "the kept event delivered",
          Duration.ofSeconds(30),
          () -> api.webhookEndpoint(id).pending() == 0 && receiver.deliveries().size() > before);
    }
  }

  @Test
  void privateTargetsAreRefusedUnlessTheOperatorAllowsThem() throws Exception {
    try (TestCollector guarded =
        TestCollector.start(
            directory.resolve("guarded"),
            config -> config.withWebhooks(WebhookOptions.defaults()))) {
      LinkscopeClient api = guarded.client();
      for (String url :
          List.of(
              "http://127.0.0.1:8080/hook",
              "http://localhost/hook",
              "http://169.254.169.254/latest/meta-data/",
              "http://10.1.2.3/hook",
              "http://192.168.1.1/hook",
              "http://[::1]/hook",
              "http://[fd00:ec2::254]/hook",
              "http://0.0.0.0/hook")) {
        assertThatThrownBy(
                () ->
                    api.createWebhookEndpoint(
                        WebhookEndpointInput.of(url, List.of("link.clicked"))))
            .as(url)
            .isInstanceOfSatisfying(
                ApiException.class,
                e -> {
                  assertThat(e.status()).isEqualTo(400);
                  assertThat(e.getMessage()).contains("url").contains("private");
                });
      }
      assertThat(api.webhookEndpoints()).isEmpty();
    }
  }

  @Test
  void aNameThatResolvesToAPrivateAddressAtSendTimeIsRefusedThen() throws Exception {
    // The endpoint was saved while its name resolved to a public address; now it answers with a
    // loopback one (DNS rebinding). The delivery client's resolver refuses it before connecting.
    try (Receiver receiver = new Receiver()) {
      Targets rebinding =
          new Targets(
              false, host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})));
      assertThatThrownBy(() -> rebinding.checked("hooks.example.com"))
          .isInstanceOf(Targets.RefusedAddressException.class);
      Targets publicName =
          new Targets(
              false,
              host ->
                  List.of(
                      InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})));
      assertThat(publicName.checked("hooks.example.com")).hasSize(1);

      Sender sender =
          new Sender(
              collector.collector().database().dataSource(),
              options(Duration.ofHours(1)).withAllowPrivateTargets(false),
              rebinding,
              Clock.systemUTC(),
              () -> Subscriptions.NONE,
              () -> {},
              new Metrics());
      try (sender) {
        Instant now = Instant.now();
        Endpoint endpoint =
            new Endpoint(
                1,
                1,
                receiver.url().replace("127.0.0.1", "hooks.example.com"),
                null,
                List.of("link.clicked"),
                List.of(),
                List.of(),
                true,
                false,
                Signatures.newSecret(),
                null,
                null,
                null,
                null,
                null,
                null,
                now,
                now);
        Sender.Outcome outcome =
            sender.send(endpoint, "msg_rebind", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.status()).isNull();
        assertThat(outcome.error()).startsWith("refused address");
      }
      assertThat(receiver.deliveries()).isEmpty();
    }
    assertThat(Targets.refused(InetAddress.getByName("100.64.0.1"))).isTrue();
    assertThat(Targets.refused(InetAddress.getByName("::ffff:10.0.0.1"))).isTrue();
    assertThat(Targets.refused(InetAddress.getByName("8.8.8.8"))).isFalse();
    assertThat(Targets.refused(InetAddress.getByName("2606:4700:4700::1111"))).isFalse();
  }

  static Set<String> distinctIds(Receiver receiver) {
    Set<String> ids = new HashSet<>();
    for (Receiver.Delivery delivery : receiver.deliveries()) {
      ids.add(delivery.id());
    }
    return ids;
  }

  static String health(TestCollector target) {
    try (Response response = target.send(target.request("/health").build())) {
      return response.body().string();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  static void click(TestCollector target, String path) throws Exception {
    try (Response response =
        target.send(target.request(path).header("User-Agent", BROWSER).build())) {
      assertThat(response.code()).isEqualTo(302);
    }
  }
}
