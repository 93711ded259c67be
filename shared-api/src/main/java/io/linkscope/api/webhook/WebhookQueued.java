package io.linkscope.api.webhook;

/** How many events a redelivery or replay queued for the endpoint. */
public record WebhookQueued(long queued) {}
