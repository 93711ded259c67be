package io.linkscope.api.workspace;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An API key as listed: never the secret itself, only its first characters.
 *
 * @param role {@code admin}, {@code editor} or {@code viewer}
 * @param expiresAt when the key stops working, or null for never
 * @param lastUsedAt when the key last authenticated a request, to the minute (the collector writes
 *     it at most once a minute per key), or null when never used
 */
public record ApiKeyView(
    long id,
    String name,
    String prefix,
    String role,
    Instant createdAt,
    @Nullable Instant revokedAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt) {}
