package io.linkscope.collector.conversion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conversion as it is stored, for what must commit with it (the webhook outbox).
 *
 * @param eventId the reporter's id of the event, unique in the workspace
 * @param clickId the click it is attributed to
 * @param via {@code api} or {@code postback}
 */
public record StoredConversion(
    long workspaceId,
    String eventId,
    UUID clickId,
    String event,
    @Nullable BigDecimal value,
    @Nullable String currency,
    Instant occurredAt,
    String via) {}
