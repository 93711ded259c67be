package io.linkscope.api.webhook;

import java.time.Instant;

/**
 * A freshly rotated signing secret, shown this once. Deliveries are signed with both the new and
 * the previous secret until {@code previousValidUntil}, so receivers can switch without a gap.
 */
public record WebhookSecret(long endpointId, String secret, Instant previousValidUntil) {}
