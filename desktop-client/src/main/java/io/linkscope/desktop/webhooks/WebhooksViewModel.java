package io.linkscope.desktop.webhooks;

import com.google.gson.JsonObject;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookAttemptPage;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookQueued;
import io.linkscope.api.webhook.WebhookSecret;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.Problem;
import io.linkscope.desktop.workspace.Remote;
import io.linkscope.desktop.workspace.Workspace;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The webhooks screen: the workspace's endpoints with their state, the chosen one's delivery log
 * (newest first, older pages on demand), redelivering one event, replaying a time range, sending a
 * test event, rotating the signing secret, pausing, enabling and deleting. Endpoints are not in the
 * local copy: while the collector cannot be reached the screen says so and keeps what it showed.
 * Changes are possible only while the session is writable; otherwise the screen shows why.
 */
public final class WebhooksViewModel {
  /** Attempts fetched per page of the delivery log. */
  static final int PAGE_SIZE = 25;

  /**
   * A signing secret to show this once: the dialog's {@code title}, the {@code secret} and what the
   * user must know about it.
   */
  public record ShownSecret(String title, String secret, String note) {}

  private final Workspace session;
  private final ZoneId zone;
  private final Notifier notifier;
  private final ObservableList<WebhookEndpointView> endpoints = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<@Nullable WebhookEndpointView> selected =
      new ReadOnlyObjectWrapper<>(this, "selected");
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ObservableList<WebhookAttempt> attempts = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper hasOlder = new ReadOnlyBooleanWrapper(this, "hasOlder");
  private final ReadOnlyStringWrapper attemptsStatus =
      new ReadOnlyStringWrapper(this, "attemptsStatus", "");
  private final ReadOnlyStringWrapper testResult =
      new ReadOnlyStringWrapper(this, "testResult", "");
  private final ReadOnlyBooleanWrapper testDelivered =
      new ReadOnlyBooleanWrapper(this, "testDelivered");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyObjectWrapper<@Nullable ShownSecret> secret =
      new ReadOnlyObjectWrapper<>(this, "secret");
  private final ObjectProperty<@Nullable LocalDate> replayFromDate =
      new SimpleObjectProperty<>(this, "replayFromDate");
  private final StringProperty replayFromTime = new SimpleStringProperty(this, "replayFrom", "");
  private final ObjectProperty<@Nullable LocalDate> replayToDate =
      new SimpleObjectProperty<>(this, "replayToDate");
  private final StringProperty replayToTime = new SimpleStringProperty(this, "replayTo", "");
  private final ReadOnlyStringWrapper replayFromError =
      new ReadOnlyStringWrapper(this, "replayFromError", "");
  private final ReadOnlyStringWrapper replayToError =
      new ReadOnlyStringWrapper(this, "replayToError", "");
  private final StringBinding readOnlyReason;
  private final BooleanBinding changesDisabled;
  private Map<Long, String> slugsById = Map.of();
  private @Nullable String cursor;
  private @Nullable Instant loadedAt;
  private @Nullable Instant attemptsAt;
  private long attemptsRequest;

  public WebhooksViewModel(Workspace session, ZoneId zone, Notifier notifier) {
    this.session = session;
    this.zone = zone;
    this.notifier = notifier;
    this.readOnlyReason =
        Remote.readOnlyReason(session, " You can still see the endpoints and their deliveries.");
    this.changesDisabled = session.writableProperty().not().or(busy);
    session
        .writableProperty()
        .addListener(
            (o, was, writable) -> {
              if (writable && !was) {
                reload();
              }
            });
    resetReplayRange();
    replayFromTime.addListener((o, a, b) -> replayFromError.set(""));
    replayFromDate.addListener((o, a, b) -> replayFromError.set(""));
    replayToTime.addListener((o, a, b) -> replayToError.set(""));
    replayToDate.addListener((o, a, b) -> replayToError.set(""));
  }

  public ObservableList<WebhookEndpointView> endpoints() {
    return endpoints;
  }

  public ReadOnlyObjectProperty<@Nullable WebhookEndpointView> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** True once the collector answered with the list at least once (else it is not "empty"). */
  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  /** "Loading…", "Offline — the endpoints as of 14:02…", or "" when the list is current. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The chosen endpoint's attempts, newest first. */
  public ObservableList<WebhookAttempt> attempts() {
    return attempts;
  }

  /** True while older attempts can be fetched. */
  public ReadOnlyBooleanProperty hasOlderProperty() {
    return hasOlder.getReadOnlyProperty();
  }

  /** "Loading…", "No deliveries yet", or why the log could not be read. */
  public ReadOnlyStringProperty attemptsStatusProperty() {
    return attemptsStatus.getReadOnlyProperty();
  }

  /** The last test event's outcome: "Test event delivered: 200 OK in 84 ms · {…}". */
  public ReadOnlyStringProperty testResultProperty() {
    return testResult.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty testDeliveredProperty() {
    return testDelivered.getReadOnlyProperty();
  }

  /** A secret to show once (after a create or a rotation); {@link #secretSeen()} clears it. */
  public ReadOnlyObjectProperty<@Nullable ShownSecret> secretProperty() {
    return secret.getReadOnlyProperty();
  }

  public void secretSeen() {
    secret.set(null);
  }

  public ObjectProperty<@Nullable LocalDate> replayFromDateProperty() {
    return replayFromDate;
  }

  /** The replay's start time of day, written as the app writes times ("14:05" or "2:05 PM"). */
  public StringProperty replayFromTimeProperty() {
    return replayFromTime;
  }

  public ObjectProperty<@Nullable LocalDate> replayToDateProperty() {
    return replayToDate;
  }

  public StringProperty replayToTimeProperty() {
    return replayToTime;
  }

  public ReadOnlyStringProperty replayFromErrorProperty() {
    return replayFromError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty replayToErrorProperty() {
    return replayToError.getReadOnlyProperty();
  }

  /** Shows a text typed in a date picker that is no date under the replay's start or end. */
  public void notADate(boolean start, String text) {
    LocalDate today = session.clock().instant().atZone(zone).toLocalDate();
    (start ? replayFromError : replayToError).set(Formats.notADate(text, today));
  }

  /** Why changes cannot be made now (offline, a read-only key); "" while they can. */
  public StringBinding readOnlyReasonProperty() {
    return readOnlyReason;
  }

  /** True while changes are impossible, or one is under way: buttons are disabled. */
  public BooleanBinding changesDisabled() {
    return changesDisabled;
  }

  /** The zone times are shown in. */
  public ZoneId zone() {
    return zone;
  }

  /** A time for the delivery log's columns: "20 Nov, 14:05" this year ({@link WebhookLabels}). */
  public String when(@Nullable Instant at) {
    return at == null ? "—" : WebhookLabels.when(at, zone, session.clock().instant());
  }

  /** Fetches the endpoints (and the chosen one's log); keeps what is shown when that fails. */
  public void reload() {
    Long chosen = selected.get() == null ? null : selected.get().id();
    if (!loaded.get()) {
      status.set("Loading the endpoints…");
    }
    session
        .background()
        .run(
            "Webhooks",
            () -> {
              List<WebhookEndpointView> list = session.client().webhookEndpoints();
              Map<Long, String> slugs = new HashMap<>();
              for (LinkView link : session.store().links()) {
                slugs.put(link.id(), link.slug());
              }
              return new Loaded(list, slugs);
            },
            result -> {
              loadedAt = session.clock().instant();
              loaded.set(true);
              status.set("");
              slugsById = result.slugs();
              endpoints.setAll(result.endpoints());
              WebhookEndpointView next =
                  result.endpoints().stream()
                      .filter(e -> chosen != null && e.id() == chosen)
                      .findFirst()
                      .orElse(result.endpoints().isEmpty() ? null : result.endpoints().getFirst());
              if (next != null && chosen != null && next.id() == chosen) {
                selected.set(next);
                refreshAttempts();
              } else {
                select(next);
              }
            },
            failure -> status.set(readProblem(Problem.of(failure), "the endpoints", loadedAt)));
  }

  private record Loaded(List<WebhookEndpointView> endpoints, Map<Long, String> slugs) {}

  /** Shows an endpoint and its newest attempts. */
  public void select(@Nullable WebhookEndpointView endpoint) {
    WebhookEndpointView before = selected.get();
    selected.set(endpoint);
    if (before == null || endpoint == null || before.id() != endpoint.id()) {
      testResult.set("");
      attempts.clear();
      hasOlder.set(false);
      cursor = null;
    }
    refreshAttempts();
  }

  /** Fetches the chosen endpoint's newest attempts again. */
  public void refreshAttempts() {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint == null) {
      attempts.clear();
      attemptsStatus.set("");
      return;
    }
    fetchAttempts(endpoint, null);
  }

  /** Appends the next page of older attempts. */
  public void loadOlder() {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint != null && cursor != null) {
      fetchAttempts(endpoint, cursor);
    }
  }

  private void fetchAttempts(WebhookEndpointView endpoint, @Nullable String from) {
    long request = ++attemptsRequest;
    if (attempts.isEmpty()) {
      attemptsStatus.set("Loading the delivery log…");
    }
    session
        .background()
        .run(
            "Delivery log",
            () -> session.client().webhookAttempts(endpoint.id(), from, PAGE_SIZE),
            page -> {
              if (request != attemptsRequest) {
                return; // Another endpoint was chosen meanwhile.
              }
              showAttempts(page, from == null);
            },
            failure -> {
              if (request == attemptsRequest) {
                attemptsStatus.set(
                    readProblem(
                        Problem.of(failure),
                        "the delivery log",
                        attempts.isEmpty() ? null : attemptsAt));
              }
            });
  }

  private void showAttempts(WebhookAttemptPage page, boolean newest) {
    if (newest) {
      attempts.setAll(page.attempts());
    } else {
      attempts.addAll(page.attempts());
    }
    cursor = page.nextCursor();
    attemptsAt = session.clock().instant();
    hasOlder.set(cursor != null);
    attemptsStatus.set(
        attempts.isEmpty()
            ? "No deliveries yet. Send a test event to see how the receiver answers."
            : "");
  }

  /**
   * What a failed read means for the screen: offline keeps what is shown ({@code shown}: when it
   * was read, null when nothing of it was), anything else says so.
   */
  private String readProblem(Problem problem, String what, @Nullable Instant shown) {
    if (problem.offline()) {
      return Remote.offline(what, shown, zone);
    }
    if (problem.status() == 403 && what.equals("the endpoints")) {
      // The collector's webhook routes, reads included, are an admin's.
      return "Only an admin key can see and change webhooks; connect with one. The collector says: "
          + problem.message();
    }
    if (problem.notFound() && what.equals("the endpoints")) {
      return "This collector does not offer webhooks yet: update it to a version that does.";
    }
    return "Cannot read " + what + ": " + problem.message();
  }

  /** A form for a new endpoint ({@code endpoint} null) or for changes to one. */
  public EndpointEditorViewModel editor(@Nullable WebhookEndpointView endpoint) {
    return new EndpointEditorViewModel(session, notifier, endpoint, slugsById);
  }

  /**
   * Which events an endpoint gets: "For every link and page", "Only the link spring-sale", "Only
   * the links spring-sale, store-berlin and links tagged campaign-a".
   */
  public String scope(WebhookEndpointView endpoint) {
    if (endpoint.linkIds().isEmpty() && endpoint.tags().isEmpty()) {
      return "For every link and page";
    }
    StringBuilder text = new StringBuilder("Only ");
    if (!endpoint.linkIds().isEmpty()) {
      text.append(endpoint.linkIds().size() == 1 ? "the link " : "the links ")
          .append(editor(endpoint).linksProperty().get());
    }
    if (!endpoint.tags().isEmpty()) {
      text.append(endpoint.linkIds().isEmpty() ? "" : " and ")
          .append("links tagged ")
          .append(String.join(", ", endpoint.tags()));
    }
    return text.toString();
  }

  /** Shows what the editor saved, and a new endpoint's secret this once. */
  public void showSaved(EndpointEditorViewModel.Saved saved) {
    replace(saved.endpoint());
    select(saved.endpoint());
    String shown = saved.secret();
    if (shown != null) {
      secret.set(
          new ShownSecret(
              "Signing secret of the new endpoint",
              shown,
              "Copy it into the receiver now: you will not see it again. Receivers check each"
                  + " delivery's webhook-signature header with it (Standard Webhooks)."));
      notifier.info("Created the endpoint for " + saved.endpoint().url() + ".");
    } else {
      notifier.info("Saved the endpoint.");
    }
  }

  /** Sends a signed test event now and shows how the receiver answered. */
  public void sendTest() {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint == null) {
      return;
    }
    testResult.set("Sending a test event…");
    testDelivered.set(false);
    change(
        "Send test event",
        "Cannot send a test event",
        () -> session.client().testWebhookEndpoint(endpoint.id()),
        attempt -> {
          boolean delivered = WebhookLabels.delivered(attempt);
          testDelivered.set(delivered);
          String excerpt = WebhookLabels.excerpt(attempt);
          testResult.set(
              (delivered ? "Test event delivered: " : "Test event not delivered: ")
                  + WebhookLabels.result(attempt)
                  + " in "
                  + WebhookLabels.latency(attempt)
                  + (excerpt.isEmpty() ? "" : " · " + excerpt));
          refreshAttempts();
        },
        problem -> {
          testResult.set("");
          return false;
        });
  }

  /** Queues the event of {@code attempt} for the chosen endpoint again, with its original id. */
  public void redeliver(WebhookAttempt attempt) {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint == null) {
      return;
    }
    if (!WebhookLabels.redeliverable(attempt)) {
      notifier.error(
          "Cannot redeliver the event",
          "Test events are not kept, so they cannot be sent again: send a new test event instead.");
      return;
    }
    change(
        "Redeliver",
        "Cannot redeliver the event",
        () -> session.client().redeliverWebhookEvent(endpoint.id(), attempt.eventId()),
        queued -> {
          notifier.info(
              "Queued " + WebhookLabels.event(attempt.eventType()) + " " + attempt.eventId() + ".");
          refreshAttempts();
        },
        problem -> false);
  }

  /** Sends the chosen endpoint every event of its subscription in the replay's range again. */
  public void replay() {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint == null) {
      return;
    }
    Instant from = instant(replayFromDate.get(), replayFromTime.get(), replayFromError);
    Instant to = instant(replayToDate.get(), replayToTime.get(), replayToError);
    if (from == null || to == null) {
      return;
    }
    if (!to.isAfter(from)) {
      replayToError.set("The end must be after the start.");
      return;
    }
    change(
        "Replay",
        "Cannot replay the events",
        () -> session.client().replayWebhookEvents(endpoint.id(), from, to),
        (WebhookQueued queued) -> {
          notifier.info(
              queued.queued() == 0
                  ? "No events in that range to send again."
                  : "Queued " + Formats.count(queued.queued(), "events") + " to send again.");
          refreshAttempts();
        },
        problem -> {
          if ("from".equals(problem.field())) {
            replayFromError.set(problem.message());
            return true;
          }
          if ("to".equals(problem.field())) {
            replayToError.set(problem.message());
            return true;
          }
          return false;
        });
  }

  /** A replay range of the last 24 hours: yesterday's whole hour to the next whole hour. */
  public void resetReplayRange() {
    ZonedDateTime now =
        session.clock().instant().atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1);
    ZonedDateTime start = now.minusDays(1);
    replayFromDate.set(start.toLocalDate());
    replayFromTime.set(Formats.timeFormat().format(start.toLocalTime()));
    replayToDate.set(now.toLocalDate());
    replayToTime.set(Formats.timeFormat().format(now.toLocalTime()));
  }

  private @Nullable Instant instant(
      @Nullable LocalDate date, String time, ReadOnlyStringWrapper error) {
    if (date == null) {
      error.set("Choose a date.");
      return null;
    }
    LocalTime at = parseTime(time);
    if (at == null) {
      error.set(
          "“"
              + time.strip()
              + "” is not a time: write it like "
              + Formats.timeFormat().format(LocalTime.of(14, 5))
              + ".");
      return null;
    }
    return date.atTime(at).atZone(zone).toInstant();
  }

  /**
   * A time as the app writes it ("14:05", "2:05 PM"), or as 24-hour "14:05"; null otherwise. The
   * locale's formats put a narrow no-break space before "PM"; a plain space typed there is read
   * too.
   */
  static @Nullable LocalTime parseTime(String text) {
    String value = text.strip().replaceAll("[\\s\\u00a0\\u202f]+", " ");
    for (String candidate : List.of(value, value.replace(' ', '\u202f'))) {
      for (DateTimeFormatter reader :
          List.of(Formats.timeFormat(), DateTimeFormatter.ofPattern("H:mm"))) {
        try {
          return LocalTime.parse(candidate, reader);
        } catch (DateTimeParseException e) {
          // Try the next form.
        }
      }
    }
    return null;
  }

  /** Rotates the chosen endpoint's secret (the view asks first) and shows the new one once. */
  public void rotateSecret() {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint == null) {
      return;
    }
    change(
        "Rotate secret",
        "Cannot rotate the secret",
        () -> session.client().rotateWebhookSecret(endpoint.id()),
        (WebhookSecret rotated) -> {
          secret.set(
              new ShownSecret(
                  "New signing secret",
                  rotated.secret(),
                  "Copy it into the receiver now: you will not see it again. Deliveries are signed"
                      + " with the previous secret too until "
                      + Formats.dateTime(rotated.previousValidUntil(), zone)
                      + ", so the receiver can switch without missing one."));
          reload();
        },
        problem -> false);
  }

  /** Pauses ({@code false}) or enables the chosen endpoint; enabling one disabled resumes it. */
  public void setEnabled(boolean enabled) {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint == null) {
      return;
    }
    JsonObject patch = new JsonObject();
    patch.addProperty("enabled", enabled);
    change(
        enabled ? "Enable" : "Pause",
        enabled ? "Cannot enable the endpoint" : "Cannot pause the endpoint",
        () -> session.client().updateWebhookEndpoint(endpoint.id(), patch),
        saved -> {
          replace(saved);
          select(saved);
          notifier.info(
              enabled
                  ? "Enabled: events are sent again, those kept meanwhile first."
                  : "Paused: events are kept and sent when you enable it again.");
        },
        problem -> false);
  }

  /** Deletes the chosen endpoint (the view asks first). */
  public void delete() {
    WebhookEndpointView endpoint = selected.get();
    if (endpoint == null) {
      return;
    }
    change(
        "Delete endpoint",
        "Cannot delete the endpoint",
        () -> {
          session.client().deleteWebhookEndpoint(endpoint.id());
          return endpoint;
        },
        deleted -> {
          endpoints.removeIf(e -> e.id() == deleted.id());
          select(endpoints.isEmpty() ? null : endpoints.getFirst());
          notifier.info("Deleted the endpoint for " + deleted.url() + ".");
        },
        problem -> false);
  }

  private void replace(WebhookEndpointView endpoint) {
    for (int i = 0; i < endpoints.size(); i++) {
      if (endpoints.get(i).id() == endpoint.id()) {
        endpoints.set(i, endpoint);
        return;
      }
    }
    endpoints.add(endpoint);
  }

  /**
   * Sends a change unless changes are not possible now (then only says why). A refusal goes first
   * to {@code refused}, which says whether it showed it (a field's problem under the field); every
   * other problem is a dialog titled {@code failedTitle}, and an endpoint that is gone (404) also
   * reloads the list.
   */
  private <T> void change(
      String what,
      String failedTitle,
      Callable<T> work,
      Consumer<T> done,
      Predicate<Problem> refused) {
    Remote.change(session, notifier, busy, what, failedTitle, work, done, refused, this::reload);
  }
}
