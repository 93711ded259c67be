package io.linkscope.desktop.store;

/** The local SQLite store failed (disk full, file locked, corrupt). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
