package io.linkscope.collector.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.api.webhook.WebhookQueued;
import io.linkscope.api.webhook.WebhookReplay;
import io.linkscope.api.webhook.WebhookSecret;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/webhooks}: a workspace's endpoints (created with their secret, shown once; changed
 * by JSON merge patch; the secret rotated with a grace period), a signed test event, the delivery
 * log, redelivery of one event and replays of a time range.
 */
public final class WebhookHandlers {
  private static final int MAX_ENDPOINTS = 100;
  private static final int MAX_LINK_IDS = 1000;
  private static final int MAX_TAGS = 100;

  private final Endpoints endpoints;
  private final DeliveryLog deliveryLog;
  private final Sender sender;
  private final Targets targets;
  private final WebhookOptions options;
  private final Clock clock;
  private final Runnable changed;

  WebhookHandlers(
      Endpoints endpoints,
      DeliveryLog deliveryLog,
      Sender sender,
      Targets targets,
      WebhookOptions options,
      Clock clock,
      Runnable changed) {
    this.endpoints = endpoints;
    this.deliveryLog = deliveryLog;
    this.sender = sender;
    this.targets = targets;
    this.options = options;
    this.clock = clock;
    this.changed = changed;
  }

  /** {@code GET /api/v1/webhooks}. */
  public Reply list(ApiRequest request) throws SQLException {
    List<Endpoint> all = endpoints.list(request.workspaceId());
    Map<Long, Long> pending = endpoints.pending(all.stream().map(Endpoint::id).toList());
    List<WebhookEndpointView> views = new ArrayList<>(all.size());
    for (Endpoint endpoint : all) {
      views.add(endpoint.view(pending.getOrDefault(endpoint.id(), 0L)));
    }
    return Reply.ok(views);
  }

  /** {@code POST /api/v1/webhooks}: 201 with the endpoint and its secret, shown only here. */
  public Reply create(ApiRequest request) throws SQLException {
    WebhookEndpointInput input = Json.readStrict(request.body(), WebhookEndpointInput.class);
    long workspaceId = request.workspaceId();
    if (endpoints.list(workspaceId).size() >= MAX_ENDPOINTS) {
      throw HttpError.conflict(
          "too_many_endpoints", "A workspace has at most " + MAX_ENDPOINTS + " webhook endpoints.");
    }
    Instant now = clock.instant();
    String secret = Signatures.newSecret();
    Endpoint endpoint = validated(workspaceId, input, 0, secret, now, now);
    long id = endpoints.insert(endpoint);
    changed.run();
    Endpoint stored = endpoints.find(workspaceId, id).orElseThrow();
    return Reply.created(new WebhookEndpointCreated(stored.view(0), secret));
  }

  /** {@code GET /api/v1/webhooks/{id}}. */
  public Reply get(ApiRequest request) throws SQLException {
    Endpoint endpoint = endpoint(request);
    return Reply.ok(view(endpoint));
  }

  /**
   * {@code PATCH /api/v1/webhooks/{id}}: a JSON merge patch. Enabling an endpoint the collector
   * disabled clears its failure and sends what waited at once.
   */
  public Reply update(ApiRequest request) throws SQLException {
    Endpoint current = endpoint(request);
    JsonObject patch = Json.parseObject(request.body());
    JsonObject merged =
        Json.gson()
            .toJsonTree(
                new WebhookEndpointInput(
                    current.url(),
                    current.description(),
                    current.events(),
                    current.linkIds(),
                    current.tags(),
                    current.enabled(),
                    current.batch()))
            .getAsJsonObject();
    for (Map.Entry<String, JsonElement> field : patch.entrySet()) {
      merged.add(field.getKey(), field.getValue());
    }
    WebhookEndpointInput input = Json.readStrict(merged, WebhookEndpointInput.class);
    Instant now = clock.instant();
    Endpoint next =
        validated(
            current.workspaceId(), input, current.id(), current.secret(), current.createdAt(), now);
    boolean enabling = next.enabled() && !current.enabled();
    Endpoint saved =
        new Endpoint(
            next.id(),
            next.workspaceId(),
            next.url(),
            next.description(),
            next.events(),
            next.linkIds(),
            next.tags(),
            next.enabled(),
            next.batch(),
            current.secret(),
            current.previousSecret(),
            current.previousValidUntil(),
            current.secretRotatedAt(),
            enabling ? null : current.disabledReason(),
            enabling ? null : current.failingSince(),
            current.lastDeliveryAt(),
            current.createdAt(),
            now);
    endpoints.update(saved);
    if (enabling) {
      endpoints.dueNow(saved.id(), now);
    }
    changed.run();
    if (enabling) {
      sender.wake();
    }
    return Reply.ok(view(endpoints.find(saved.workspaceId(), saved.id()).orElseThrow()));
  }

  /** {@code DELETE /api/v1/webhooks/{id}}: the endpoint, its waiting events and its log. */
  public Reply delete(ApiRequest request) throws SQLException {
    long id = request.pathId("id", "The webhook endpoint");
    if (!endpoints.delete(request.workspaceId(), id)) {
      throw HttpError.notFound("The webhook endpoint");
    }
    changed.run();
    return Reply.noContent();
  }

  /** {@code POST /api/v1/webhooks/{id}/rotate-secret}: the new secret, shown once. */
  public Reply rotateSecret(ApiRequest request) throws SQLException {
    Endpoint endpoint = endpoint(request);
    Instant now = clock.instant();
    String secret = Signatures.newSecret();
    Instant validUntil = now.plus(options.secretGrace());
    endpoints.rotate(endpoint.id(), secret, endpoint.secret(), validUntil, now);
    changed.run();
    return Reply.ok(new WebhookSecret(endpoint.id(), secret, validUntil));
  }

  /** {@code POST /api/v1/webhooks/{id}/test}: a signed test event sent now; the attempt. */
  public Reply test(ApiRequest request) throws SQLException {
    Endpoint endpoint = endpoint(request);
    Instant now = clock.instant();
    String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
    String type = "webhook.test";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("endpointId", endpoint.id());
    data.put("message", "A test event from Linkscope: the endpoint receives signed deliveries.");
    Outbox.Event event = new Outbox.Event(id, endpoint.workspaceId(), type, 0, now, data);
    byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
    Sender.Outcome outcome = sender.send(endpoint, id, body);
    WebhookAttempt attempt = deliveryLog.logTest(endpoint.id(), id, type, now, outcome);
    return Reply.ok(attempt);
  }

  /** {@code GET /api/v1/webhooks/{id}/attempts?cursor=&limit=}: newest first. */
  public Reply attempts(ApiRequest request) throws SQLException {
    Endpoint endpoint = endpoint(request);
    Long before = null;
    String cursor = request.query("cursor").orElse(null);
    if (cursor != null && !cursor.isEmpty()) {
      try {
        before = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw HttpError.invalidParameter("cursor", "must be the nextCursor of a previous page.");
      }
    }
    int limit = request.queryInt("limit", 50, 1, 500);
    return Reply.ok(deliveryLog.attempts(endpoint.id(), before, limit));
  }

  /** {@code POST /api/v1/webhooks/{id}/events/{eventId}/redeliver}. */
  public Reply redeliver(ApiRequest request) throws SQLException {
    Endpoint endpoint = endpoint(request);
    String eventId = request.path("eventId");
    if (!eventId.matches("[A-Za-z0-9_.-]{1,40}")) {
      // Event ids are ASCII (msg_ and hex); anything else names no kept event.
      throw HttpError.notFound("The event");
    }
    long queued = deliveryLog.redeliver(endpoint, eventId, clock.instant());
    if (queued == 0) {
      throw HttpError.notFound("The event (kept for " + options.retention().toDays() + " days)");
    }
    sender.wake();
    return Reply.ok(new WebhookQueued(queued));
  }

  /** {@code POST /api/v1/webhooks/{id}/replay} with {@code {"from", "to"}}. */
  public Reply replay(ApiRequest request) throws SQLException {
    Endpoint endpoint = endpoint(request);
    WebhookReplay replay = Json.readStrict(request.body(), WebhookReplay.class);
    if (replay.from() == null || replay.to() == null) {
      throw HttpError.badRequest("invalid_field", "Fields 'from' and 'to' are required.");
    }
    if (!replay.from().isBefore(replay.to())) {
      throw HttpError.invalidField("to", "must be after 'from'.");
    }
    long queued = deliveryLog.replay(endpoint, replay.from(), replay.to(), clock.instant());
    sender.wake();
    return Reply.ok(new WebhookQueued(queued));
  }

  private Endpoint endpoint(ApiRequest request) throws SQLException {
    long id = request.pathId("id", "The webhook endpoint");
    return endpoints
        .find(request.workspaceId(), id)
        .orElseThrow(() -> HttpError.notFound("The webhook endpoint"));
  }

  private WebhookEndpointView view(Endpoint endpoint) throws SQLException {
    return endpoint.view(endpoints.pending(List.of(endpoint.id())).getOrDefault(endpoint.id(), 0L));
  }

  /** The endpoint {@code input} describes, or a 400 naming the first field that is wrong. */
  private Endpoint validated(
      long workspaceId,
      WebhookEndpointInput input,
      long id,
      String secret,
      Instant createdAt,
      Instant now)
      throws SQLException {
    String url = input.url();
    if (url == null || url.isBlank()) {
      throw HttpError.invalidField("url", "is required: where events are POSTed.");
    }
    targets.validate(url.strip());
    String description = input.description();
    if (description != null && description.length() > 500) {
      throw HttpError.invalidField("description", "must be at most 500 characters.");
    }
    List<String> events = input.events();
    if (events == null || events.isEmpty()) {
      throw HttpError.invalidField(
          "events", "must name at least one of " + String.join(", ", WebhookEvents.ALL) + ".");
    }
    for (String event : events) {
      if (event == null || !WebhookEvents.ALL.contains(event)) {
        throw HttpError.invalidField(
            "events",
            "'"
                + event
                + "' is not an event type; use "
                + String.join(", ", WebhookEvents.ALL)
                + ".");
      }
    }
    List<Long> linkIds = input.linkIds() == null ? List.of() : distinct(input.linkIds());
    if (linkIds.size() > MAX_LINK_IDS) {
      throw HttpError.invalidField("linkIds", "must name at most " + MAX_LINK_IDS + " links.");
    }
    for (Long linkId : linkIds) {
      if (linkId == null || linkId <= 0) {
        throw HttpError.invalidField("linkIds", "must be ids of links of this workspace.");
      }
    }
    if (!linkIds.isEmpty() && countLinks(workspaceId, linkIds) != linkIds.size()) {
      throw HttpError.invalidField("linkIds", "must be ids of links of this workspace.");
    }
    List<String> tags = input.tags() == null ? List.of() : distinct(input.tags());
    if (tags.size() > MAX_TAGS) {
      throw HttpError.invalidField("tags", "must name at most " + MAX_TAGS + " tags.");
    }
    for (String tag : tags) {
      if (tag == null || tag.isBlank() || tag.length() > 64 || tag.contains("\n")) {
        throw HttpError.invalidField("tags", "must be tags of 1 to 64 characters.");
      }
    }
    return new Endpoint(
        id,
        workspaceId,
        url.strip(),
        description == null || description.isBlank() ? null : description,
        distinct(events),
        linkIds,
        tags,
        input.enabled() == null || input.enabled(),
        input.batch() != null && input.batch(),
        secret,
        null,
        null,
        null,
        null,
        null,
        null,
        createdAt,
        now);
  }

  private long countLinks(long workspaceId, List<Long> linkIds) throws SQLException {
    return new Sql.Builder()
        .append("SELECT COUNT(*) FROM link WHERE workspace_id = ? AND id", workspaceId)
        .in(linkIds)
        .build()
        .one(endpoints.dataSource(), row -> row.getLong(1))
        .orElse(0L);
  }

  private static <T> List<T> distinct(List<T> values) {
    return new ArrayList<>(new LinkedHashSet<>(values));
  }
}
