package io.linkscope.collector.http;

import io.linkscope.api.ApiError;
import io.linkscope.api.Json;
import io.linkscope.collector.auth.KeyExpiredException;
import io.linkscope.collector.auth.Principal;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.db.DatabaseUnavailableException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to the endpoints of the route table, checks API keys and roles, and turns
 * every failure into a JSON error. Paths that belong to no route go to the fallback handler (the
 * redirect handler), without any per-route work on that hot path.
 *
 * <p>The router is non-blocking: Jetty calls it on the I/O thread that parsed the request. It hands
 * every endpoint of the route table (they read MariaDB and request bodies) and every handler that
 * does not declare itself non-blocking to a worker thread ({@link Offload}); a non-blocking
 * fallback such as the redirect handler runs in place.
 */
public final class Router extends Handler.Abstract.NonBlocking {
  private static final Logger log = LoggerFactory.getLogger(Router.class);

  private final List<Route> routes;
  private final Set<String> firstSegments;
  private final Function<String, Optional<Principal>> authenticator;
  private final Handler fallback;
  private final List<PrefixRoute> prefixRoutes;
  private final Duration bodyTimeout;
  private final Limits limits;

  private Router(
      List<Route> routes,
      List<PrefixRoute> prefixRoutes,
      Function<String, Optional<Principal>> authenticator,
      Duration bodyTimeout,
      Limits limits,
      Handler fallback) {
    this.bodyTimeout = bodyTimeout;
    this.limits = limits;
    this.routes = List.copyOf(routes);
    this.prefixRoutes = List.copyOf(prefixRoutes);
    this.authenticator = authenticator;
    this.fallback = fallback;
    Set<String> first = new HashSet<>();
    for (Route route : routes) {
      first.add(route.segments[0]);
    }
    this.firstSegments = Set.copyOf(first);
  }

  /** Who may call a route: anyone, or an API key with at least the given role. */
  public sealed interface Access {
    Access PUBLIC = new Public();

    static Access role(Role role) {
      return new Keyed(role);
    }

    /**
     * No key needed, but each visitor (a hash of the client address) is held to the visitor rate
     * limit: public endpoints that do work per call, such as the conversion postback.
     */
    Access PUBLIC_PER_VISITOR = new PerVisitor();

    /** No key needed. */
    record Public() implements Access {}

    /** No key needed; limited per visitor. */
    record PerVisitor() implements Access {}

    /** A live key with at least {@code role}. */
    record Keyed(Role role) implements Access {}
  }

  /**
   * Starts a route table whose keyed routes find their caller with {@code authenticator}.
   *
   * @param bodyTimeout how long a request body may stop arriving before the request gets a 408
   */
  public static Builder builder(
      Function<String, Optional<Principal>> authenticator, Duration bodyTimeout) {
    return new Builder(authenticator, bodyTimeout);
  }

  /** The first path segments the routes use: no slug may take one of these. */
  Set<String> reservedFirstSegments() {
    return firstSegments;
  }

  /**
   * How long a caller must wait before its next request: {@link Duration#ZERO} to go ahead. Both
   * limits let everything through unless the route table is given others.
   *
   * @param perKey the limit of each API key, applied once the key is known
   * @param perVisitor the limit of each visitor on {@link Access#PUBLIC_PER_VISITOR} routes
   */
  public record Limits(
      Function<Principal, Duration> perKey, Function<Request, Duration> perVisitor) {
    static final Limits NONE = new Limits(principal -> Duration.ZERO, request -> Duration.ZERO);
  }

  /** The route table, for documentation and tests: "METHOD /path" per route. */
  public List<String> describe() {
    List<String> all =
        new ArrayList<>(routes.stream().map(r -> r.method + " " + r.pattern).toList());
    prefixRoutes.forEach(r -> all.add("GET /" + r.prefix() + "..."));
    return all;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    String first = firstSegment(path);
    if (!firstSegments.contains(first)) {
      for (PrefixRoute prefixRoute : prefixRoutes) {
        if (first.startsWith(prefixRoute.prefix())) {
          return Offload.handle(prefixRoute.handler(), request, response, callback);
        }
      }
      return Offload.handle(fallback, request, response, callback);
    }
    String[] segments = split(path);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Map<String, String> parameters = route.match(segments);
      if (parameters == null) {
        continue;
      }
      if (!route.method.equals(request.getMethod())
          && !(route.method.equals("GET") && request.getMethod().equals("HEAD"))) {
        allowed.add(route.method);
        continue;
      }
      return Offload.toWorker(
          request,
          response,
          callback,
          () -> {
            dispatch(route, parameters, request, response, callback);
            return true;
          });
    }
    if (!allowed.isEmpty()) {
      response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
      writeError(
          response,
          callback,
          405,
          "method_not_allowed",
          "Use " + String.join(" or ", allowed) + ".");
      return true;
    }
    if (first.equals("api")) {
      writeError(response, callback, 404, "not_found", "No API endpoint at " + path + ".");
      return true;
    }
    return Offload.handle(fallback, request, response, callback);
  }

  private void dispatch(
      Route route,
      Map<String, String> parameters,
      Request request,
      Response response,
      Callback callback) {
    try {
      @Nullable Principal principal = null;
      if (route.access instanceof Access.Keyed(Role required)) {
        principal = authenticate(request);
        refuseOverLimit(limits.perKey().apply(principal), "This API key");
        if (!principal.role().includes(required)) {
          throw new HttpError(
              403,
              "forbidden",
              "This key has the role '"
                  + principal.role().wireName()
                  + "'; this action needs '"
                  + required.wireName()
                  + "'.");
        }
      }
      if (route.access instanceof Access.PerVisitor) {
        refuseOverLimit(limits.perVisitor().apply(request), "This client");
      }
      ApiRequest apiRequest = new ApiRequest(request, parameters, principal, bodyTimeout);
      // Every route refuses a malformed query string, also one that reads no parameters.
      apiRequest.queryParameters();
      switch (route.handling) {
        case Whole(Endpoint endpoint) ->
            write(endpoint.handle(apiRequest), response, callback, true);
        case Streamed(StreamingEndpoint endpoint) ->
            stream(endpoint.prepare(apiRequest), response, callback);
        case Async(AsyncEndpoint endpoint) -> endpoint.start(apiRequest, response, callback);
      }
    } catch (Exception e) {
      fail(e, response, callback);
    }
  }

  private Principal authenticate(Request request) {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new HttpError(401, "unauthorized", "Send an API key as 'Authorization: Bearer <key>'.");
    }
    try {
      return authenticator
          .apply(header.substring(7).trim())
          .orElseThrow(
              () -> new HttpError(401, "unauthorized", "The API key is unknown or revoked."));
    } catch (KeyExpiredException e) {
      throw new HttpError(
          401, "key_expired", Objects.requireNonNullElse(e.getMessage(), "The key expired."));
    }
  }

  /** A 429 with Retry-After (whole seconds, at least 1) when {@code wait} is not zero. */
  private static void refuseOverLimit(Duration wait, String who) {
    if (wait.isZero()) {
      return;
    }
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    throw new HttpError(
            429,
            "rate_limited",
            who + " has sent too many requests; try again in " + seconds + " s.")
        .withHeader("Retry-After", Long.toString(seconds));
  }

  private static void stream(StreamingEndpoint.Stream stream, Response response, Callback callback)
      throws Exception {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, stream.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (stream.fileName() != null) {
      response
          .getHeaders()
          .put("Content-Disposition", "attachment; filename=\"" + stream.fileName() + "\"");
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      stream.writeTo(out);
    } catch (Exception e) {
      // Headers are gone already: all that can be done is to cut the response short.
      log.warn("A streamed response failed part-way: {}", e.toString());
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  private static void fail(Exception e, Response response, Callback callback) {
    switch (e) {
      case HttpError error -> {
        error.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        writeError(response, callback, error.status(), error.code(), error.message());
      }
      case Json.InvalidJsonException invalid ->
          writeError(
              response,
              callback,
              400,
              invalid.code(),
              Objects.requireNonNullElse(invalid.getMessage(), "The body is not valid JSON."));
      case HttpException jetty ->
          writeError(
              response,
              callback,
              jetty.getCode(),
              errorCode(jetty.getCode()),
              jetty.getReason() == null
                  ? HttpStatus.getMessage(jetty.getCode())
                  : jetty.getReason());
      case DatabaseUnavailableException unavailable
          when unavailable.getCause() instanceof SQLException sql ->
          failOnDatabase(sql, response, callback);
      case SQLException sql -> failOnDatabase(sql, response, callback);
      default -> internalError(e, response, callback);
    }
  }

  /**
   * Only a lost or refused connection is the database being unavailable (503, try again). A value
   * the database cannot store is the client's (400); anything else is a bug in the collector.
   */
  private static void failOnDatabase(SQLException e, Response response, Callback callback) {
    switch (Database.classify(e)) {
      case UNAVAILABLE -> databaseUnavailable(e, response, callback);
      case BAD_VALUE -> {
        log.warn("The database refused a value of an API request: {}", e.getMessage());
        writeError(
            response,
            callback,
            400,
            "invalid_value",
            "A value of the request is outside what the collector can store.");
      }
      case BUG -> internalError(e, response, callback);
    }
  }

  private static void internalError(Exception e, Response response, Callback callback) {
    log.error("Unexpected failure in an API handler", e);
    writeError(
        response,
        callback,
        500,
        "internal_error",
        "The collector failed unexpectedly; the error has been logged.");
  }

  private static void databaseUnavailable(Exception e, Response response, Callback callback) {
    log.warn("API request failed on the database: {}", e.getMessage());
    writeError(
        response,
        callback,
        503,
        "database_unavailable",
        "The database is unavailable; redirects and click capture continue. Try again shortly.");
  }

  /** The error code of a status without a more specific one: 400 is "bad_request". */
  static String errorCode(int status) {
    return HttpStatus.getMessage(status).toLowerCase(Locale.ROOT).replace(' ', '_');
  }

  /** Writes a JSON error body with the given status. */
  static void writeError(
      Response response, Callback callback, int status, String code, String message) {
    write(Reply.json(status, new ApiError(code, message)), response, callback, true);
  }

  private static void write(Reply reply, Response response, Callback callback, boolean noStore) {
    response.setStatus(reply.status());
    if (reply.contentType() != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    if (noStore) {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }
    reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  static String firstSegment(String path) {
    int start = path.startsWith("/") ? 1 : 0;
    int end = path.indexOf('/', start);
    return end < 0 ? path.substring(start) : path.substring(start, end);
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.split("/", -1);
  }

  /**
   * Paths whose first segment starts with a prefix no slug can contain (such as '@'), handed whole
   * to a handler of their own: public pages that are addressed by name, not by a fixed path.
   */
  private record PrefixRoute(String prefix, Handler handler) {}

  /**
   * What a route runs: an endpoint that replies whole, one that streams its body, or one that keeps
   * the response open and writes to it asynchronously.
   */
  private sealed interface Handling permits Whole, Streamed, Async {}

  private record Whole(Endpoint endpoint) implements Handling {}

  private record Streamed(StreamingEndpoint endpoint) implements Handling {}

  private record Async(AsyncEndpoint endpoint) implements Handling {}

  private static final class Route {
    final String method;
    final String pattern;
    final String[] segments;
    final Access access;
    final Handling handling;

    Route(String method, String pattern, Access access, Handling handling) {
      this.method = method;
      this.pattern = pattern;
      this.segments = split(pattern);
      this.access = access;
      this.handling = handling;
    }

    @Nullable Map<String, String> match(String[] path) {
      if (path.length != segments.length) {
        return null;
      }
      @Nullable Map<String, String> parameters = null;
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (path[i].isEmpty()) {
            return null;
          }
          if (parameters == null) {
            parameters = new LinkedHashMap<>();
          }
          parameters.put(segment.substring(1, segment.length() - 1), path[i]);
        } else if (!segment.equals(path[i])) {
          return null;
        }
      }
      return parameters == null ? Map.of() : parameters;
    }
  }

  /** Collects the route table; see {@code CollectorRoutes}. */
  public static final class Builder {
    private final Function<String, Optional<Principal>> authenticator;
    private final Duration bodyTimeout;
    private final List<Route> routes = new ArrayList<>();
    private final List<PrefixRoute> prefixRoutes = new ArrayList<>();
    private Limits limits = Limits.NONE;

    private Builder(Function<String, Optional<Principal>> authenticator, Duration bodyTimeout) {
      this.authenticator = authenticator;
      this.bodyTimeout = bodyTimeout;
    }

    public Builder get(String path, Access access, Endpoint endpoint) {
      return add("GET", path, access, endpoint);
    }

    public Builder post(String path, Access access, Endpoint endpoint) {
      return add("POST", path, access, endpoint);
    }

    public Builder put(String path, Access access, Endpoint endpoint) {
      return add("PUT", path, access, endpoint);
    }

    public Builder patch(String path, Access access, Endpoint endpoint) {
      return add("PATCH", path, access, endpoint);
    }

    public Builder delete(String path, Access access, Endpoint endpoint) {
      return add("DELETE", path, access, endpoint);
    }

    public Builder stream(String path, Access access, StreamingEndpoint endpoint) {
      routes.add(new Route("GET", path, access, new Streamed(endpoint)));
      return this;
    }

    /** A GET route whose response stays open and is written asynchronously (event streams). */
    public Builder events(String path, Access access, AsyncEndpoint endpoint) {
      routes.add(new Route("GET", path, access, new Async(endpoint)));
      return this;
    }

    private Builder add(String method, String path, Access access, Endpoint endpoint) {
      routes.add(new Route(method, path, access, new Whole(endpoint)));
      return this;
    }

    /**
     * Sends every path whose first segment starts with {@code prefix} to {@code handler}, which
     * answers it whole (public, no key). The prefix must be a character slugs cannot contain.
     */
    public Builder prefix(String prefix, Handler handler) {
      prefixRoutes.add(new PrefixRoute(prefix, handler));
      return this;
    }

    /** Holds API keys and visitors to {@code limits} (by default, nobody is limited). */
    public Builder limits(Limits limits) {
      this.limits = limits;
      return this;
    }

    public Router fallback(Handler fallback) {
      return new Router(routes, prefixRoutes, authenticator, bodyTimeout, limits, fallback);
    }
  }
}
