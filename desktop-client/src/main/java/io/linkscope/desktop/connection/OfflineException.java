package io.linkscope.desktop.connection;

/** A change was refused because the collector cannot be reached; nothing was sent or lost. */
public final class OfflineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OfflineException(String message) {
    super(message);
  }
}
