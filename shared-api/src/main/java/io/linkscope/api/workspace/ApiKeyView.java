package io.linkscope.api.workspace;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An API key as listed: never the secret itself, only its first characters.
 *
 * @param role {@code admin}, {@code editor} or {@code viewer}
 */
public record ApiKeyView(
    long id,
    String name,
    String prefix,
    String role,
    Instant createdAt,
    @Nullable Instant revokedAt) {}
