package io.linkscope.desktop.webhooks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.linkscope.api.ApiError;
import io.linkscope.api.Json;
import io.linkscope.api.sync.SyncLinks;
import io.linkscope.api.sync.SyncRollups;
import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookAttemptPage;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.api.webhook.WebhookQueued;
import io.linkscope.api.webhook.WebhookReplay;
import io.linkscope.api.webhook.WebhookSecret;
import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The webhook part of the collector's API as the shared records describe it, served by the JDK's
 * HTTP server on a random port, for the screen's tests until the collector answers these routes
 * itself: endpoints kept in memory, the delivery log paged by cursor, the refusals the collector
 * documents (a field, a missing endpoint or event, a key it does not accept), the workspace and a
 * sync with nothing new, so that the real window can be opened on it. Tests arrange its state
 * through {@link #add} and {@link #log}, and {@link #failNext} makes the next change fail the way
 * the collector may (a 409, say).
 *
 * <p>Once the collector serves these routes, the tests move to {@code TestCollector} by replacing
 * only this class: {@link #sample()} becomes endpoints created through the client (their states
 * reached by pointing them at a real receiver that answers 503, or by pausing them), {@link #log}
 * real deliveries to that receiver, {@link #answerTestsWith} the receiver's answer, and {@link
 * #failNext} a real refusal (a second endpoint with the same URL for a 409, a deleted one for a
 * 404).
 */
final class WebhookFixture implements AutoCloseable {
  static final String KEY = "lsk_fixture";
  static final Instant NOW = SampleWorkspace.NOW;

  private static final Pattern ENDPOINT = Pattern.compile("/api/v1/webhooks/(\\d+)(/.*)?");
  private static final Pattern REDELIVER = Pattern.compile("/events/([^/]+)/redeliver");

  private final HttpServer server;
  private final Map<Long, WebhookEndpointView> endpoints = new LinkedHashMap<>();
  private final Map<Long, List<WebhookAttempt>> logs = new LinkedHashMap<>();

  /** Every request as "METHOD /path?query body", oldest first. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  private long nextId = 1;
  private long nextAttempt = 1;
  private int secrets;
  private @Nullable ApiAnswer failNext;
  private WebhookAttempt testAnswer =
      attempt("evt_test", "link.clicked", NOW, 1, 200, 84, null, "{\"ok\":true}", null);

  private record ApiAnswer(int status, ApiError error) {}

  private WebhookFixture(HttpServer server) {
    this.server = server;
  }

  static WebhookFixture start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookFixture fixture = new WebhookFixture(server);
      server.createContext("/", fixture::handle);
      server.start();
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // --- arranging

  /** Stores an endpoint as the collector would show it; returns it with its id. */
  synchronized WebhookEndpointView add(
      String url,
      @Nullable String description,
      List<String> events,
      String state,
      @Nullable String disabledReason,
      @Nullable Instant failingSince,
      long pending) {
    long id = nextId++;
    WebhookEndpointView endpoint =
        new WebhookEndpointView(
            id,
            url,
            description,
            events,
            List.of(),
            List.of(),
            !state.equals(WebhookEndpointView.PAUSED)
                && !state.equals(WebhookEndpointView.DISABLED),
            false,
            state,
            disabledReason,
            failingSince,
            pending,
            NOW.minus(Duration.ofHours(5)),
            null,
            null,
            NOW.minus(Duration.ofDays(30)),
            NOW.minus(Duration.ofDays(1)));
    endpoints.put(id, endpoint);
    logs.put(id, new ArrayList<>());
    return endpoint;
  }

  /** Adds attempts to an endpoint's log, newest first as given. */
  synchronized void log(long endpointId, List<WebhookAttempt> attempts) {
    Objects.requireNonNull(logs.get(endpointId)).addAll(attempts);
  }

  /** {@code count} attempts of alternating outcomes, a minute apart, the newest at {@link #NOW}. */
  synchronized List<WebhookAttempt> failures(int count) {
    List<WebhookAttempt> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = NOW.minus(Duration.ofMinutes(i * 7L));
      boolean timeout = i % 3 == 1;
      made.add(
          attempt(
              "evt_" + (1000 + i),
              i % 4 == 0 ? WebhookEvents.CONVERSION_CREATED : WebhookEvents.LINK_CLICKED,
              at,
              1 + i % 5,
              timeout ? null : 503,
              timeout ? 10_000 : 212 + i,
              timeout ? "timeout after 10 s" : null,
              timeout ? null : "<html><body><h1>503 Service Unavailable</h1> upstream down</body>",
              at.plus(Duration.ofMinutes(30))));
    }
    return made;
  }

  WebhookAttempt attempt(
      String eventId,
      String type,
      Instant at,
      int attempt,
      @Nullable Integer status,
      long latency,
      @Nullable String error,
      @Nullable String excerpt,
      @Nullable Instant next) {
    return new WebhookAttempt(
        nextAttempt++, eventId, type, at, attempt, status, latency, error, excerpt, next);
  }

  synchronized void answerTestsWith(WebhookAttempt attempt) {
    testAnswer = attempt;
  }

  /** The next change (a POST, PATCH or DELETE) gets this error instead of its answer. */
  synchronized void failNext(int status, String code, String message) {
    failNext = new ApiAnswer(status, new ApiError(code, message));
  }

  synchronized WebhookEndpointView endpoint(long id) {
    return Objects.requireNonNull(endpoints.get(id));
  }

  synchronized List<WebhookEndpointView> endpoints() {
    return List.copyOf(endpoints.values());
  }

  // --- serving

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(method + " " + path + (query == null ? "" : "?" + query) + " " + body);
    int status;
    Object answer;
    synchronized (this) {
      if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        status = 401;
        answer = new ApiError("unauthorized", "The API key is not valid.");
      } else if (!method.equals("GET") && failNext != null) {
        status = failNext.status();
        answer = failNext.error();
        failNext = null;
      } else {
        try {
          Object[] result = route(method, path, query, body);
          status = (int) result[0];
          answer = result[1];
        } catch (Refusal refusal) {
          status = refusal.status;
          answer = refusal.error;
        }
      }
    }
    byte[] bytes =
        answer == null ? new byte[0] : Json.write(answer).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient ApiError error;

    Refusal(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.error = new ApiError(code, message);
    }

    static Refusal field(String field, String message) {
      return new Refusal(400, "invalid_field", "Field '" + field + "': " + message);
    }
  }

  private Object[] route(String method, String path, @Nullable String query, String body) {
    // The workspace a connection opens, and the sync of the window's local copy: a workspace
    // whose copy is already up to date.
    switch (method + " " + path) {
      case "GET /api/v1/workspace" -> {
        return ok(
            new WorkspaceView(1, "acme", "Acme Coffee Roasters", NOW.minus(Duration.ofDays(400))));
      }
      case "GET /api/v1/sync/links" -> {
        return ok(new SyncLinks(List.of(), List.of(), "0", false));
      }
      case "GET /api/v1/sync/rollups" -> {
        return ok(new SyncRollups(List.of(), "0", false));
      }
      default -> {
        // A webhook route, below.
      }
    }
    if (path.equals("/api/v1/webhooks")) {
      return switch (method) {
        case "GET" -> ok(List.copyOf(endpoints.values()));
        case "POST" -> new Object[] {201, create(Json.read(body, WebhookEndpointInput.class))};
        default -> throw new Refusal(405, "method_not_allowed", method + " is not allowed.");
      };
    }
    Matcher matcher = ENDPOINT.matcher(path);
    if (!matcher.matches()) {
      throw new Refusal(404, "not_found", "No API endpoint at " + path + ".");
    }
    long id = Long.parseLong(matcher.group(1));
    WebhookEndpointView endpoint = endpoints.get(id);
    if (endpoint == null) {
      throw new Refusal(404, "not_found", "Webhook endpoint " + id + " was not found.");
    }
    String rest = matcher.group(2) == null ? "" : matcher.group(2);
    Matcher redeliver = REDELIVER.matcher(rest);
    return switch (method + " " + rest) {
      case "GET " -> ok(endpoint);
      case "PATCH " -> ok(update(endpoint, Json.parseObject(body)));
      case "DELETE " -> {
        endpoints.remove(id);
        yield new Object[] {204, null};
      }
      case "POST /rotate-secret" ->
          ok(new WebhookSecret(id, secret(), NOW.plus(Duration.ofHours(24))));
      case "POST /test" -> {
        Objects.requireNonNull(logs.get(id)).addFirst(testAnswer);
        yield ok(testAnswer);
      }
      case "GET /attempts" -> ok(page(id, query));
      case "POST /replay" -> ok(replay(id, Json.read(body, WebhookReplay.class)));
      default -> {
        if (method.equals("POST") && redeliver.matches()) {
          String eventId = redeliver.group(1);
          if (logs.get(id).stream().noneMatch(a -> a.eventId().equals(eventId))) {
            throw new Refusal(404, "not_found", "Event " + eventId + " was not found.");
          }
          yield ok(new WebhookQueued(1));
        }
        throw new Refusal(404, "not_found", "No API endpoint at " + path + ".");
      }
    };
  }

  private static Object[] ok(Object answer) {
    return new Object[] {200, answer};
  }

  private WebhookEndpointCreated create(WebhookEndpointInput input) {
    String url = check(input.url(), input.events());
    long id = nextId++;
    boolean enabled = input.enabled() == null || input.enabled();
    WebhookEndpointView endpoint =
        new WebhookEndpointView(
            id,
            url,
            input.description(),
            Objects.requireNonNull(input.events()),
            input.linkIds() == null ? List.of() : input.linkIds(),
            input.tags() == null ? List.of() : input.tags(),
            enabled,
            input.batch() != null && input.batch(),
            enabled ? WebhookEndpointView.ACTIVE : WebhookEndpointView.PAUSED,
            null,
            null,
            0,
            null,
            null,
            null,
            NOW,
            NOW);
    endpoints.put(id, endpoint);
    logs.put(id, new ArrayList<>());
    return new WebhookEndpointCreated(endpoint, secret());
  }

  private static String check(@Nullable String url, @Nullable List<String> events) {
    if (url == null || !url.matches("https?://[^/\\s]+.*")) {
      throw Refusal.field("url", "must be an absolute http(s) URL.");
    }
    if (url.matches("https?://(localhost|127\\.|10\\.|192\\.168\\.).*")) {
      throw Refusal.field("url", "must not point to a private or loopback address (" + url + ").");
    }
    if (events == null || events.isEmpty()) {
      throw Refusal.field("events", "must name at least one event type.");
    }
    for (int i = 0; i < events.size(); i++) {
      if (!WebhookEvents.ALL.contains(events.get(i))) {
        throw Refusal.field("events[" + i + "]", "is not an event type: " + events.get(i) + ".");
      }
    }
    return url;
  }

  private WebhookEndpointView update(WebhookEndpointView before, JsonObject patch) {
    String url = patch.has("url") ? patch.get("url").getAsString() : before.url();
    List<String> events = patch.has("events") ? strings(patch.get("events")) : before.events();
    check(url, events);
    boolean enabled = patch.has("enabled") ? patch.get("enabled").getAsBoolean() : before.enabled();
    String state = before.state();
    String disabledReason = before.disabledReason();
    Instant failingSince = before.failingSince();
    if (patch.has("enabled")) {
      state = enabled ? WebhookEndpointView.ACTIVE : WebhookEndpointView.PAUSED;
      disabledReason = null;
      failingSince = null;
    }
    WebhookEndpointView after =
        new WebhookEndpointView(
            before.id(),
            url,
            patch.has("description") && !patch.get("description").isJsonNull()
                ? patch.get("description").getAsString()
                : patch.has("description") ? null : before.description(),
            events,
            patch.has("linkIds")
                ? Json.gson()
                    .fromJson(patch.get("linkIds"), new TypeToken<List<Long>>() {}.getType())
                : before.linkIds(),
            patch.has("tags") ? strings(patch.get("tags")) : before.tags(),
            enabled,
            patch.has("batch") ? patch.get("batch").getAsBoolean() : before.batch(),
            state,
            disabledReason,
            failingSince,
            before.pending(),
            before.lastDeliveryAt(),
            before.secretRotatedAt(),
            before.previousSecretValidUntil(),
            before.createdAt(),
            NOW);
    endpoints.put(after.id(), after);
    return after;
  }

  private static List<String> strings(JsonElement array) {
    return Json.gson().fromJson(array, new TypeToken<List<String>>() {}.getType());
  }

  private WebhookAttemptPage page(long id, @Nullable String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    int from = params.containsKey("cursor") ? Integer.parseInt(params.get("cursor")) : 0;
    int limit = Integer.parseInt(params.getOrDefault("limit", "50"));
    List<WebhookAttempt> log = logs.getOrDefault(id, List.of());
    int to = Math.min(log.size(), from + limit);
    return new WebhookAttemptPage(
        List.copyOf(log.subList(Math.min(from, to), to)),
        to < log.size() ? Integer.toString(to) : null);
  }

  private WebhookQueued replay(long id, WebhookReplay range) {
    if (!range.to().isAfter(range.from())) {
      throw Refusal.field("to", "must be after 'from'.");
    }
    if (range.to().isAfter(NOW.plus(Duration.ofMinutes(5))) && range.from().isAfter(NOW)) {
      throw Refusal.field("from", "must not be in the future.");
    }
    return new WebhookQueued(
        logs.getOrDefault(id, List.of()).stream()
            .filter(
                a ->
                    !a.attemptedAt().isBefore(range.from()) && a.attemptedAt().isBefore(range.to()))
            .map(WebhookAttempt::eventId)
            .distinct()
            .count());
  }

  private String secret() {
    secrets++;
    return "whsec_"
        + java.util.Base64.getEncoder()
            .encodeToString(("fixture signing key " + secrets).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The endpoints of an agency's workspace: one active (Zapier), one failing for three hours with a
   * long URL and 60 failed attempts, one the collector disabled after a day of failures, one
   * paused.
   */
  void sample() {
    add(
        "https://hooks.zapier.com/hooks/catch/1234567/abcdef/",
        "Zapier: clicks to the CRM",
        List.of(WebhookEvents.LINK_CLICKED, WebhookEvents.CONVERSION_CREATED),
        WebhookEndpointView.ACTIVE,
        null,
        null,
        0);
    WebhookEndpointView failing =
        add(
            "https://automation.acme-coffee-roasters.example/integrations/linkscope/webhooks/receive"
                + "?workspace=acme-coffee-roasters&channel=spring-campaign-2026",
            "Acme's own automation server (the spring campaign's dashboards)",
            WebhookEvents.ALL,
            WebhookEndpointView.FAILING,
            null,
            NOW.minus(Duration.ofHours(3)),
            1_204);
    log(failing.id(), failures(60));
    add(
        "https://old-crm.example.org/linkscope",
        "Old CRM (being replaced)",
        List.of(WebhookEvents.LINK_CREATED, WebhookEvents.LINK_UPDATED, WebhookEvents.LINK_DELETED),
        WebhookEndpointView.DISABLED,
        "failures",
        NOW.minus(Duration.ofHours(30)),
        18_440);
    add(
        "https://make.example.com/hook/7f3a",
        null,
        List.of(WebhookEvents.PAGE_VIEWED, WebhookEvents.WIDGET_TAPPED),
        WebhookEndpointView.PAUSED,
        null,
        null,
        12);
  }
}
