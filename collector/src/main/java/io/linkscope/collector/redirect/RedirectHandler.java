package io.linkscope.collector.redirect;

import io.linkscope.collector.click.ClickCapture;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.http.MessagePage;
import io.linkscope.collector.http.Offload;
import io.linkscope.collector.link.Link;
import io.linkscope.collector.link.LinkCache;
import io.linkscope.collector.ops.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /<slug>}: resolves the link from memory, journals the click, then redirects. The
 * answer never waits for User-Agent parsing or MariaDB (only a first-time cache miss reads it).
 *
 * <p>Non-blocking: with the link in memory the whole answer (address hash, GeoIP lookup from
 * memory, one journal {@code write(2)} into the page cache) runs on the I/O thread that parsed the
 * request, with no hand-off to another thread. A link not in memory yet and unknown paths (which
 * may need MariaDB) are answered on a worker thread ({@link Offload}).
 */
public final class RedirectHandler extends Handler.Abstract.NonBlocking {
  private static final Logger log = LoggerFactory.getLogger(RedirectHandler.class);
  private static final HttpField NO_STORE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

  private static final ByteBuffer NOT_FOUND_PAGE =
      page("Link not found", "There is no link at this address. Check the spelling of the link.");
  private static final ByteBuffer EXPIRED_PAGE =
      page("Link not available", "This link is not active right now.");
  private static final ByteBuffer UNAVAILABLE_PAGE =
      page("Temporarily unavailable", "This link cannot be opened right now. Try again shortly.");
  private static final ByteBuffer HOME_PAGE = page("Linkscope", "This server answers short links.");
  private static final ByteBuffer ROBOTS =
      BufferUtil.toBuffer("User-agent: *\nAllow: /\n", StandardCharsets.UTF_8);

  private final LinkCache links;
  private final ClickCapture capture;
  private final IpRanges trustedProxies;
  private final String notFoundRedirect;
  private final Clock clock;
  private final Metrics.Counter redirects;
  private final Metrics.Counter notFound;

  /**
   * @param notFoundRedirect where unknown slugs are sent instead of the 404 page, or null
   */
  public RedirectHandler(
      LinkCache links,
      ClickCapture capture,
      IpRanges trustedProxies,
      String notFoundRedirect,
      Clock clock,
      Metrics metrics) {
    this.links = links;
    this.capture = capture;
    this.trustedProxies = trustedProxies;
    this.notFoundRedirect = notFoundRedirect;
    this.clock = clock;
    this.redirects =
        metrics.counter("linkscope_redirects_total", "Redirects answered to a link's target.");
    this.notFound =
        metrics.counter("linkscope_not_found_total", "Requests for unknown slugs (orphan visits).");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false;
    }
    String path = Request.getPathInContext(request);
    switch (path) {
      case "/" -> {
        return html(response, callback, 200, HOME_PAGE);
      }
      case "/robots.txt" -> {
        return write(response, callback, 200, "text/plain; charset=utf-8", ROBOTS);
      }
      case "/favicon.ico" -> {
        return write(response, callback, 404, null, BufferUtil.EMPTY_BUFFER);
      }
      default -> {}
    }
    String slug = path.substring(1);
    Visitor visitor = Visitor.from(request, trustedProxies);
    if (slug.indexOf('/') >= 0) {
      return Offload.toWorker(
          request, response, callback, () -> orphan(request, response, callback, visitor, path));
    }
    return switch (links.findInMemory(visitor.host(), slug)) {
      // Not in memory: reading MariaDB may take a while, so not on this (I/O) thread.
      case Cached.NotInMemory<LinkCache.Entry> unknown ->
          Offload.toWorker(
              request,
              response,
              callback,
              () -> lookUp(request, response, callback, visitor, slug));
      case Cached.Absent<LinkCache.Entry> absent ->
          Offload.toWorker(
              request,
              response,
              callback,
              () -> orphan(request, response, callback, visitor, path));
      // A capped link counts its clicks in MariaDB: not on this (I/O) thread.
      case Cached.Hit<LinkCache.Entry>(LinkCache.Entry entry)
          when entry.link().maxClicks() != null ->
          Offload.toWorker(
              request,
              response,
              callback,
              () -> answer(entry, method, response, callback, visitor));
      case Cached.Hit<LinkCache.Entry>(LinkCache.Entry entry) ->
          answer(entry, method, response, callback, visitor);
    };
  }

  /** The slow path, on a worker thread: the link is read from MariaDB into the cache. */
  private boolean lookUp(
      Request request, Response response, Callback callback, Visitor visitor, String slug) {
    Optional<LinkCache.Entry> entry;
    try {
      entry = links.find(visitor.host(), slug);
    } catch (DatabaseUnavailableException e) {
      log.warn("A link not in memory could not be looked up: {}", e.getMessage());
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
      return html(response, callback, 503, UNAVAILABLE_PAGE);
    }
    if (entry.isEmpty()) {
      return orphan(request, response, callback, visitor, Request.getPathInContext(request));
    }
    return answer(entry.get(), request.getMethod(), response, callback, visitor);
  }

  /**
   * Journals the click and redirects. Nothing here waits for MariaDB, except a human's visit to a
   * link with a click limit (on a worker thread), which is counted there first.
   */
  private boolean answer(
      LinkCache.Entry entry, String method, Response response, Callback callback, Visitor visitor) {
    Link link = entry.link();
    Link.Availability availability = link.availability(clock.instant(), entry.clicks().get());
    if (availability == Link.Availability.ACTIVE
        && link.maxClicks() != null
        && capture.countsAsHuman(method, visitor)) {
      try {
        if (!links.admitClick(entry)) {
          availability = Link.Availability.CLICK_LIMIT_REACHED;
        }
      } catch (DatabaseUnavailableException e) {
        // Without MariaDB the count is unknown: refusing is safer than letting the limit be passed.
        log.warn("A link with a click limit could not count a click: {}", e.getMessage());
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        return html(response, callback, 503, UNAVAILABLE_PAGE);
      }
    }
    if (availability != Link.Availability.ACTIVE) {
      if (link.fallbackUrl() != null) {
        return redirect(response, callback, 302, link.fallbackUrl());
      }
      return html(response, callback, 404, EXPIRED_PAGE);
    }
    capture.capture(
        method,
        visitor,
        ClickTarget.link(link.workspaceId(), link.id(), entry.target().utmQuery()));
    redirects.increment();
    return redirect(response, callback, link.redirectType(), location(entry, visitor.query()));
  }

  private boolean orphan(
      Request request, Response response, Callback callback, Visitor visitor, String path) {
    notFound.increment();
    long owner;
    try {
      owner = links.domainOwner(visitor.host());
    } catch (DatabaseUnavailableException e) {
      owner = 0;
    }
    capture.capture(request.getMethod(), visitor, ClickTarget.orphan(owner, path));
    if (notFoundRedirect != null) {
      return redirect(response, callback, 302, notFoundRedirect);
    }
    return html(response, callback, 404, NOT_FOUND_PAGE);
  }

  static String location(LinkCache.Entry entry, String query) {
    if (!entry.link().forwardQuery() || query.isEmpty()) {
      return entry.link().targetUrl();
    }
    return entry.target().withQuery(query);
  }

  private static boolean redirect(
      Response response, Callback callback, int status, String location) {
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.LOCATION, location);
    headers.put(NO_STORE);
    headers.put(HttpFields.CONTENT_LENGTH_0);
    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    return true;
  }

  private static boolean html(Response response, Callback callback, int status, ByteBuffer page) {
    return write(response, callback, status, "text/html; charset=utf-8", page);
  }

  private static boolean write(
      Response response, Callback callback, int status, String contentType, ByteBuffer body) {
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
    response.write(true, body.slice(), callback);
    return true;
  }

  private static ByteBuffer page(String title, String text) {
    return MessagePage.of(title, text);
  }
}
