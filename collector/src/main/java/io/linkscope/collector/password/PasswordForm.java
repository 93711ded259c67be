package io.linkscope.collector.password;

import io.linkscope.collector.deeplink.GatePage;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The page of a password link: a form that posts the password back to the link's own address. It
 * names nothing of the link (not its target, not its title), so nothing leaks before the right
 * password.
 */
public final class PasswordForm {
  private static final ByteBuffer EMPTY = page("");
  private static final ByteBuffer WRONG = page("Wrong password. Check it and try again.");

  private PasswordForm() {}

  /** The form as first shown. */
  public static ByteBuffer empty() {
    return EMPTY;
  }

  /** The form again after a wrong password. */
  public static ByteBuffer wrong() {
    return WRONG;
  }

  /** The form after too many wrong passwords, saying how long to wait. */
  public static ByteBuffer throttled(Duration wait) {
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return page(
        "Too many wrong passwords. Try again in "
            + minutes
            + (minutes == 1 ? " minute." : " minutes."));
  }

  private static ByteBuffer page(String error) {
    String errorHtml =
        error.isEmpty()
            ? ""
            : "<p class=\"error\" id=\"error\" role=\"alert\">" + GatePage.escape(error) + "</p>";
    return GatePage.of(
        "Password required",
        "<h1>This link is protected</h1>"
            + "<p>Type the password you were given to open it.</p>"
            + "<form method=\"post\" autocomplete=\"off\">"
            + "<label for=\"password\">Password</label>"
            + "<input id=\"password\" name=\"password\" type=\"password\" required autofocus"
            + " maxlength=\""
            + Passwords.MAX_LENGTH
            + "\""
            + (error.isEmpty() ? "" : " aria-describedby=\"error\"")
            + ">"
            + errorHtml
            + "<button type=\"submit\">Continue</button></form>");
  }
}
