package io.linkscope.desktop.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhooks screen's logic against the webhook API as {@link WebhookFixture} serves it: the
 * endpoints and their states, the form and the collector's refusals, the delivery log and its
 * pages, redelivery, replay, test events, secrets, and what happens offline.
 */
class WebhooksViewModelTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @TempDir Path directory;
  private final List<Notice> notices = new ArrayList<>();
  private WebhookFixture collector;
  private Session session;
  private WebhooksViewModel webhooks;

  @BeforeEach
  void open() {
    collector = WebhookFixture.start();
    collector.sample();
    SampleWorkspace.copyTo(directory.resolve("store.sqlite"));
    session = Sessions.open(directory, collector.baseUrl(), WebhookFixture.KEY);
    webhooks = new WebhooksViewModel(session, ZONE, notices::add);
    webhooks.reload();
  }

  @AfterEach
  void close() {
    session.close();
    collector.close();
  }

  private WebhookEndpointView endpoint(String state) {
    return webhooks.endpoints().stream()
        .filter(e -> e.state().equals(state))
        .findFirst()
        .orElseThrow();
  }

  /** The last request that was not a read. */
  private String lastChange() {
    return collector.requests.stream().filter(r -> !r.startsWith("GET")).toList().getLast();
  }

  private List<Notice> errors() {
    return notices.stream().filter(n -> n.level() == Notice.Level.ERROR).toList();
  }

  @Test
  void listsTheEndpointsWithTheirStatesAndShowsTheFirst() {
    assertThat(webhooks.loadedProperty().get()).isTrue();
    assertThat(webhooks.statusProperty().get()).isEmpty();
    assertThat(webhooks.endpoints())
        .extracting(e -> WebhookLabels.state(e, ZONE))
        .containsExactly(
            "Active",
            "Failing since "
                + Formats.dateTime(WebhookFixture.NOW.minus(Duration.ofHours(3)), ZONE),
            "Disabled after a day of failures",
            "Paused");
    assertThat(webhooks.selectedProperty().get()).isEqualTo(webhooks.endpoints().getFirst());
    WebhookEndpointView disabled = endpoint(WebhookEndpointView.DISABLED);
    assertThat(WebhookLabels.warning(disabled, ZONE))
        .contains("after a day of failed deliveries", "18,440 events waiting", "Enable");
    assertThat(WebhookLabels.stateStyle(disabled)).isEqualTo("status-rejected");
    assertThat(WebhookLabels.warning(endpoint(WebhookEndpointView.ACTIVE), ZONE)).isEmpty();
    assertThat(WebhookLabels.events(endpoint(WebhookEndpointView.FAILING).events()))
        .isEqualTo("all 8 events");
  }

  @Test
  void createsAnEndpointFilteredByLinkSlugsAndShowsItsSecretOnce() {
    EndpointEditorViewModel form = webhooks.editor(null);
    assertThat(form.creating()).isTrue();
    assertThat(form.events().get(WebhookEvents.LINK_CLICKED).get()).isTrue();
    form.urlProperty().set("https://hooks.example.com/linkscope");
    form.descriptionProperty().set("Clicks of the spring sale to Slack");
    form.events().get(WebhookEvents.CONVERSION_CREATED).set(true);
    form.linksProperty().set("spring-sale, store-berlin");
    form.tagsProperty().set("campaign-a, , campaign-a");
    List<EndpointEditorViewModel.Saved> saved = new ArrayList<>();

    form.save(saved::add);

    assertThat(saved).hasSize(1);
    WebhookEndpointView created = saved.getFirst().endpoint();
    assertThat(created.events())
        .containsExactly(WebhookEvents.LINK_CLICKED, WebhookEvents.CONVERSION_CREATED);
    assertThat(created.linkIds()).hasSize(2);
    assertThat(created.tags()).containsExactly("campaign-a");
    assertThat(saved.getFirst().secret()).startsWith("whsec_");

    webhooks.showSaved(saved.getFirst());
    assertThat(webhooks.endpoints()).hasSize(5).contains(created);
    assertThat(webhooks.selectedProperty().get()).isEqualTo(created);
    WebhooksViewModel.ShownSecret secret = webhooks.secretProperty().get();
    assertThat(secret.secret()).isEqualTo(saved.getFirst().secret());
    assertThat(secret.note()).contains("you will not see it again");
    webhooks.secretSeen();
    assertThat(webhooks.secretProperty().get()).isNull();

    // Editing shows the filter as slugs again.
    EndpointEditorViewModel edit = webhooks.editor(created);
    assertThat(edit.linksProperty().get()).isEqualTo("spring-sale, store-berlin");
  }

  @Test
  void aFieldTheCollectorRefusesIsShownUnderItAndTheFormKeepsWhatWasTyped() {
    EndpointEditorViewModel form = webhooks.editor(null);
    form.urlProperty().set("https://127.0.0.1:9000/hook");
    form.descriptionProperty().set("Local test receiver");
    List<EndpointEditorViewModel.Saved> saved = new ArrayList<>();

    form.save(saved::add);

    assertThat(saved).isEmpty();
    assertThat(form.error("url").get())
        .isEqualTo(
            "Must not point to a private or loopback address (https://127.0.0.1:9000/hook).");
    assertThat(form.urlProperty().get()).isEqualTo("https://127.0.0.1:9000/hook");
    assertThat(form.descriptionProperty().get()).isEqualTo("Local test receiver");
    assertThat(errors()).isEmpty();

    form.urlProperty().set("https://hooks.example.com/in");
    assertThat(form.error("url").get()).isEmpty();
  }

  @Test
  void theFormIsCheckedBeforeAnythingIsSent() {
    EndpointEditorViewModel form = webhooks.editor(null);
    form.urlProperty().set("ftp://files.example.com");
    form.events().get(WebhookEvents.LINK_CLICKED).set(false);
    form.linksProperty().set("spring-sale, no-such-link");
    int before = collector.requests.size();

    form.save(saved -> {});

    assertThat(form.error("url").get()).isEqualTo("The URL must start with https:// (or http://).");
    assertThat(form.error("events").get()).isEqualTo("Choose at least one event.");
    assertThat(form.error("links").get()).startsWith("No link “no-such-link” in this workspace");
    assertThat(collector.requests).hasSize(before);
    form.events().get(WebhookEvents.PAGE_VIEWED).set(true);
    assertThat(form.error("events").get()).isEmpty();
  }

  @Test
  void aConflictIsADialogAndTheFormStays() {
    collector.failNext(
        409, "conflict", "An endpoint for https://hooks.example.com/in exists already.");
    EndpointEditorViewModel form = webhooks.editor(null);
    form.urlProperty().set("https://hooks.example.com/in");

    form.save(saved -> {});

    assertThat(errors())
        .extracting(Notice::title, Notice::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Cannot create the endpoint",
                "An endpoint for https://hooks.example.com/in exists already."));
    assertThat(form.urlProperty().get()).isEqualTo("https://hooks.example.com/in");
    assertThat(form.savingProperty().get()).isFalse();
  }

  @Test
  void savingChangesSendsOnlyTheFieldsThatChanged() {
    WebhookEndpointView zapier = endpoint(WebhookEndpointView.ACTIVE);
    EndpointEditorViewModel form = webhooks.editor(zapier);
    form.descriptionProperty().set("Zapier: clicks and conversions to the CRM");
    form.batchProperty().set(true);
    List<EndpointEditorViewModel.Saved> saved = new ArrayList<>();

    form.save(saved::add);

    assertThat(lastChange())
        .isEqualTo(
            "PATCH /api/v1/webhooks/"
                + zapier.id()
                + " {\"description\":\"Zapier: clicks and conversions to the CRM\",\"batch\":true}");
    assertThat(saved.getFirst().secret()).isNull();
    assertThat(saved.getFirst().endpoint().batch()).isTrue();
  }

  @Test
  void theDeliveryLogPagesToOlderAttempts() {
    WebhookEndpointView failing = endpoint(WebhookEndpointView.FAILING);
    webhooks.select(failing);

    assertThat(webhooks.attempts()).hasSize(WebhooksViewModel.PAGE_SIZE);
    assertThat(webhooks.attempts().getFirst().attemptedAt()).isEqualTo(WebhookFixture.NOW);
    assertThat(webhooks.hasOlderProperty().get()).isTrue();
    webhooks.loadOlder();
    assertThat(webhooks.attempts()).hasSize(2 * WebhooksViewModel.PAGE_SIZE);
    webhooks.loadOlder();
    assertThat(webhooks.attempts()).hasSize(60);
    assertThat(webhooks.hasOlderProperty().get()).isFalse();
    assertThat(webhooks.attempts())
        .extracting(WebhookAttempt::attemptedAt)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());

    WebhookAttempt timeout = webhooks.attempts().get(1);
    assertThat(WebhookLabels.result(timeout)).isEqualTo("No answer");
    assertThat(WebhookLabels.excerpt(timeout)).isEqualTo("timeout after 10 s");
    assertThat(WebhookLabels.latency(timeout)).isEqualTo("10.0 s");
    WebhookAttempt refused = webhooks.attempts().getFirst();
    assertThat(WebhookLabels.result(refused)).isEqualTo("503");
    assertThat(WebhookLabels.excerpt(refused))
        .isEqualTo("<html><body><h1>503 Service Unavailable</h1> upstream down</body>");

    webhooks.select(endpoint(WebhookEndpointView.PAUSED));
    assertThat(webhooks.attempts()).isEmpty();
    assertThat(webhooks.attemptsStatusProperty().get()).startsWith("No deliveries yet");
  }

  @Test
  void redeliversOneEventAndSaysWhenItIsGone() {
    webhooks.select(endpoint(WebhookEndpointView.FAILING));
    WebhookAttempt attempt = webhooks.attempts().getFirst();

    webhooks.redeliver(attempt);

    assertThat(lastChange()).contains("/events/" + attempt.eventId() + "/redeliver");
    assertThat(notices.getLast().message())
        .isEqualTo("Queued Conversion reported " + attempt.eventId() + ".");

    WebhookAttempt unknown =
        collector.attempt(
            "evt_gone", "link.clicked", WebhookFixture.NOW, 1, 500, 10, null, null, null);
    webhooks.redeliver(unknown);
    assertThat(errors())
        .extracting(Notice::message)
        .containsExactly("Event evt_gone was not found.");
  }

  @Test
  void replaysATimeRangeTypedInTheAppsFormats() {
    webhooks.select(endpoint(WebhookEndpointView.FAILING));
    LocalDate day = LocalDate.of(2026, 11, 20);
    // The default range is the last 24 hours up to the next whole hour.
    assertThat(webhooks.replayToDateProperty().get()).isEqualTo(day);
    assertThat(webhooks.replayToTimeProperty().get())
        .isEqualTo(Formats.timeFormat().format(java.time.LocalTime.of(17, 0)));

    webhooks.replayFromDateProperty().set(day);
    webhooks.replayFromTimeProperty().set("15:00");
    webhooks.replayToTimeProperty().set(Formats.timeFormat().format(java.time.LocalTime.of(16, 0)));
    webhooks.replay();

    // 15:00–16:00 in Berlin is 14:00–15:00 UTC: attempts every 7 minutes back from 15:30 UTC.
    assertThat(lastChange())
        .endsWith("{\"from\":\"2026-11-20T14:00:00Z\",\"to\":\"2026-11-20T15:00:00Z\"}");
    assertThat(notices.getLast().message()).isEqualTo("Queued 8 events to send again.");

    webhooks.replayToTimeProperty().set("14:00");
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
        .isEqualTo(Formats.notADate("2026-13-01", day));
    assertThat(webhooks.replayToDateProperty().get()).isEqualTo(day);

    webhooks.replayFromDateProperty().set(day.plusDays(3));
    webhooks.replayToDateProperty().set(day.plusDays(4));
    webhooks.replayToTimeProperty().set("10:00");
    webhooks.replay();
    assertThat(webhooks.replayFromErrorProperty().get()).isEqualTo("Must not be in the future.");
    assertThat(errors()).isEmpty();
  }

  @Test
  void readsTimesAsTheAppWritesThemAndAsTwentyFourHours() {
    java.time.LocalTime fourPm = java.time.LocalTime.of(16, 5);
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
    WebhookEndpointView zapier = endpoint(WebhookEndpointView.ACTIVE);
    webhooks.sendTest();
    assertThat(webhooks.testResultProperty().get())
        .isEqualTo("Test event delivered: 200 OK in 84 ms · {\"ok\":true}");
    assertThat(webhooks.testDeliveredProperty().get()).isTrue();
    assertThat(webhooks.attempts()).hasSize(1);

    collector.answerTestsWith(
        collector.attempt(
            "evt_test2",
            "link.clicked",
            WebhookFixture.NOW,
            1,
            401,
            35,
            null,
            "{\"error\":\"bad signature\"}",
            null));
    webhooks.sendTest();
    assertThat(webhooks.testResultProperty().get())
        .isEqualTo("Test event not delivered: 401 in 35 ms · {\"error\":\"bad signature\"}");
    assertThat(webhooks.testDeliveredProperty().get()).isFalse();
    assertThat(webhooks.selectedProperty().get().id()).isEqualTo(zapier.id());
  }

  @Test
  void rotatingShowsTheNewSecretOnceWithTheGracePeriod() {
    webhooks.rotateSecret();
    WebhooksViewModel.ShownSecret secret = webhooks.secretProperty().get();
    assertThat(secret.secret()).startsWith("whsec_");
    assertThat(secret.note())
        .contains(
            "you will not see it again",
            Formats.dateTime(WebhookFixture.NOW.plus(Duration.ofHours(24)), ZONE));
  }

  @Test
  void pausesAndEnablesAnEndpointTheCollectorDisabled() {
    webhooks.select(endpoint(WebhookEndpointView.DISABLED));
    webhooks.setEnabled(true);
    assertThat(webhooks.selectedProperty().get().state()).isEqualTo(WebhookEndpointView.ACTIVE);
    webhooks.setEnabled(false);
    assertThat(webhooks.selectedProperty().get().state()).isEqualTo(WebhookEndpointView.PAUSED);
    assertThat(notices.getLast().message()).startsWith("Paused: events are kept");
    assertThat(webhooks.endpoints()).contains(webhooks.selectedProperty().get());
  }

  @Test
  void deletesTheChosenEndpoint() {
    WebhookEndpointView zapier = endpoint(WebhookEndpointView.ACTIVE);
    webhooks.delete();
    assertThat(webhooks.endpoints()).hasSize(3).doesNotContain(zapier);
    assertThat(collector.endpoints()).hasSize(3);
    assertThat(webhooks.selectedProperty().get()).isEqualTo(webhooks.endpoints().getFirst());
  }

  @Test
  void anEndpointDeletedElsewhereIsSaidAndTheListReloaded() {
    WebhookEndpointView zapier = endpoint(WebhookEndpointView.ACTIVE);
    collector.failNext(404, "not_found", "Webhook endpoint " + zapier.id() + " was not found.");
    webhooks.sendTest();
    assertThat(errors()).extracting(Notice::title).containsExactly("Cannot send a test event");
    assertThat(webhooks.testResultProperty().get()).isEmpty();
  }

  @Test
  void aReadOnlyKeyIsRefusedWithTheCollectorsReason() {
    collector.failNext(403, "forbidden", "This key is a viewer's: it cannot change anything.");
    webhooks.setEnabled(false);
    assertThat(errors())
        .extracting(Notice::message)
        .containsExactly("This key is a viewer's: it cannot change anything.");
    assertThat(webhooks.selectedProperty().get().state()).isEqualTo(WebhookEndpointView.ACTIVE);
  }

  @Test
  void offlineTheScreenSaysSoAndKeepsWhatItShows() {
    webhooks.select(endpoint(WebhookEndpointView.FAILING));
    collector.close();

    webhooks.reload();

    assertThat(webhooks.statusProperty().get())
        .isEqualTo(
            "Offline: the endpoints as of "
                + Formats.dateTime(WebhookFixture.NOW, ZONE)
                + ", updated when the collector answers again.");
    assertThat(webhooks.endpoints()).hasSize(4);
    assertThat(webhooks.attempts()).hasSize(WebhooksViewModel.PAGE_SIZE);
    webhooks.refreshAttempts();
    assertThat(webhooks.attempts()).hasSize(WebhooksViewModel.PAGE_SIZE);
    assertThat(webhooks.attemptsStatusProperty().get())
        .isEqualTo(
            "Offline: the delivery log as of "
                + Formats.dateTime(WebhookFixture.NOW, ZONE)
                + ", updated when the collector answers again.");
    webhooks.select(endpoint(WebhookEndpointView.ACTIVE));
    assertThat(webhooks.attempts()).isEmpty();
    assertThat(webhooks.attemptsStatusProperty().get())
        .isEqualTo(
            "Offline: the collector cannot be reached, so the delivery log cannot be shown until"
                + " it answers again.");
    assertThat(session.writableProperty().get()).isFalse();
    assertThat(webhooks.changesDisabled().get()).isTrue();
    assertThat(webhooks.readOnlyReasonProperty().get())
        .startsWith("You are offline")
        .endsWith("You can still see the endpoints and their deliveries.");

    EndpointEditorViewModel form = webhooks.editor(null);
    form.urlProperty().set("https://hooks.example.com/in");
    form.save(saved -> {});
    assertThat(errors()).extracting(Notice::message).containsExactly(session.offlineMessage());
    assertThat(form.urlProperty().get()).isEqualTo("https://hooks.example.com/in");
  }

  @Test
  void aCollectorWithoutWebhooksIsNamedAsSuch() throws Exception {
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
            directory.resolve("older"),
            "http://127.0.0.1:" + server.getAddress().getPort(),
            WebhookFixture.KEY)) {
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
