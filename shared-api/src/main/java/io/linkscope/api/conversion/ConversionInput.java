package io.linkscope.api.conversion;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A conversion as a shop or platform reports it ({@code POST /api/v1/conversions}).
 *
 * @param eventId the sender's own id of the event; a second report with the same id in the same
 *     workspace is the same conversion and is stored once
 * @param clickId the click id the redirect appended to the destination (a UUID)
 * @param event what happened, e.g. {@code purchase} or {@code signup}
 * @param value the amount the conversion is worth, not negative, up to 4 decimals; optional
 * @param currency ISO 4217 code of {@code value}; required with a value
 * @param occurredAt when it happened; the time of receipt when absent
 */
public record ConversionInput(
    @Nullable String eventId,
    @Nullable String clickId,
    @Nullable String event,
    @Nullable BigDecimal value,
    @Nullable String currency,
    @Nullable Instant occurredAt) {}
