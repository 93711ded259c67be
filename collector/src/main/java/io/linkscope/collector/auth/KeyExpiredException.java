package io.linkscope.collector.auth;

import java.time.Instant;

/** A presented key exists and is not revoked, but its expiry time has passed. */
public final class KeyExpiredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyExpiredException(Instant expiredAt) {
    super(
        "The API key expired at " + expiredAt + "; an admin can create a new one.",
        null,
        false,
        false);
  }
}
