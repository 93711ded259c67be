package io.linkscope.desktop.ui;

import java.util.Objects;

/**
 * One thing to tell the user: a short confirmation ("Copied", "Saved to …") shown for a few
 * seconds, or an error shown as a dialog until it is dismissed.
 *
 * @param level how it is shown
 * @param title the dialog's heading; for a confirmation, empty
 * @param message what happened and, for an error, what to do about it
 */
public record Notice(Level level, String title, String message) {

  /** How a notice is shown. */
  public enum Level {
    /** A passing confirmation, hidden after a few seconds. */
    INFO,
    /** Something the user asked for failed: a dialog that stays until it is dismissed. */
    ERROR
  }

  public Notice {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(message, "message");
  }

  public static Notice info(String message) {
    return new Notice(Level.INFO, "", message);
  }

  public static Notice error(String title, String message) {
    return new Notice(Level.ERROR, title, message);
  }
}
