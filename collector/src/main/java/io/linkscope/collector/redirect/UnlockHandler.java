package io.linkscope.collector.redirect;

import io.linkscope.collector.click.ClickCapture;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.http.MessagePage;
import io.linkscope.collector.http.Offload;
import io.linkscope.collector.link.Link;
import io.linkscope.collector.link.LinkCache;
import io.linkscope.collector.ops.Metrics;
import io.linkscope.collector.password.PasswordForm;
import io.linkscope.collector.password.Passwords;
import io.linkscope.collector.password.UnlockAttempts;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the password form of a link ({@code POST /<slug>}), on a worker thread since the hash is
 * slow on purpose: a visitor who has used up the tries gets a 429 without any hashing, a wrong
 * password the form again (403), the right one the link's answer, its click counted then and only
 * then.
 */
public final class UnlockHandler extends Handler.Abstract.NonBlocking {
  private static final Logger log = LoggerFactory.getLogger(UnlockHandler.class);
  private static final int MAX_FORM_BYTES = 4096;
  private static final ByteBuffer NOT_FOUND_PAGE =
      MessagePage.of(
          "Link not found", "There is no link at this address. Check the spelling of the link.");
  private static final ByteBuffer UNAVAILABLE_PAGE =
      MessagePage.of(
          "Temporarily unavailable", "This link cannot be opened right now. Try again shortly.");

  private final LinkCache links;
  private final ClickCapture capture;
  private final IpRanges trustedProxies;
  private final UnlockAttempts attempts;
  private final RedirectHandler redirects;
  private final Metrics.Counter checked;
  private final Metrics.Counter refused;
  private final Metrics.Counter throttled;

  public UnlockHandler(
      LinkCache links,
      ClickCapture capture,
      IpRanges trustedProxies,
      UnlockAttempts attempts,
      RedirectHandler redirects,
      Metrics metrics) {
    this.links = links;
    this.capture = capture;
    this.trustedProxies = trustedProxies;
    this.attempts = attempts;
    this.redirects = redirects;
    this.checked =
        metrics.counter(
            "linkscope_link_passwords_checked_total", "Passwords of password links hashed.");
    this.refused =
        metrics.counter(
            "linkscope_link_passwords_wrong_total", "Wrong passwords typed into password links.");
    this.throttled =
        metrics.counter(
            "linkscope_link_passwords_throttled_total",
            "Password tries refused unchecked: the visitor had used up the tries for the link.");
  }

  /** Sends POST to the password check and every other method to {@code redirects}. */
  public static Handler routing(RedirectHandler redirects, UnlockHandler unlock) {
    return new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        if (request.getMethod().equals("POST")) {
          return unlock.handle(request, response, callback);
        }
        return redirects.handle(request, response, callback);
      }
    };
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    return Offload.toWorker(request, response, callback, () -> unlock(request, response, callback));
  }

  private boolean unlock(Request request, Response response, Callback callback) {
    String slug = Request.getPathInContext(request).substring(1);
    Visitor visitor = Visitor.from(request, trustedProxies);
    Optional<LinkCache.Entry> found;
    try {
      found = links.find(visitor.host(), slug);
    } catch (DatabaseUnavailableException e) {
      log.warn("A password link not in memory could not be looked up: {}", e.getMessage());
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
      return page(response, callback, 503, UNAVAILABLE_PAGE);
    }
    if (found.isEmpty()) {
      return page(response, callback, 404, NOT_FOUND_PAGE);
    }
    LinkCache.Entry entry = found.get();
    Link link = entry.link();
    String hash = link.passwordHash();
    if (hash == null) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      return page(response, callback, 405, NOT_FOUND_PAGE);
    }
    String password = password(request);
    RedirectHandler.gatePageHeaders(response);
    Duration wait =
        attempts.tryAttempt(capture.visitorKey(link.workspaceId(), visitor) + "/" + link.id());
    if (!wait.isZero()) {
      throttled.increment();
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Math.max(1, wait.toSeconds()));
      return page(response, callback, 429, PasswordForm.throttled(wait));
    }
    if (password != null) {
      checked.increment();
    }
    if (password == null || !Passwords.verify(password, hash)) {
      refused.increment();
      return page(response, callback, 403, PasswordForm.wrong());
    }
    return redirects.proceed(entry, request, response, callback, visitor);
  }

  /** The form's password, or null when the body is no form with one (or too large). */
  private static @org.jspecify.annotations.Nullable String password(Request request) {
    try {
      Fields fields = FormFields.getFields(request, 4, MAX_FORM_BYTES);
      Fields.Field field = fields.get("password");
      return field == null ? null : field.getValue();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean page(Response response, Callback callback, int status, ByteBuffer body) {
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put(HttpHeader.CONTENT_LENGTH, body.remaining());
    response.write(true, body.slice(), callback);
    return true;
  }
}
