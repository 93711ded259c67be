package io.linkscope.desktop.ui;

import io.linkscope.api.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Why a call to the collector failed, sorted for the screen: a refused field is shown under that
 * field, an unanswered call as "offline", anything else as a dialog.
 *
 * @param status the collector's HTTP status, 0 when it did not answer
 * @param field the field the collector refused ({@code url}, {@code events}, {@code from}…) without
 *     its index ({@code events[2]} is {@code events}), null when the problem is not one field's
 * @param message a sentence for the user
 */
public record Problem(int status, @Nullable String field, String message) {
  private static final Pattern FIELD =
      Pattern.compile("Field '([^'\\[.]+)[^']*': (.+)", Pattern.DOTALL);

  public static final String OFFLINE =
      "The collector cannot be reached, so nothing was changed. What you typed is kept; try again"
          + " when it is back.";

  public static Problem of(Throwable failure) {
    if (failure instanceof ApiException api) {
      String message = api.error().message();
      Matcher field = FIELD.matcher(message.strip());
      if (api.status() == 400 && field.matches()) {
        String text = field.group(2).strip();
        return new Problem(
            400, field.group(1), Character.toUpperCase(text.charAt(0)) + text.substring(1));
      }
      return new Problem(api.status(), null, message);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UncheckedIOException || t instanceof IOException) {
        return new Problem(0, null, OFFLINE);
      }
    }
    return new Problem(
        -1,
        null,
        "Something went wrong on this computer: "
            + (failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : failure.getMessage())
            + ". Nothing was lost; try again.");
  }

  public boolean offline() {
    return status == 0;
  }

  public boolean notFound() {
    return status == 404;
  }
}
