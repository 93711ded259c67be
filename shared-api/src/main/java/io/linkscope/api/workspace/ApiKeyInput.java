package io.linkscope.api.workspace;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request for a new key in the caller's workspace.
 *
 * @param expiresAt when the key stops working (then 401 {@code key_expired}), or null for never
 */
public record ApiKeyInput(String name, String role, @Nullable Instant expiresAt) {

  /** A key that never expires. */
  public ApiKeyInput(String name, String role) {
    this(name, role, null);
  }
}
