package io.linkscope.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookAttemptPage;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.api.webhook.WebhookQueued;
import io.linkscope.api.webhook.WebhookSecret;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end: the real collector and MariaDB, the real client, a real HTTP receiver, and
 * every signature checked by a verifier written from the Standard Webhooks specification.
 */
class WebhookApiTest {
  static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    collector =
        TestCollector.start(
            directory,
            config ->
                config.withWebhooks(
                    WebhookOptions.defaults()
                        .withAllowPrivateTargets(true)
                        .withRetries(
                            Duration.ofSeconds(2),
                            Duration.ofMillis(200),
                            Duration.ofSeconds(1),
                            Duration.ofHours(1),
                            Duration.ofHours(1))));
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void theSpecificationsTestVectorVerifies() throws Exception {
    // Published with the Standard Webhooks reference libraries.
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    assertThat(
            new StandardWebhooksVerifier(secret)
                .verify("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", expected, body, 1614265330))
        .isTrue();
    assertThat(Signatures.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
        .isEqualTo(expected);
    assertThat(
            new StandardWebhooksVerifier(secret)
                .verify("msg_other", "1614265330", expected, body, 1614265330))
        .isFalse();
  }

  @Test
  void clicksAreDeliveredSignedWithTheEnrichedClickAndNoAddress() throws Exception {
    try (Receiver receiver = new Receiver()) {
      LinkView link =
          client.createLink(
              LinkInput.to("https://shop.example.com/spring").withSlug("hook-clicks"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      assertThat(created.secret()).startsWith("whsec_");
      assertThat(created.endpoint().state()).isEqualTo(WebhookEndpointView.ACTIVE);
      assertThat(created.endpoint().events()).containsExactly(WebhookEvents.LINK_CLICKED);

      for (int i = 0; i < 20; i++) {
        click("/hook-clicks?utm_source=news&utm_campaign=spring", "203.0.113." + (i + 1));
      }
      Receiver.await(
          "20 deliveries", Duration.ofSeconds(30), () -> receiver.deliveries().size() >= 20);

      StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(created.secret());
      Set<String> ids = new HashSet<>();
      for (Receiver.Delivery delivery : receiver.deliveries()) {
        assertThat(
                verifier.verify(
                    delivery.id(),
                    delivery.timestamp(),
                    delivery.signature(),
                    delivery.body(),
                    Instant.now().getEpochSecond()))
            .as("signature of %s", delivery.id())
            .isTrue();
        JsonObject event = JsonParser.parseString(delivery.text()).getAsJsonObject();
        assertThat(event.get("id").getAsString()).isEqualTo(delivery.id());
        assertThat(event.get("type").getAsString()).isEqualTo("link.clicked");
        JsonObject data = event.getAsJsonObject("data");
        assertThat(data.get("linkId").getAsLong()).isEqualTo(link.id());
        assertThat(data.get("slug").getAsString()).isEqualTo("hook-clicks");
        assertThat(data.getAsJsonObject("utm").get("campaign").getAsString()).isEqualTo("spring");
        assertThat(data.get("browser").getAsString()).isEqualTo("Chrome");
        assertThat(delivery.text()).doesNotContain("203.0.113.");
        ids.add(delivery.id());
      }
      assertThat(ids).hasSize(20);

      // A receiver has each POST before the collector records its answer.
      Receiver.await(
          "the answers recorded",
          Duration.ofSeconds(30),
          () -> client.webhookEndpoint(created.endpoint().id()).pending() == 0);
      WebhookEndpointView view = client.webhookEndpoint(created.endpoint().id());
      assertThat(view.pending()).isZero();
      assertThat(view.lastDeliveryAt()).isNotNull();
      WebhookAttemptPage log = client.webhookAttempts(view.id(), null, 15);
      assertThat(log.attempts()).hasSize(15);
      assertThat(log.attempts().getFirst().status()).isEqualTo(200);
      assertThat(log.attempts().getFirst().responseExcerpt()).isEqualTo("ok");
      assertThat(log.nextCursor()).isNotNull();
      WebhookAttemptPage older = client.webhookAttempts(view.id(), log.nextCursor(), 15);
      assertThat(older.attempts()).hasSize(5);
      assertThat(older.nextCursor()).isNull();
      client.deleteWebhookEndpoint(view.id());
    }
  }

  @Test
  void anEndpointFilteredByLinksGetsOnlyThoseLinksClicks() throws Exception {
    try (Receiver receiver = new Receiver()) {
      LinkView wanted =
          client.createLink(LinkInput.to("https://shop.example.com/a").withSlug("hook-wanted"));
      client.createLink(LinkInput.to("https://shop.example.com/b").withSlug("hook-other"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              new WebhookEndpointInput(
                  receiver.url(),
                  "only one link",
                  List.of(WebhookEvents.LINK_CLICKED),
                  List.of(wanted.id()),
                  null,
                  null,
                  null));
      click("/hook-other", "203.0.113.9");
      click("/hook-wanted", "203.0.113.9");
      Receiver.await("a delivery", Duration.ofSeconds(30), () -> !receiver.deliveries().isEmpty());
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      Thread.sleep(500);
      assertThat(receiver.deliveries()).hasSize(1);
      assertThat(receiver.deliveries().getFirst().text()).contains("\"slug\":\"hook-wanted\"");
      client.deleteWebhookEndpoint(created.endpoint().id());
    }
  }

  @Test
  void aRotatedSecretSignsWithTheNewAndTheOldOne() throws Exception {
    try (Receiver receiver = new Receiver()) {
      client.createLink(LinkInput.to("https://shop.example.com/r").withSlug("hook-rotate"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      long id = created.endpoint().id();
      WebhookSecret rotated = client.rotateWebhookSecret(id);
      assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(created.secret());
      assertThat(rotated.previousValidUntil()).isAfter(Instant.now().plus(Duration.ofHours(23)));
      assertThat(client.webhookEndpoint(id).secretRotatedAt()).isNotNull();

      click("/hook-rotate", "203.0.113.10");
      Receiver.await("a delivery", Duration.ofSeconds(30), () -> !receiver.deliveries().isEmpty());
      Receiver.Delivery delivery = receiver.deliveries().getFirst();
      assertThat(delivery.signature().split(" ")).hasSize(2);
      long now = Instant.now().getEpochSecond();
      for (String secret : List.of(created.secret(), rotated.secret())) {
        assertThat(
                new StandardWebhooksVerifier(secret)
                    .verify(
                        delivery.id(),
                        delivery.timestamp(),
                        delivery.signature(),
                        delivery.body(),
                        now))
            .isTrue();
      }
      client.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void aTestEventIsSentSignedAndLogged() throws Exception {
    try (Receiver receiver = new Receiver()) {
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CREATED)));
      receiver.answer(202, "accepted");
      WebhookAttempt attempt = client.testWebhookEndpoint(created.endpoint().id());
      assertThat(attempt.status()).isEqualTo(202);
      assertThat(attempt.eventType()).isEqualTo("webhook.test");
      assertThat(attempt.responseExcerpt()).isEqualTo("accepted");
      Receiver.Delivery delivery = receiver.deliveries().getFirst();
      assertThat(delivery.id()).isEqualTo(attempt.eventId());
      assertThat(
              new StandardWebhooksVerifier(created.secret())
                  .verify(
                      delivery.id(),
                      delivery.timestamp(),
                      delivery.signature(),
                      delivery.body(),
                      Instant.now().getEpochSecond()))
          .isTrue();
      assertThat(client.webhookAttempts(created.endpoint().id(), null, 10).attempts())
          .extracting(WebhookAttempt::eventId)
          .containsExactly(attempt.eventId());
      client.deleteWebhookEndpoint(created.endpoint().id());
    }
  }

  @Test
  void anEventIsRedeliveredAndATimeRangeReplayedWithTheirIds() throws Exception {
    try (Receiver receiver = new Receiver()) {
      client.createLink(LinkInput.to("https://shop.example.com/x").withSlug("hook-replay"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      long id = created.endpoint().id();
      Instant from = Instant.now().minusSeconds(1);
      for (int i = 0; i < 3; i++) {
        click("/hook-replay", "203.0.113.20");
      }
      Receiver.await(
          "3 deliveries", Duration.ofSeconds(30), () -> receiver.deliveries().size() >= 3);
      List<String> first = receiver.deliveries().stream().map(Receiver.Delivery::id).toList();
      receiver.clear();

      WebhookQueued one = client.redeliverWebhookEvent(id, first.get(1));
      assertThat(one.queued()).isEqualTo(1);
      Receiver.await(
          "the redelivery", Duration.ofSeconds(30), () -> !receiver.deliveries().isEmpty());
      assertThat(receiver.deliveries().getFirst().id()).isEqualTo(first.get(1));
      receiver.clear();

      WebhookQueued replayed = client.replayWebhookEvents(id, from, Instant.now().plusSeconds(1));
      assertThat(replayed.queued()).isEqualTo(3);
      Receiver.await("the replay", Duration.ofSeconds(30), () -> receiver.deliveries().size() >= 3);
      assertThat(receiver.deliveries().stream().map(Receiver.Delivery::id))
          .containsExactlyInAnyOrderElementsOf(first);

      assertThatThrownBy(() -> client.redeliverWebhookEvent(id, "msg_unknown"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      client.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void batchedEndpointsGetArraysOfEvents() throws Exception {
    try (Receiver receiver = new Receiver()) {
      client.createLink(LinkInput.to("https://shop.example.com/batch").withSlug("hook-batch"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              new WebhookEndpointInput(
                  receiver.url(),
                  null,
                  List.of(WebhookEvents.LINK_CLICKED),
                  null,
                  null,
                  null,
                  true));
      receiver.stop(); // so the clicks pile up and go out together
      for (int i = 0; i < 10; i++) {
        click("/hook-batch", "203.0.113.30");
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      receiver.restart();
      Receiver.await(
          "10 batched events",
          Duration.ofSeconds(30),
          () ->
              receiver.deliveries().stream()
                      .mapToInt(d -> JsonParser.parseString(d.text()).getAsJsonArray().size())
                      .sum()
                  >= 10);
      Set<String> ids = new HashSet<>();
      StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(created.secret());
      for (Receiver.Delivery delivery : receiver.deliveries()) {
        assertThat(
                verifier.verify(
                    delivery.id(),
                    delivery.timestamp(),
                    delivery.signature(),
                    delivery.body(),
                    Instant.now().getEpochSecond()))
            .isTrue();
        JsonArray events = JsonParser.parseString(delivery.text()).getAsJsonArray();
        for (JsonElement event : events) {
          ids.add(event.getAsJsonObject().get("id").getAsString());
        }
      }
      assertThat(ids).hasSize(10);
      assertThat(receiver.deliveries().size()).isLessThan(10);
      client.deleteWebhookEndpoint(created.endpoint().id());
    }
  }

  @Test
  void badEndpointsAre400sNamingTheField() throws Exception {
    assertThatThrownBy(
            () ->
                client.createWebhookEndpoint(
                    WebhookEndpointInput.of("ftp://example.com/", List.of("link.clicked"))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("url");
            });
    assertThatThrownBy(
            () ->
                client.createWebhookEndpoint(
                    WebhookEndpointInput.of("http://127.0.0.1:9/", List.of("link.exploded"))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("events").contains("link.exploded");
            });
    assertThatThrownBy(
            () ->
                client.createWebhookEndpoint(
                    WebhookEndpointInput.of("http://127.0.0.1:9/", List.of())))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    try (Response response =
        collector.send(
            new Request.Builder()
                .url(collector.baseUrl() + "/api/v1/webhooks/999999")
                .header("Authorization", "Bearer " + collector.adminKey())
                .build())) {
      assertThat(response.code()).isEqualTo(404);
    }
  }

  @Test
  void pausingKeepsEventsAndEnablingSendsThem() throws Exception {
    try (Receiver receiver = new Receiver()) {
      client.createLink(LinkInput.to("https://shop.example.com/p").withSlug("hook-pause"));
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(receiver.url(), List.of(WebhookEvents.LINK_CLICKED)));
      long id = created.endpoint().id();
      JsonObject pause = new JsonObject();
      pause.addProperty("enabled", false);
      assertThat(client.updateWebhookEndpoint(id, pause).state())
          .isEqualTo(WebhookEndpointView.PAUSED);
      click("/hook-pause", "203.0.113.40");
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      Receiver.await("the event kept", Duration.ofSeconds(10), () -> pending(id) == 1);
      Thread.sleep(500);
      assertThat(receiver.deliveries()).isEmpty();
      JsonObject resume = new JsonObject();
      resume.addProperty("enabled", true);
      assertThat(client.updateWebhookEndpoint(id, resume).state())
          .isEqualTo(WebhookEndpointView.ACTIVE);
      Receiver.await(
          "the kept event", Duration.ofSeconds(30), () -> receiver.deliveries().size() == 1);
      client.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void linkChangesPagePublicationsAndConversionsAreEvents() throws Exception {
    try (Receiver receiver = new Receiver()) {
      WebhookEndpointCreated created =
          client.createWebhookEndpoint(
              WebhookEndpointInput.of(
                  receiver.url(),
                  List.of(
                      WebhookEvents.LINK_CREATED,
                      WebhookEvents.LINK_UPDATED,
                      WebhookEvents.LINK_DELETED,
                      WebhookEvents.PAGE_PUBLISHED,
                      WebhookEvents.CONVERSION_CREATED)));
      LinkView link =
          client.createLink(
              LinkInput.to("https://shop.example.com/c")
                  .withSlug("hook-changes")
                  .withClickIdParam("lsclid"));
      JsonObject retitle = new JsonObject();
      retitle.addProperty("title", "Spring sale");
      client.updateLink(link.id(), retitle);
      var page = client.createPage(io.linkscope.api.bio.BioPageInput.of("hookpage", "Hooks"));
      JsonObject publish = new JsonObject();
      publish.addProperty("published", true);
      client.updatePage(page.id(), publish);

      String location;
      try (Response response =
          collector.send(
              collector.request("/hook-changes").header("User-Agent", BROWSER).build())) {
        location = response.header("Location");
      }
      String clickId = location.substring(location.indexOf("lsclid=") + "lsclid=".length());
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      client.reportConversion(
          new io.linkscope.api.conversion.ConversionInput(
              "order-1", clickId, "purchase", new java.math.BigDecimal("19.90"), "EUR", null));
      client.deleteLink(link.id());

      Receiver.await("5 events", Duration.ofSeconds(30), () -> receiver.deliveries().size() >= 5);
      Thread.sleep(300);
      List<JsonObject> events =
          receiver.deliveries().stream()
              .map(d -> JsonParser.parseString(d.text()).getAsJsonObject())
              .toList();
      assertThat(events)
          .extracting(e -> e.get("type").getAsString())
          .containsExactlyInAnyOrder(
              "link.created",
              "link.updated",
              "page.published",
              "conversion.created",
              "link.deleted");
      JsonObject updated =
          events.stream()
              .filter(e -> e.get("type").getAsString().equals("link.updated"))
              .findFirst()
              .orElseThrow();
      assertThat(updated.getAsJsonObject("data").get("title").getAsString())
          .isEqualTo("Spring sale");
      JsonObject conversion =
          events.stream()
              .filter(e -> e.get("type").getAsString().equals("conversion.created"))
              .findFirst()
              .orElseThrow();
      assertThat(conversion.getAsJsonObject("data").get("linkId").getAsLong()).isEqualTo(link.id());
      assertThat(conversion.getAsJsonObject("data").get("value").getAsString()).isEqualTo("19.90");
      client.deleteWebhookEndpoint(created.endpoint().id());
    }
  }

  static long pending(long id) {
    return client.webhookEndpoint(id).pending();
  }

  static void click(String path, String ip) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request(path)
                .header("User-Agent", BROWSER)
                .header("X-Forwarded-For", ip)
                .build())) {
      assertThat(response.code()).isEqualTo(302);
    }
  }
}
