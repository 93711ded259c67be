package io.linkscope.desktop.store;

import org.jspecify.annotations.Nullable;

/** The local SQLite store failed (disk full, file locked, corrupt). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
