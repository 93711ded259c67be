package io.linkscope.desktop.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhooks screen's logic against the real collector and real receivers: the endpoints in the
 * states real deliveries bring them to, the form and the collector's refusals, the delivery log of
 * real attempts and its pages, redelivery, replay, test events, secrets, a viewer's key, and what
 * happens when the collector is stopped.
 */
class WebhooksViewModelTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @TempDir static Path home;
  private static WebhookCollector collector;
  private static int sessions;
  private final List<Notice> notices = new ArrayList<>();
  private Session session;
  private WebhooksViewModel webhooks;

  @BeforeAll
  static void start() throws Exception {
    collector = WebhookCollector.start(home);
    collector.sample();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @BeforeEach
  void open() throws Exception {
    session = collector.session(home.resolve("session-" + ++sessions));
    webhooks = new WebhooksViewModel(session, ZONE, notices::add);
    webhooks.reload();
  }

  @AfterEach
  void close() {
    session.close();
  }

  private WebhookEndpointView endpoint(long id) {
    return webhooks.endpoints().stream().filter(e -> e.id() == id).findFirst().orElseThrow();
  }

  private void select(long id) {
    webhooks.select(endpoint(id));
  }

  /** An endpoint of the test's own, to a receiver of its own, chosen on the screen. */
  private long ownEndpoint(Receiver receiver) {
    long id = collector.create(receiver.url(), null, List.of(WebhookEvents.LINK_CLICKED));
    webhooks.reload();
    select(id);
    return id;
  }

  private List<Notice> errors() {
    return notices.stream().filter(n -> n.level() == Notice.Level.ERROR).toList();
  }

  @Test
  void listsTheEndpointsWithTheirStatesAndShowsTheFirst() {
    assertThat(webhooks.loadedProperty().get()).isTrue();
    assertThat(webhooks.statusProperty().get()).isEmpty();
    assertThat(WebhookLabels.state(endpoint(collector.active), ZONE)).isEqualTo("Active");
    WebhookEndpointView failing = endpoint(collector.failing);
    assertThat(WebhookLabels.state(failing, ZONE))
        .isEqualTo("Failing since " + Formats.dateTime(failing.failingSince(), ZONE));
    WebhookEndpointView disabled = endpoint(collector.disabled);
    assertThat(WebhookLabels.state(disabled, ZONE)).isEqualTo("Disabled after failed deliveries");
    assertThat(WebhookLabels.warning(disabled, ZONE))
        .startsWith("The collector stopped sending to this endpoint: deliveries failed for ")
        .contains("events waiting", "Enable it again");
    assertThat(WebhookLabels.stateStyle(disabled)).isEqualTo("status-rejected");
    assertThat(WebhookLabels.state(endpoint(collector.paused), ZONE)).isEqualTo("Paused");
    assertThat(WebhookLabels.warning(endpoint(collector.active), ZONE)).isEmpty();
    assertThat(WebhookLabels.warning(failing, ZONE))
        .contains("deliveries are retried", "the collector disables the endpoint");
    assertThat(WebhookLabels.events(failing.events())).isEqualTo("all 8 events");
    assertThat(webhooks.scope(endpoint(collector.active))).isEqualTo("For every link and page");
    assertThat(webhooks.scope(failing)).isEqualTo("Only the link spring-sale");
    assertThat(webhooks.selectedProperty().get()).isEqualTo(webhooks.endpoints().getFirst());
  }

  @Test
  void createsAnEndpointFilteredByLinkSlugsAndShowsItsSecretOnce() {
    EndpointEditorViewModel form = webhooks.editor(null);
    assertThat(form.creating()).isTrue();
    assertThat(form.events().get(WebhookEvents.LINK_CLICKED).get()).isTrue();
    form.urlProperty().set(collector.ok.url() + "?created");
    form.descriptionProperty().set("Clicks of the spring sale to Slack");
    form.events().get(WebhookEvents.CONVERSION_CREATED).set(true);
    form.linksProperty().set("spring-sale, store-berlin");
    form.tagsProperty().set("campaign-a, , campaign-a");
    List<EndpointEditorViewModel.Saved> saved = new ArrayList<>();

    form.save(saved::add);

    assertThat(errors()).isEmpty();
    assertThat(saved).hasSize(1);
    WebhookEndpointView created = saved.getFirst().endpoint();
    assertThat(created.events())
        .containsExactly(WebhookEvents.LINK_CLICKED, WebhookEvents.CONVERSION_CREATED);
    assertThat(created.linkIds()).hasSize(2);
    assertThat(created.tags()).containsExactly("campaign-a");
    assertThat(saved.getFirst().secret()).startsWith("whsec_");
    assertThat(collector.admin.webhookEndpoint(created.id()).description())
        .isEqualTo("Clicks of the spring sale to Slack");

    int before = webhooks.endpoints().size();
    webhooks.showSaved(saved.getFirst());
    assertThat(webhooks.endpoints()).hasSize(before + 1).contains(created);
    assertThat(webhooks.selectedProperty().get()).isEqualTo(created);
    WebhooksViewModel.ShownSecret secret = webhooks.secretProperty().get();
    assertThat(secret.secret()).isEqualTo(saved.getFirst().secret());
    assertThat(secret.note()).contains("you will not see it again");
    webhooks.secretSeen();
    assertThat(webhooks.secretProperty().get()).isNull();

    assertThat(webhooks.scope(created))
        .isEqualTo("Only the links spring-sale, store-berlin and links tagged campaign-a");

    // Editing shows the filter as slugs again.
    EndpointEditorViewModel edit = webhooks.editor(created);
    assertThat(edit.linksProperty().get()).isEqualTo("spring-sale, store-berlin");
    edit.linksProperty().set("spring-sale");
    edit.tagsProperty().set("");
    List<EndpointEditorViewModel.Saved> edited = new ArrayList<>();
    edit.save(edited::add);
    assertThat(errors()).isEmpty();
    assertThat(edited).hasSize(1);
    assertThat(webhooks.scope(edited.getFirst().endpoint())).isEqualTo("Only the link spring-sale");
    collector.admin.deleteWebhookEndpoint(created.id());
  }

  @Test
  void aFieldTheCollectorRefusesIsShownUnderItAndTheFormKeepsWhatWasTyped() {
    int before = collector.admin.webhookEndpoints().size();
    EndpointEditorViewModel form = webhooks.editor(null);
    form.urlProperty().set("https://relay:hunter2@hooks.example.com/in");
    form.descriptionProperty().set("Relay with its password in the URL");
    List<EndpointEditorViewModel.Saved> saved = new ArrayList<>();

    form.save(saved::add);

    assertThat(saved).isEmpty();
    assertThat(form.error("url").get()).isEqualTo("Must not contain a user name or password.");
    assertThat(form.urlProperty().get()).isEqualTo("https://relay:hunter2@hooks.example.com/in");
    assertThat(form.descriptionProperty().get()).isEqualTo("Relay with its password in the URL");
    assertThat(errors()).isEmpty();
    assertThat(collector.admin.webhookEndpoints()).hasSize(before);

    form.urlProperty().set("https://hooks.example.com/in");
    assertThat(form.error("url").get()).isEmpty();
  }

  @Test
  void aPrivateAddressIsRefusedByACollectorThatDoesNotAllowThem() throws Exception {
    try (var strict =
            io.linkscope.collector.testsupport.TestCollector.start(home.resolve("strict"));
        Session other =
            Sessions.open(home.resolve("strict-session"), strict.baseUrl(), strict.adminKey())) {
      WebhooksViewModel screen = new WebhooksViewModel(other, ZONE, notices::add);
      screen.reload();
      EndpointEditorViewModel form = screen.editor(null);
      form.urlProperty().set("https://127.0.0.1:9000/hook");

      form.save(saved -> {});

      assertThat(form.error("url").get())
          .isEqualTo(
              "Its host '127.0.0.1' resolves to a private, loopback, link-local or metadata"
                  + " address (127.0.0.1), which webhooks may not reach.");
      assertThat(form.urlProperty().get()).isEqualTo("https://127.0.0.1:9000/hook");
      assertThat(errors()).isEmpty();
      assertThat(strict.client().webhookEndpoints()).isEmpty();
    }
  }

  @Test
  void theFormIsCheckedBeforeAnythingIsSent() {
    int before = collector.admin.webhookEndpoints().size();
    EndpointEditorViewModel form = webhooks.editor(null);
    form.urlProperty().set("ftp://files.example.com");
    form.events().get(WebhookEvents.LINK_CLICKED).set(false);
    form.linksProperty().set("spring-sale, no-such-link");

    form.save(saved -> {});

    assertThat(form.error("url").get()).isEqualTo("The URL must start with https:// (or http://).");
    assertThat(form.error("events").get()).isEqualTo("Choose at least one event.");
    assertThat(form.error("links").get()).startsWith("No link “no-such-link” in this workspace");
    assertThat(collector.admin.webhookEndpoints()).hasSize(before);
    form.events().get(WebhookEvents.PAGE_VIEWED).set(true);
    assertThat(form.error("events").get()).isEmpty();
  }

  @Test
  void savingChangesKeepsWhatWasNotChanged() {
    try (Receiver receiver = new Receiver(200, "ok")) {
      long id = ownEndpoint(receiver);
      EndpointEditorViewModel form = webhooks.editor(endpoint(id));
      form.descriptionProperty().set("Zapier: clicks and conversions to the CRM");
      form.batchProperty().set(true);
      List<EndpointEditorViewModel.Saved> saved = new ArrayList<>();

      form.save(saved::add);

      assertThat(saved.getFirst().secret()).isNull();
      WebhookEndpointView stored = collector.admin.webhookEndpoint(id);
      assertThat(stored.batch()).isTrue();
      assertThat(stored.description()).isEqualTo("Zapier: clicks and conversions to the CRM");
      assertThat(stored.url()).isEqualTo(receiver.url());
      assertThat(stored.events()).containsExactly(WebhookEvents.LINK_CLICKED);
      collector.admin.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void theDeliveryLogPagesToOlderAttempts() {
    // The sample's clicks, and one more for each later test's click.
    int total = collector.attempts(collector.failing);
    assertThat(total).isBetween(WebhookCollector.CLICKS, 2 * WebhooksViewModel.PAGE_SIZE);
    select(collector.failing);

    assertThat(webhooks.attempts()).hasSize(WebhooksViewModel.PAGE_SIZE);
    assertThat(webhooks.hasOlderProperty().get()).isTrue();
    webhooks.loadOlder();
    assertThat(webhooks.attempts()).hasSize(total);
    assertThat(webhooks.hasOlderProperty().get()).isFalse();
    assertThat(webhooks.attempts())
        .extracting(WebhookAttempt::attemptedAt)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    WebhookAttempt refused = webhooks.attempts().getFirst();
    assertThat(WebhookLabels.result(refused)).isEqualTo("503");
    assertThat(WebhookLabels.excerpt(refused))
        .isEqualTo("<html><body><h1>503 Service Unavailable</h1></body>");
    assertThat(WebhookLabels.delivered(refused)).isFalse();
    assertThat(WebhookLabels.event(refused.eventType())).isEqualTo("Link clicked");

    select(collector.disabled);
    assertThat(webhooks.attempts()).isNotEmpty();
    assertThat(webhooks.attempts()).extracting(WebhookLabels::result).containsOnly("500");

    select(collector.active);
    assertThat(webhooks.attempts()).isNotEmpty();
    assertThat(WebhookLabels.result(webhooks.attempts().getFirst())).isEqualTo("200 OK");
    assertThat(WebhookLabels.latency(webhooks.attempts().getFirst())).endsWith(" ms");

    select(collector.paused);
    assertThat(webhooks.attempts()).isEmpty();
    assertThat(webhooks.attemptsStatusProperty().get()).startsWith("No deliveries yet");
  }

  @Test
  void redeliversOneEventAndSaysWhenItIsGone() throws Exception {
    select(collector.active);
    WebhookAttempt attempt = webhooks.attempts().getFirst();
    int received = collector.ok.received();

    webhooks.redeliver(attempt);

    assertThat(errors()).isEmpty();
    assertThat(notices.getLast().message())
        .isEqualTo("Queued Link clicked " + attempt.eventId() + ".");
    WebhookCollector.await("the redelivery", () -> collector.ok.received() > received);

    WebhookAttempt unknown =
        new WebhookAttempt(
            0, "msg_gone", "link.clicked", attempt.attemptedAt(), 1, 500, 10, null, null, null);
    webhooks.redeliver(unknown);
    assertThat(errors())
        .extracting(Notice::message)
        .containsExactly("The event (kept for 30 days) was not found.");

    // A test event is not kept by the collector: the screen says so without asking it.
    webhooks.sendTest();
    WebhookAttempt test = webhooks.attempts().getFirst();
    assertThat(WebhookLabels.event(test.eventType())).isEqualTo("Test event");
    assertThat(WebhookLabels.redeliverable(test)).isFalse();
    webhooks.redeliver(test);
    assertThat(errors().getLast().message()).startsWith("Test events are not kept");
  }

  @Test
  void replaysATimeRangeTypedInTheAppsFormats() throws Exception {
    try (Receiver receiver = new Receiver(200, "ok")) {
      // An endpoint for the clicks of the sample, created after them: a replay brings them.
      long id = ownEndpoint(receiver);
      LocalDate today = LocalDate.now(ZONE);
      // The default range is the last 24 hours up to the next whole hour.
      assertThat(webhooks.replayToDateProperty().get()).isIn(today, today.plusDays(1));

      webhooks.replay();

      assertThat(errors()).isEmpty();
      // The sample's clicks, and those of other tests that ran before.
      assertThat(notices.getLast().message()).matches("Queued \\d+ events to send again\\.");
      WebhookCollector.await(
          "the replayed events", () -> receiver.received() >= WebhookCollector.CLICKS);

      webhooks.replayFromDateProperty().set(today.plusDays(3));
      webhooks.replayFromTimeProperty().set("10:00");
      webhooks.replayToDateProperty().set(today.plusDays(3));
      webhooks.replayToTimeProperty().set("11:00");
      webhooks.replay();
      assertThat(notices.getLast().message()).isEqualTo("No events in that range to send again.");

      webhooks.replayToTimeProperty().set("09:00");
      webhooks.replay();
      assertThat(webhooks.replayToErrorProperty().get())
          .isEqualTo("The end must be after the start.");

      webhooks.replayToTimeProperty().set("quarter past");
      assertThat(webhooks.replayToErrorProperty().get()).isEmpty();
      webhooks.replay();
      assertThat(webhooks.replayToErrorProperty().get())
          .startsWith("“quarter past” is not a time: write it like ");

      webhooks.notADate(false, "2026-13-01");
      assertThat(webhooks.replayToErrorProperty().get())
          .isEqualTo(Formats.notADate("2026-13-01", LocalDate.now(ZONE)));
      assertThat(errors()).isEmpty();
      collector.admin.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void readsTimesAsTheAppWritesThemAndAsTwentyFourHours() {
    LocalTime fourPm = LocalTime.of(16, 5);
    assertThat(WebhooksViewModel.parseTime(Formats.timeFormat().format(fourPm))).isEqualTo(fourPm);
    assertThat(WebhooksViewModel.parseTime(" 16:05 ")).isEqualTo(fourPm);
    // The locale's "4:05\u202fPM" typed with a plain space, where the locale has AM and PM.
    String typed = Formats.timeFormat().format(fourPm).replace('\u202f', ' ');
    assertThat(WebhooksViewModel.parseTime(typed)).isEqualTo(fourPm);
    assertThat(WebhooksViewModel.parseTime("teatime")).isNull();
    assertThat(WebhooksViewModel.parseTime("25:00")).isNull();
  }

  @Test
  void aTestEventShowsHowTheReceiverAnswered() {
    try (Receiver receiver = new Receiver(200, "{\"ok\":true}")) {
      long id = ownEndpoint(receiver);
      webhooks.sendTest();
      assertThat(webhooks.testResultProperty().get())
          .matches("Test event delivered: 200 OK in \\d+ ms · \\{\"ok\":true\\}");
      assertThat(webhooks.testDeliveredProperty().get()).isTrue();
      assertThat(webhooks.attempts()).hasSize(1);

      receiver.answer(429, "slow down", "Retry-After", "30");
      webhooks.sendTest();
      assertThat(webhooks.testResultProperty().get())
          .matches("Test event not delivered: 429 in \\d+ ms · slow down");
      assertThat(webhooks.testDeliveredProperty().get()).isFalse();

      receiver.answer(500, "{\"error\":\"bad signature\"}");
      webhooks.sendTest();
      assertThat(webhooks.testResultProperty().get())
          .matches("Test event not delivered: 500 in \\d+ ms · \\{\"error\":\"bad signature\"\\}");

      receiver.close();
      webhooks.sendTest();
      assertThat(webhooks.testResultProperty().get())
          .startsWith("Test event not delivered: No answer in ");
      assertThat(webhooks.testDeliveredProperty().get()).isFalse();
      assertThat(webhooks.attempts()).hasSize(4);
      assertThat(webhooks.selectedProperty().get().id()).isEqualTo(id);
      assertThat(errors()).isEmpty();
      collector.admin.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void rotatingShowsTheNewSecretOnceWithTheGracePeriod() {
    select(collector.active);
    webhooks.rotateSecret();
    WebhooksViewModel.ShownSecret secret = webhooks.secretProperty().get();
    assertThat(secret.secret()).startsWith("whsec_");
    assertThat(secret.note()).contains("you will not see it again");
    assertThat(errors()).isEmpty();
  }

  @Test
  void enablesAnEndpointTheCollectorDisabledAndPausesIt() throws Exception {
    try (Receiver receiver = new Receiver(500, "down")) {
      long id = ownEndpoint(receiver);
      // A click is an event for every endpoint; its deliveries fail until the collector gives up.
      io.linkscope.desktop.testsupport.Visits.visit(
          collector.collector, "store-berlin", WebhookCollector.VISITOR, 1);
      WebhookCollector.await(
          "the endpoint disabled", () -> collector.state(id).equals(WebhookEndpointView.DISABLED));
      webhooks.reload();
      assertThat(WebhookLabels.disabledByFailures(endpoint(id))).isTrue();
      receiver.answer(200, "ok");

      webhooks.setEnabled(true);
      assertThat(webhooks.selectedProperty().get().state()).isEqualTo(WebhookEndpointView.ACTIVE);
      webhooks.setEnabled(false);
      assertThat(webhooks.selectedProperty().get().state()).isEqualTo(WebhookEndpointView.PAUSED);
      assertThat(notices.getLast().message()).startsWith("Paused: events are kept");
      assertThat(webhooks.endpoints()).contains(webhooks.selectedProperty().get());
      assertThat(collector.state(id)).isEqualTo(WebhookEndpointView.PAUSED);
      collector.admin.deleteWebhookEndpoint(id);
    }
  }

  @Test
  void deletesTheChosenEndpoint() {
    try (Receiver receiver = new Receiver(200, "ok")) {
      long id = ownEndpoint(receiver);
      int before = webhooks.endpoints().size();
      webhooks.delete();
      assertThat(webhooks.endpoints()).hasSize(before - 1).noneMatch(e -> e.id() == id);
      assertThat(collector.admin.webhookEndpoints()).noneMatch(e -> e.id() == id);
      assertThat(webhooks.selectedProperty().get()).isEqualTo(webhooks.endpoints().getFirst());
    }
  }

  @Test
  void anEndpointDeletedElsewhereIsSaidAndTheListReloaded() {
    try (Receiver receiver = new Receiver(200, "ok")) {
      long id = ownEndpoint(receiver);
      collector.admin.deleteWebhookEndpoint(id);
      webhooks.sendTest();
      assertThat(errors())
          .extracting(Notice::title, Notice::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "Cannot send a test event", "The webhook endpoint was not found."));
      assertThat(webhooks.testResultProperty().get()).isEmpty();
      assertThat(webhooks.endpoints()).noneMatch(e -> e.id() == id);
    }
  }

  @Test
  void keysBelowAdminAreToldThatWebhooksNeedAnAdminKey() throws Exception {
    for (String role : List.of("viewer", "editor")) {
      String key = collector.admin.createKey(new ApiKeyInput(role + " desk", role)).key();
      try (Session other = collector.session(home.resolve(role), key)) {
        WebhooksViewModel screen = new WebhooksViewModel(other, ZONE, notices::add);
        screen.reload();
        assertThat(screen.statusProperty().get())
            .isEqualTo(
                "Only an admin key can see and change webhooks; connect with one. The collector"
                    + " says: This key has the role '"
                    + role
                    + "'; this action needs 'admin'.");
        assertThat(screen.loadedProperty().get()).isFalse();
        assertThat(screen.endpoints()).isEmpty();
      }
    }
  }

  @Test
  void aConflictIsADialogAndTheFormStays() throws Exception {
    try (WebhookCollector full = WebhookCollector.start(home.resolve("full"));
        Session other = full.session(home.resolve("full-session"))) {
      // The collector's 409: a workspace has at most 100 endpoints.
      for (int i = 0; i < 100; i++) {
        full.create(full.ok.url() + "?n=" + i, null, List.of(WebhookEvents.LINK_CLICKED));
      }
      WebhooksViewModel screen = new WebhooksViewModel(other, ZONE, notices::add);
      screen.reload();
      EndpointEditorViewModel form = screen.editor(null);
      form.urlProperty().set(full.ok.url() + "?one-more");

      form.save(saved -> {});

      assertThat(errors())
          .extracting(Notice::title, Notice::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "Cannot create the endpoint", "A workspace has at most 100 webhook endpoints."));
      assertThat(form.urlProperty().get()).isEqualTo(full.ok.url() + "?one-more");
      assertThat(form.savingProperty().get()).isFalse();
    }
  }

  @Test
  void offlineTheScreenSaysSoAndKeepsWhatItShows() throws Exception {
    try (WebhookCollector stopping = WebhookCollector.start(home.resolve("stopping"));
        Session other = stopping.session(home.resolve("stopping-session"))) {
      long first = stopping.create(stopping.ok.url(), null, List.of(WebhookEvents.LINK_CLICKED));
      long second =
          stopping.create(stopping.ok.url() + "?2", null, List.of(WebhookEvents.LINK_CLICKED));
      stopping.admin.testWebhookEndpoint(first);
      WebhooksViewModel screen = new WebhooksViewModel(other, ZONE, notices::add);
      screen.reload();
      assertThat(screen.attempts()).hasSize(1);
      stopping.stop();

      screen.reload();

      assertThat(screen.statusProperty().get())
          .startsWith("Offline: the endpoints as of ")
          .endsWith(", updated when the collector answers again.");
      assertThat(screen.endpoints()).hasSize(2);
      screen.refreshAttempts();
      assertThat(screen.attempts()).hasSize(1);
      assertThat(screen.attemptsStatusProperty().get())
          .startsWith("Offline: the delivery log as of ");
      screen.select(screen.endpoints().stream().filter(e -> e.id() == second).findFirst().get());
      assertThat(screen.attempts()).isEmpty();
      assertThat(screen.attemptsStatusProperty().get())
          .isEqualTo(
              "Offline: the collector cannot be reached, so the delivery log cannot be shown until"
                  + " it answers again.");
      assertThat(other.writableProperty().get()).isFalse();
      assertThat(screen.changesDisabled().get()).isTrue();
      assertThat(screen.readOnlyReasonProperty().get())
          .startsWith("You are offline")
          .endsWith("You can still see the endpoints and their deliveries.");

      EndpointEditorViewModel form = screen.editor(null);
      form.urlProperty().set("https://hooks.example.com/in");
      form.save(saved -> {});
      assertThat(errors()).extracting(Notice::message).containsExactly(other.offlineMessage());
      assertThat(form.urlProperty().get()).isEqualTo("https://hooks.example.com/in");
    }
  }

  @Test
  void aCollectorWithoutWebhooksIsNamedAsSuch() throws Exception {
    // An older collector, before webhooks: its answer to a route it does not know.
    var server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              "{\"error\":\"not_found\",\"message\":\"No API endpoint at /api/v1/webhooks.\"}"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (Session older =
        Sessions.open(
            home.resolve("older"),
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "lsk_older")) {
      WebhooksViewModel screen = new WebhooksViewModel(older, ZONE, notices::add);
      screen.reload();
      assertThat(screen.statusProperty().get())
          .isEqualTo(
              "This collector does not offer webhooks yet: update it to a version that does.");
      assertThat(screen.loadedProperty().get()).isFalse();
    } finally {
      server.stop(0);
    }
  }
}
