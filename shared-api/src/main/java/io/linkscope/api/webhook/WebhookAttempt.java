package io.linkscope.api.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One delivery attempt of one event (or of a batch holding it) to an endpoint.
 *
 * @param eventId the event's stable id, the {@code webhook-id} header of every attempt
 * @param status the receiver's HTTP status; absent when no answer came ({@code error} says why:
 *     timeout, connection refused, refused address…)
 * @param latencyMillis from sending to the answer (or the failure)
 * @param responseExcerpt the start of the answer's body, at most 1,000 characters
 * @param nextAttemptAt when the event is tried again, absent once delivered or given up
 */
public record WebhookAttempt(
    long id,
    String eventId,
    String eventType,
    Instant attemptedAt,
    int attempt,
    @Nullable Integer status,
    long latencyMillis,
    @Nullable String error,
    @Nullable String responseExcerpt,
    @Nullable Instant nextAttemptAt) {}
