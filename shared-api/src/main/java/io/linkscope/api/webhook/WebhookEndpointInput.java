package io.linkscope.api.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint to create; as a JSON merge patch, the fields to change.
 *
 * @param url where events are POSTed; an absolute http(s) URL (private and loopback addresses are
 *     refused unless the collector's operator allows them)
 * @param description a label for people, up to 500 characters
 * @param events the {@link WebhookEvents} types it receives; at least one
 * @param linkIds when present and not empty, only events of these links (and of pages' widgets
 *     pointing at them) are sent
 * @param tags when present and not empty, only events of links carrying one of these tags
 * @param enabled false pauses deliveries (events are kept and sent when enabled again); default
 *     true
 * @param batch true sends an array of events per POST instead of one event; default false
 */
public record WebhookEndpointInput(
    @Nullable String url,
    @Nullable String description,
    @Nullable List<String> events,
    @Nullable List<Long> linkIds,
    @Nullable List<String> tags,
    @Nullable Boolean enabled,
    @Nullable Boolean batch) {

  /** A new endpoint receiving {@code events}, enabled, one event per POST, for every link. */
  public static WebhookEndpointInput of(String url, List<String> events) {
    return new WebhookEndpointInput(url, null, events, null, null, null, null);
  }
}
