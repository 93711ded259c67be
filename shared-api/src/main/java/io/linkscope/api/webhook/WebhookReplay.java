package io.linkscope.api.webhook;

import java.time.Instant;

/**
 * Sends an endpoint again every event it subscribes to that occurred in {@code [from, to)}, with
 * their original ids (so receivers that deduplicate by {@code webhook-id} see no doubles).
 */
public record WebhookReplay(Instant from, Instant to) {}
