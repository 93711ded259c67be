package io.linkscope.collector.redirect;

import io.linkscope.api.gate.DeepLinks;
import io.linkscope.collector.click.ClickCapture;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.conversion.ClickIds;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.deeplink.DeepLinkAnswer;
import io.linkscope.collector.deeplink.GatePage;
import io.linkscope.collector.http.MessagePage;
import io.linkscope.collector.link.Link;
import io.linkscope.collector.link.LinkCache;
import io.linkscope.collector.link.TargetUrl;
import io.linkscope.collector.ops.Metrics;
import io.linkscope.collector.password.PasswordForm;
import io.linkscope.collector.routing.Decision;
import io.linkscope.collector.routing.RouteVisit;
import io.linkscope.collector.tracking.TrackedAnswer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /<slug>}: resolves the link from memory, journals the click, then redirects. The
 * answer never waits for User-Agent parsing or MariaDB (only a first-time cache miss reads it).
 *
 * <p>With the link in memory the whole answer (address hash, GeoIP lookup from memory, one journal
 * {@code write(2)} into the page cache) runs on the I/O thread that parsed the request; a link not
 * in memory yet, a link with a click limit and unknown paths (which may need MariaDB) are answered
 * on a worker thread (see {@link TrackedAnswer}).
 */
public final class RedirectHandler extends TrackedAnswer<String, LinkCache.Entry> {
  private static final Logger log = LoggerFactory.getLogger(RedirectHandler.class);

  private static final ByteBuffer NOT_FOUND_PAGE =
      MessagePage.of(
          "Link not found", "There is no link at this address. Check the spelling of the link.");
  private static final ByteBuffer EXPIRED_PAGE =
      MessagePage.of("Link not available", "This link is not active right now.");
  private static final ByteBuffer UNAVAILABLE_PAGE =
      MessagePage.of(
          "Temporarily unavailable", "This link cannot be opened right now. Try again shortly.");
  private static final ByteBuffer HOME_PAGE =
      MessagePage.of("Linkscope", "This server answers short links.");
  private static final ByteBuffer ROBOTS =
      BufferUtil.toBuffer("User-agent: *\nAllow: /\n", StandardCharsets.UTF_8);
  private static final HttpField TEXT =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");

  private final LinkCache links;
  private final ClickCapture capture;
  private final @Nullable String notFoundRedirect;
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
      @Nullable String notFoundRedirect,
      Clock clock,
      Metrics metrics) {
    super(trustedProxies, "link", NOT_FOUND_PAGE, UNAVAILABLE_PAGE);
    this.links = links;
    this.capture = capture;
    this.notFoundRedirect = notFoundRedirect;
    this.clock = clock;
    this.redirects =
        metrics.counter("linkscope_redirects_total", "Redirects answered to a link's target.");
    this.notFound =
        metrics.counter("linkscope_not_found_total", "Requests for unknown slugs (orphan visits).");
  }

  @Override
  protected boolean answerUntracked(String path, Response response, Callback callback) {
    return switch (path) {
      case "/" -> html(response, callback, 200, HOME_PAGE);
      case "/robots.txt" -> write(response, callback, 200, TEXT, ROBOTS);
      case "/favicon.ico" -> write(response, callback, 404, null, BufferUtil.EMPTY_BUFFER);
      default -> false;
    };
  }

  /** The slug; a path with more segments can be no slug and resolves to nothing (an orphan). */
  @Override
  protected String address(String path) {
    return path.substring(1);
  }

  @Override
  protected Cached<LinkCache.Entry> findInMemory(String slug, Visitor visitor) {
    return links.findInMemory(visitor.host(), slug);
  }

  @Override
  protected Optional<LinkCache.Entry> find(String slug, Visitor visitor) {
    return links.find(visitor.host(), slug);
  }

  /**
   * A capped link counts its clicks in MariaDB; a deep link may meet a User-Agent not analysed yet.
   */
  @Override
  protected boolean mayWait(LinkCache.Entry entry) {
    return entry.link().maxClicks() != null || entry.link().deepLinks() != null;
  }

  /**
   * Journals the click and redirects. Nothing here waits for MariaDB, except a human's visit to a
   * link with a click limit (on a worker thread), which is counted there first.
   */
  @Override
  protected boolean respond(
      String slug,
      LinkCache.Entry entry,
      Request request,
      Response response,
      Callback callback,
      Visitor visitor) {
    Link link = entry.link();
    if (link.passwordHash() != null) {
      return passwordForm(entry, response, callback);
    }
    return proceed(entry, request, response, callback, visitor);
  }

  /**
   * The form of a password link; nothing is counted until the right password ({@link
   * UnlockHandler}). A link that is not active answers as it would without a password.
   */
  private boolean passwordForm(LinkCache.Entry entry, Response response, Callback callback) {
    Link link = entry.link();
    if (link.availability(clock.instant(), entry.clicks().get()) != Link.Availability.ACTIVE) {
      return inactive(link, response, callback);
    }
    gatePageHeaders(response);
    return html(response, callback, 200, PasswordForm.empty());
  }

  static void gatePageHeaders(Response response) {
    response.getHeaders().put(GatePage.CSP);
    response.getHeaders().put(GatePage.NOSNIFF);
    response.getHeaders().put(GatePage.NO_REFERRER);
  }

  private boolean inactive(Link link, Response response, Callback callback) {
    if (link.fallbackUrl() != null) {
      return redirect(response, callback, 302, link.fallbackUrl());
    }
    return html(response, callback, 404, EXPIRED_PAGE);
  }

  /**
   * Counts the click and sends the visitor on: to the target, or for a deep link to the app (or a
   * page offering it). The answer to a password form (a POST) is a 303, so the browser follows it
   * with a GET.
   */
  boolean proceed(
      LinkCache.Entry entry,
      Request request,
      Response response,
      Callback callback,
      Visitor visitor) {
    Link link = entry.link();
    Link.Availability availability = link.availability(clock.instant(), entry.clicks().get());
    if (availability == Link.Availability.ACTIVE
        && link.maxClicks() != null
        && capture.countsAsHuman(request.getMethod(), visitor)) {
      try {
        if (!links.admitClick(entry)) {
          availability = Link.Availability.CLICK_LIMIT_REACHED;
        }
      } catch (DatabaseUnavailableException e) {
        // Without MariaDB the count is unknown: refusing is safer than letting the limit be passed.
        log.warn("A link with a click limit could not count a click: {}", e.getMessage());
        return unavailable(response, callback);
      }
    }
    if (availability != Link.Availability.ACTIVE) {
      return inactive(link, response, callback);
    }
    if (!entry.route().isPlain()) {
      return routed(entry, request, response, callback, visitor);
    }
    String location = location(entry, visitor.query());
    // Conversion tracking: the destination gets the id the click is stored under (none: null).
    String clickIdParam = link.clickIdParam();
    UUID clickId = clickIdParam == null ? null : capture.newClickId();
    location = withClickId(location, clickIdParam, clickId);
    capture.capture(
        request.getMethod(),
        visitor,
        ClickTarget.link(link.workspaceId(), link.id(), entry.target().utmQuery()),
        clickId);
    redirects.increment();
    int status = request.getMethod().equals("POST") ? 303 : link.redirectType();
    return toTarget(link, response, callback, status, location, visitor);
  }

  /**
   * Sends a visit on to the link's own target at {@code location}: for a link with deep links to
   * the app (or a page offering it), else by a plain redirect. Routed links answer here too when
   * their route picks the target; a rule's or variant's URL is another page, which the app
   * destinations do not stand for, so it gets a plain redirect.
   */
  private boolean toTarget(
      Link link,
      Response response,
      Callback callback,
      int status,
      String location,
      Visitor visitor) {
    DeepLinks deepLinks = link.deepLinks();
    if (deepLinks == null) {
      return redirect(response, callback, status, location);
    }
    DeepLinkAnswer.Decision decision =
        DeepLinkAnswer.decide(deepLinks, capture.device(visitor), location);
    if (decision.page() != null) {
      gatePageHeaders(response);
      return html(response, callback, 200, decision.page());
    }
    // An app address may change with the app: never cached permanently.
    return redirect(
        response,
        callback,
        status == 301 ? 302 : status,
        Objects.requireNonNull(decision.location()));
  }

  /**
   * A link with routing rules or variants: its compiled route decides from the visitor and what
   * capture computes anyway (GeoIP answer, the day's visitor hash, the cached device), which the
   * click is then journaled with, so nothing is looked up twice. The click records the rule or
   * variant that served it and the URL it was sent to (without the visitor's query). A visit the
   * route sends to the link's own target gets the link's deep links, as a plain link's does.
   */
  private boolean routed(
      LinkCache.Entry entry,
      Request request,
      Response response,
      Callback callback,
      Visitor visitor) {
    Link link = entry.link();
    ClickCapture.Sight sight = capture.sight(link.workspaceId(), visitor);
    Decision decision =
        entry
            .route()
            .decide(
                new RouteVisit(
                    visitor, sight.geo(), sight.ipHash(), sight.epochMillis(), capture::device));
    String key = decision.key();
    // A permanent redirect would be cached by browsers, and the next visit never decided again.
    // After a password form's POST, a 303: a 307 would send the password on to the destination.
    int type =
        request.getMethod().equals("POST")
            ? 303
            : switch (link.redirectType()) {
              case 301 -> 302;
              case 308 -> 307;
              default -> link.redirectType();
            };
    // Conversion tracking: a sent visitor's destination carries the id the click is stored under.
    String clickIdParam = link.clickIdParam();
    UUID clickId = clickIdParam == null ? null : capture.newClickId();
    if (key == null) {
      capture.capture(
          request.getMethod(),
          visitor,
          ClickTarget.link(link.workspaceId(), link.id(), entry.target().utmQuery()),
          sight,
          clickId);
      redirects.increment();
      return toTarget(
          link,
          response,
          callback,
          type,
          withClickId(location(entry, visitor.query()), clickIdParam, clickId),
          visitor);
    }
    return switch (decision.kind()) {
      case REDIRECT -> {
        TargetUrl target = entry.destination(Objects.requireNonNull(decision.url()));
        String location =
            link.forwardQuery() && !visitor.query().isEmpty()
                ? target.withQuery(visitor.query())
                : target.url();
        capture.capture(
            request.getMethod(),
            visitor,
            ClickTarget.routed(link.workspaceId(), link.id(), target.utmQuery(), key, target.url()),
            sight,
            clickId);
        redirects.increment();
        yield redirect(response, callback, type, withClickId(location, clickIdParam, clickId));
      }
      case FALLBACK -> {
        String fallback = link.fallbackUrl();
        capture.capture(
            request.getMethod(),
            visitor,
            ClickTarget.routed(
                link.workspaceId(), link.id(), "", key, fallback == null ? "" : fallback),
            sight);
        yield fallback == null
            ? html(response, callback, 404, EXPIRED_PAGE)
            : redirect(response, callback, 302, fallback);
      }
      case NOT_FOUND -> {
        capture.capture(
            request.getMethod(),
            visitor,
            ClickTarget.routed(link.workspaceId(), link.id(), "", key, ""),
            sight);
        yield html(response, callback, 404, NOT_FOUND_PAGE);
      }
    };
  }

  private static String withClickId(
      String location, @Nullable String clickIdParam, @Nullable UUID clickId) {
    return clickIdParam == null || clickId == null
        ? location
        : ClickIds.append(location, clickIdParam, clickId);
  }

  /** An orphan visit: recorded for the domain's workspace, then the 404 page or the set address. */
  @Override
  protected boolean notFound(
      String slug, Request request, Response response, Callback callback, Visitor visitor) {
    notFound.increment();
    long owner;
    try {
      owner = links.domainOwner(visitor.host());
    } catch (DatabaseUnavailableException e) {
      owner = 0;
    }
    capture.capture(
        request.getMethod(), visitor, ClickTarget.orphan(owner, Request.getPathInContext(request)));
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
}
