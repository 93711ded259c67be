package io.linkscope.api.webhook;

/**
 * The answer to creating an endpoint: the only time its signing {@code secret} ({@code whsec_…},
 * per the Standard Webhooks specification) is shown, besides rotating it.
 */
public record WebhookEndpointCreated(WebhookEndpointView endpoint, String secret) {}
