package io.linkscope.api.workspace;

import java.time.Instant;

/**
 * An API key as listed: never the secret itself, only its first characters.
 *
 * @param role {@code admin}, {@code editor} or {@code viewer}
 */
public record ApiKeyView(
    long id, String name, String prefix, String role, Instant createdAt, Instant revokedAt) {}
