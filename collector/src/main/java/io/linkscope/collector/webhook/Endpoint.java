package io.linkscope.collector.webhook;

import io.linkscope.api.webhook.WebhookEndpointView;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A webhook endpoint as stored, its secrets included. */
record Endpoint(
    long id,
    long workspaceId,
    String url,
    @Nullable String description,
    List<String> events,
    List<Long> linkIds,
    List<String> tags,
    boolean enabled,
    boolean batch,
    String secret,
    @Nullable String previousSecret,
    @Nullable Instant previousValidUntil,
    @Nullable Instant secretRotatedAt,
    @Nullable String disabledReason,
    @Nullable Instant failingSince,
    @Nullable Instant lastDeliveryAt,
    Instant createdAt,
    Instant updatedAt) {

  Endpoint {
    events = List.copyOf(events);
    linkIds = List.copyOf(linkIds);
    tags = List.copyOf(tags);
  }

  /** What the API shows of it. */
  WebhookEndpointView view(long pending) {
    return new WebhookEndpointView(
        id,
        url,
        description,
        events,
        linkIds,
        tags,
        enabled,
        batch,
        state(),
        disabledReason,
        failingSince,
        pending,
        lastDeliveryAt,
        secretRotatedAt,
        previousValidUntil,
        createdAt,
        updatedAt);
  }

  String state() {
    if (disabledReason != null) {
      return WebhookEndpointView.DISABLED;
    }
    if (!enabled) {
      return WebhookEndpointView.PAUSED;
    }
    return failingSince != null ? WebhookEndpointView.FAILING : WebhookEndpointView.ACTIVE;
  }

  /** Whether events are kept for it: enabled, or paused by a person (not given up on). */
  boolean receives() {
    return enabled || disabledReason == null;
  }

  /** Whether it subscribes to an event of {@code type} about {@code linkId} with {@code tags}. */
  boolean wants(String type, long linkId, Collection<String> linkTags) {
    if (!events.contains(type)) {
      return false;
    }
    if (!linkIds.isEmpty() && !linkIds.contains(linkId)) {
      return false;
    }
    if (!tags.isEmpty()) {
      for (String tag : linkTags) {
        if (tags.contains(tag)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /** The previous secret while it still signs, else null. */
  @Nullable String previousSecret(Instant now) {
    return previousSecret != null && previousValidUntil != null && now.isBefore(previousValidUntil)
        ? previousSecret
        : null;
  }
}
