package io.linkscope.api.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Delivery attempts of an endpoint, newest first; {@code nextCursor} fetches older ones. */
public record WebhookAttemptPage(List<WebhookAttempt> attempts, @Nullable String nextCursor) {}
