package io.linkscope.api.webhook;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint as the collector keeps it; its secret is never shown here.
 *
 * @param state {@code active}; {@code failing} (deliveries have failed since {@code failingSince},
 *     retries go on); {@code disabled} (by a person, or by the collector after a day of failures:
 *     {@code disabledReason} says which); {@code paused} when {@code enabled} is false by choice
 * @param pending events waiting for delivery to this endpoint
 * @param lastDeliveryAt when an event was last delivered (a 2xx answer), if ever
 * @param secretRotatedAt when the secret was last rotated; the previous one stays valid until
 *     {@code previousSecretValidUntil}
 */
public record WebhookEndpointView(
    long id,
    String url,
    @Nullable String description,
    List<String> events,
    List<Long> linkIds,
    List<String> tags,
    boolean enabled,
    boolean batch,
    String state,
    @Nullable String disabledReason,
    @Nullable Instant failingSince,
    long pending,
    @Nullable Instant lastDeliveryAt,
    @Nullable Instant secretRotatedAt,
    @Nullable Instant previousSecretValidUntil,
    Instant createdAt,
    Instant updatedAt) {
  public static final String ACTIVE = "active";
  public static final String FAILING = "failing";
  public static final String DISABLED = "disabled";
  public static final String PAUSED = "paused";
}
