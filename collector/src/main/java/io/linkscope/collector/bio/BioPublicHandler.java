package io.linkscope.collector.bio;

import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.click.ClickCapture;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.http.MessagePage;
import io.linkscope.collector.ops.Metrics;
import io.linkscope.collector.tracking.TrackedAnswer;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Serves published bio pages at {@code /@handle} and the tracking redirect of their widgets at
 * {@code /@handle/w/<widget id>} (and {@code /<icon index>} for a social row). The visit is
 * journaled before the answer goes out, exactly like a short-link click; HEAD is not tracked. A
 * page in memory is served on the I/O thread (see {@link TrackedAnswer}).
 */
public final class BioPublicHandler
    extends TrackedAnswer<BioPublicHandler.Address, BioPageCache.Published> {
  /**
   * No script may run at all, styles only inline, images from anywhere the owner chose, frames only
   * from the two video players: a second line of defence behind escaping.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; frame-src"
          + " https://www.youtube-nocookie.com https://player.vimeo.com; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'";

  // Headers of every page view, encoded once: the page is served from memory on each request.
  private static final HttpField CSP =
      new PreEncodedHttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  private static final HttpField NOSNIFF =
      new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
  private static final HttpField REFERRER_POLICY =
      new PreEncodedHttpField("Referrer-Policy", "strict-origin-when-cross-origin");

  private static final ByteBuffer NOT_FOUND_PAGE =
      MessagePage.of(
          "Page not found", "There is no page at this address. Check the spelling of the link.");
  private static final ByteBuffer UNAVAILABLE_PAGE =
      MessagePage.of(
          "Temporarily unavailable", "This page cannot be opened right now. Try again shortly.");

  private final BioPageCache pages;
  private final ClickCapture capture;
  private final Metrics.Counter views;
  private final Metrics.Counter taps;

  /**
   * A page's address: the page itself, or a widget's tap (with the index of a social row's icon).
   *
   * @param widgetId null for the page itself
   * @param icon null for the widget itself
   */
  record Address(String handle, @Nullable String widgetId, @Nullable String icon) {}

  public BioPublicHandler(
      BioPageCache pages, ClickCapture capture, IpRanges trustedProxies, Metrics metrics) {
    super(trustedProxies, "bio page", NOT_FOUND_PAGE, UNAVAILABLE_PAGE);
    this.pages = pages;
    this.capture = capture;
    this.views = metrics.counter("linkscope_bio_page_views_total", "Bio pages served.");
    this.taps = metrics.counter("linkscope_bio_widget_taps_total", "Bio widget taps redirected.");
  }

  /** "/@handle", "/@handle/", "/@handle/w/<id>" or "/@handle/w/<id>/<icon>"; null for others. */
  @Override
  protected @Nullable Address address(String path) {
    String[] parts = path.substring(2).split("/", -1);
    String handle = parts[0].toLowerCase(Locale.ROOT);
    boolean pageView = parts.length == 1 || (parts.length == 2 && parts[1].isEmpty());
    boolean tap = (parts.length == 3 || parts.length == 4) && parts[1].equals("w");
    if (!BioRules.isHandle(handle) || (!pageView && !tap)) {
      return null;
    }
    return pageView
        ? new Address(handle, null, null)
        : new Address(handle, parts[2], parts.length == 4 ? parts[3] : null);
  }

  @Override
  protected Cached<BioPageCache.Published> findInMemory(Address address, Visitor visitor) {
    return pages.findInMemory(visitor.host(), address.handle());
  }

  @Override
  protected Optional<BioPageCache.Published> find(Address address, Visitor visitor) {
    return pages.find(visitor.host(), address.handle());
  }

  @Override
  protected boolean respond(
      Address address,
      BioPageCache.Published published,
      Request request,
      Response response,
      Callback callback,
      Visitor visitor) {
    String widgetId = address.widgetId();
    if (widgetId == null) {
      capture.capture(
          request.getMethod(),
          visitor,
          ClickTarget.pageView(published.workspaceId(), published.pageId()));
      views.increment();
      response.getHeaders().put(CSP);
      response.getHeaders().put(NOSNIFF);
      response.getHeaders().put(REFERRER_POLICY);
      return html(response, callback, 200, published.html());
    }
    Optional<Tap> target = tap(published, widgetId, address.icon());
    if (target.isEmpty()) {
      return html(response, callback, 404, NOT_FOUND_PAGE);
    }
    BioWidgetView widget = target.get().widget();
    capture.capture(
        request.getMethod(),
        visitor,
        ClickTarget.widgetTap(
            published.workspaceId(),
            published.pageId(),
            widget.id(),
            widget.type(),
            target.get().title()));
    taps.increment();
    return redirect(response, callback, 302, target.get().url());
  }

  /** Where a tap goes and the title it is recorded with. */
  private record Tap(BioWidgetView widget, String url, String title) {}

  private static Optional<Tap> tap(
      BioPageCache.Published page, String widgetId, @Nullable String icon) {
    BioWidgetView widget;
    try {
      widget = page.widgets().get(Long.parseLong(widgetId));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (widget == null) {
      return Optional.empty();
    }
    if (icon == null) {
      return widget.url().isEmpty() || widget.type().equals("video")
          ? Optional.empty()
          : Optional.of(new Tap(widget, widget.url(), widget.title()));
    }
    int index;
    try {
      index = Integer.parseInt(icon);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (index < 0 || index >= widget.icons().size()) {
      return Optional.empty();
    }
    BioSocialIcon chosen = widget.icons().get(index);
    return Optional.of(new Tap(widget, chosen.url(), BioRules.platformName(chosen.platform())));
  }
}
