package io.linkscope.desktop.webhooks;

import com.google.gson.JsonObject;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.webhook.WebhookOptions;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The real collector with webhooks to 127.0.0.1 allowed and retries in milliseconds, and real
 * receivers for its endpoints. {@link #sample()} brings four endpoints into the four states the
 * screen shows, by real deliveries of real clicks: active (its receiver answers 200), failing (503
 * with Retry-After of an hour, so it stays failing), disabled (500 until the collector gives up
 * after {@link #DISABLE_AFTER}) and paused.
 */
final class WebhookCollector implements AutoCloseable {
  static final Duration DISABLE_AFTER = Duration.ofSeconds(3);
  static final int CLICKS = 30;
  static final String VISITOR = "81.2.69.160";

  final TestCollector collector;
  final LinkscopeClient admin;
  final Receiver ok = new Receiver(200, "{\"ok\":true}");
  final Receiver unavailable =
      new Receiver(
          503, "<html><body><h1>503 Service Unavailable</h1></body>", "Retry-After", "3600");
  final Receiver broken = new Receiver(500, "internal error");
  private boolean stopped;
  long active;
  long failing;
  long disabled;
  long paused;

  private WebhookCollector(TestCollector collector) {
    this.collector = collector;
    this.admin = collector.client();
  }

  static WebhookCollector start(Path directory) throws Exception {
    return new WebhookCollector(
        TestCollector.start(
            directory.resolve("collector"),
            config ->
                config.withWebhooks(
                    WebhookOptions.defaults()
                        .withAllowPrivateTargets(true)
                        .withRetries(
                            Duration.ofSeconds(2),
                            Duration.ofMillis(200),
                            Duration.ofHours(1),
                            Duration.ofHours(1),
                            DISABLE_AFTER))));
  }

  String baseUrl() {
    return collector.baseUrl();
  }

  /** A session on the admin key, its local copy synced, clocked in real time as the collector. */
  Session session(Path directory) throws Exception {
    return session(directory, collector.adminKey());
  }

  Session session(Path directory, String key) throws Exception {
    Files.createDirectories(directory);
    Session session =
        new Session(
            new Connection("acme", baseUrl(), key, "Acme Coffee Roasters"),
            new LinkscopeClient(baseUrl(), key),
            LocalStore.open(directory.resolve("store.sqlite")),
            Background.inline(),
            Clock.systemUTC());
    session.sync();
    return session;
  }

  /** Two links and four endpoints in their states, with a delivery log of real attempts. */
  void sample() throws Exception {
    long springSale =
        admin
            .createLink(
                LinkInput.to("https://shop.acme-coffee.example/collections/spring?ref=bio")
                    .withSlug("spring-sale"))
            .id();
    admin.createLink(
        LinkInput.to("https://maps.example.com/?q=Acme+Coffee+Berlin+Mitte")
            .withSlug("store-berlin"));
    active = create(ok.url(), "Zapier: clicks to the CRM", List.of(WebhookEvents.LINK_CLICKED));
    // Only the sample's clicks reach these two: clicks of other tests leave their states alone.
    failing =
        admin
            .createWebhookEndpoint(
                new WebhookEndpointInput(
                    unavailable.url() + "?team=growth&source=linkscope&format=standard-webhooks",
                    "Warehouse ingest behind a load balancer that is down",
                    WebhookEvents.ALL,
                    List.of(springSale),
                    null,
                    null,
                    null))
            .endpoint()
            .id();
    disabled =
        admin
            .createWebhookEndpoint(
                new WebhookEndpointInput(
                    broken.url(),
                    "Old Slack relay",
                    List.of(WebhookEvents.LINK_CLICKED),
                    List.of(springSale),
                    null,
                    null,
                    null))
            .endpoint()
            .id();
    paused = create(ok.url() + "?paused", null, List.of(WebhookEvents.LINK_CLICKED));
    JsonObject pause = new JsonObject();
    pause.addProperty("enabled", false);
    admin.updateWebhookEndpoint(paused, pause);

    Visits.visit(collector, "spring-sale", VISITOR, CLICKS);
    await("the failing endpoint's log", () -> attempts(failing) >= CLICKS);
    await("the endpoint disabled", () -> state(disabled).equals(WebhookEndpointView.DISABLED));
    await("the active endpoint's log", () -> attempts(active) >= CLICKS);
    await("the failing endpoint failing", () -> state(failing).equals(WebhookEndpointView.FAILING));
  }

  long create(String url, @Nullable String description, List<String> events) {
    return admin
        .createWebhookEndpoint(
            new WebhookEndpointInput(url, description, events, null, null, null, null))
        .endpoint()
        .id();
  }

  String state(long id) {
    return admin.webhookEndpoint(id).state();
  }

  int attempts(long id) {
    return admin.webhookAttempts(id, null, 100).attempts().size();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** Stops the collector: the screen is offline from now on. */
  void stop() {
    if (!stopped) {
      stopped = true;
      collector.close();
    }
  }

  @Override
  public void close() {
    stop();
    ok.close();
    unavailable.close();
    broken.close();
  }
}
