package io.linkscope.desktop.workspace;

import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.Problem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import org.jspecify.annotations.Nullable;

/**
 * How the screens that show what only the collector has (webhooks, keys, the workspace's data) read
 * it and send changes to it, one way for all of them.
 */
public final class Remote {
  private Remote() {}

  /**
   * Sends a change unless changes are not possible now (then only says why, as a dialog). While it
   * runs {@code busy} is true. A refusal goes first to {@code refused}, which says whether it
   * showed it (a field's problem under the field); every other problem is a dialog titled {@code
   * failedTitle}, and a 404 (something removed meanwhile) also runs {@code gone}.
   */
  public static <T> void change(
      Workspace session,
      Notifier notifier,
      BooleanProperty busy,
      String what,
      String failedTitle,
      Callable<T> work,
      Consumer<T> done,
      Predicate<Problem> refused,
      Runnable gone) {
    if (!session.writableProperty().get()) {
      notifier.error(failedTitle, session.writeBlockedReasonProperty().get());
      return;
    }
    busy.set(true);
    session
        .background()
        .run(
            what,
            work,
            result -> {
              busy.set(false);
              done.accept(result);
            },
            failure -> {
              busy.set(false);
              Problem problem = Problem.of(failure);
              if (refused.test(problem)) {
                return;
              }
              notifier.error(failedTitle, problem.message());
              if (problem.notFound()) {
                gone.run();
              }
            });
  }

  /**
   * Why changes are not possible now, followed by {@code still} (what can be done); "" if they are.
   */
  public static StringBinding readOnlyReason(Workspace session, String still) {
    return Bindings.createStringBinding(
        () ->
            session.writableProperty().get()
                ? ""
                : session.writeBlockedReasonProperty().get() + still,
        session.writableProperty(),
        session.writeBlockedReasonProperty());
  }

  /**
   * What an unanswered read means for a screen that keeps what it showed: {@code what} ("the keys")
   * as of {@code shown}, or, when nothing was read yet ({@code shown} null), that it shows once the
   * collector answers.
   */
  public static String offline(String what, @Nullable Instant shown, ZoneId zone) {
    return shown == null
        ? "Offline: the collector cannot be reached, so "
            + what
            + " cannot be shown until it answers again."
        : "Offline: "
            + what
            + " as of "
            + Formats.dateTime(shown, zone)
            + ", updated when the collector answers again.";
  }
}
