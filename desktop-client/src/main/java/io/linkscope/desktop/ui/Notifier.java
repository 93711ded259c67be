package io.linkscope.desktop.ui;

/**
 * The app's one way to tell the user something outside the field it concerns: confirmations as
 * passing notifications, errors as dialogs. View models take a {@code Notifier} and stay free of
 * controls; the window supplies {@link FxNotifier}; a view-model test passes {@code list::add}.
 */
@FunctionalInterface
public interface Notifier {

  /** Shows {@code notice}; may be called from any thread. */
  void show(Notice notice);

  /** A passing confirmation such as "Copied" or "Saved to …". */
  default void info(String message) {
    show(Notice.info(message));
  }

  /** An error dialog: what failed ({@code title}) and why, in words the user can act on. */
  default void error(String title, String message) {
    show(Notice.error(title, message));
  }
}
