package io.linkscope.collector.tracking;

import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.http.Offload;
import java.nio.ByteBuffer;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame of a public answer that counts a visit: resolve what the path addresses, respond, and
 * hand the visit to tracking, as Shlink's tracking action does. Subclasses say how a path is read
 * and resolved and what the answer is; the frame owns the method check, where the work runs, the
 * 503 while MariaDB is down and the writers.
 *
 * <p>Non-blocking: what is in memory is answered on the I/O thread that parsed the request, with no
 * hand-off and nothing allocated by the frame. Only a lookup that must read MariaDB, a missing
 * address (its answer may read MariaDB) and an answer that says it may wait go to a worker thread
 * ({@link Offload}).
 *
 * @param <A> what a path addresses (a slug; a handle and a widget)
 * @param <T> what an address resolves to
 */
public abstract class TrackedAnswer<A, T> extends Handler.Abstract.NonBlocking {
  private static final Logger log = LoggerFactory.getLogger(TrackedAnswer.class);

  // Encoded once: these go out with every answer.
  private static final HttpField HTML =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
  private static final HttpField NO_STORE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
  private static final HttpField ALLOW = new PreEncodedHttpField(HttpHeader.ALLOW, "GET, HEAD");
  private static final HttpField RETRY_AFTER = new PreEncodedHttpField(HttpHeader.RETRY_AFTER, "5");

  private final IpRanges trustedProxies;
  private final String what;
  private final ByteBuffer notFoundPage;
  private final ByteBuffer unavailablePage;

  /**
   * @param what what an address names, for the log ("link", "bio page")
   * @param notFoundPage the page of a path that names nothing, and of a method other than GET/HEAD
   * @param unavailablePage the page of a 503 while MariaDB is down
   */
  protected TrackedAnswer(
      IpRanges trustedProxies, String what, ByteBuffer notFoundPage, ByteBuffer unavailablePage) {
    this.trustedProxies = trustedProxies;
    this.what = what;
    this.notFoundPage = notFoundPage;
    this.unavailablePage = unavailablePage;
  }

  @Override
  public final boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.getHeaders().put(ALLOW);
      return html(response, callback, 405, notFoundPage);
    }
    String path = Request.getPathInContext(request);
    if (answerUntracked(path, response, callback)) {
      return true;
    }
    A address = address(path);
    if (address == null) {
      return html(response, callback, 404, notFoundPage);
    }
    Visitor visitor = Visitor.from(request, trustedProxies);
    return switch (findInMemory(address, visitor)) {
      case Cached.Hit<T>(T found) when !mayWait(found) ->
          respond(address, found, request, response, callback, visitor);
      case Cached.Hit<T>(T found) ->
          Offload.toWorker(
              request,
              response,
              callback,
              () -> respond(address, found, request, response, callback, visitor));
      case Cached.Absent<T> absent ->
          Offload.toWorker(
              request,
              response,
              callback,
              () -> notFound(address, request, response, callback, visitor));
      // Reading MariaDB may take a while, so not on this (I/O) thread.
      case Cached.NotInMemory<T> unknown ->
          Offload.toWorker(
              request,
              response,
              callback,
              () -> lookUp(address, request, response, callback, visitor));
    };
  }

  /** The slow path, on a worker thread: the address is resolved through MariaDB. */
  private boolean lookUp(
      A address, Request request, Response response, Callback callback, Visitor visitor) {
    Optional<T> found;
    try {
      found = find(address, visitor);
    } catch (DatabaseUnavailableException e) {
      log.warn("A {} not in memory could not be looked up: {}", what, e.getMessage());
      return unavailable(response, callback);
    }
    if (found.isEmpty()) {
      return notFound(address, request, response, callback, visitor);
    }
    return respond(address, found.get(), request, response, callback, visitor);
  }

  /** Answers a path that is no address and counts nothing (a home page); false if it is none. */
  protected boolean answerUntracked(String path, Response response, Callback callback) {
    return false;
  }

  /** What {@code path} addresses, or null when it can address nothing here (a plain 404). */
  protected abstract @Nullable A address(String path);

  /** The address resolved from memory only: it must never wait. */
  protected abstract Cached<T> findInMemory(A address, Visitor visitor);

  /**
   * The address resolved, through MariaDB if need be; called on a worker thread.
   *
   * @throws DatabaseUnavailableException when MariaDB is down (the visitor gets a 503)
   */
  protected abstract Optional<T> find(A address, Visitor visitor);

  /** Whether answering {@code found} may wait (for MariaDB), so it must run on a worker thread. */
  protected boolean mayWait(T found) {
    return false;
  }

  /**
   * Builds the answer for a resolved address, hands the visit to tracking ({@code ClickCapture},
   * which never fails the answer), then writes the answer with one of the writers here. Runs on the
   * I/O thread unless {@link #mayWait} said so.
   */
  protected abstract boolean respond(
      A address, T found, Request request, Response response, Callback callback, Visitor visitor);

  /**
   * Answers an address that resolves to nothing; on a worker thread. A plain 404 unless changed.
   */
  protected boolean notFound(
      A address, Request request, Response response, Callback callback, Visitor visitor) {
    return html(response, callback, 404, notFoundPage);
  }

  /** A 503 with {@code Retry-After}: what the visitor gets while MariaDB is needed and down. */
  protected final boolean unavailable(Response response, Callback callback) {
    response.getHeaders().put(RETRY_AFTER);
    return html(response, callback, 503, unavailablePage);
  }

  /** Sends the visitor on to {@code location}, never cached so that each visit is seen. */
  protected static boolean redirect(
      Response response, Callback callback, int status, String location) {
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.LOCATION, location);
    headers.put(NO_STORE);
    headers.put(HttpFields.CONTENT_LENGTH_0);
    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    return true;
  }

  /** Writes an HTML page held in a shared read-only buffer. */
  protected static boolean html(Response response, Callback callback, int status, ByteBuffer page) {
    return write(response, callback, status, HTML, page);
  }

  /**
   * Writes {@code body} (a shared read-only buffer, of which a slice goes out), not cached.
   *
   * @param contentType null for none
   */
  protected static boolean write(
      Response response,
      Callback callback,
      int status,
      @Nullable HttpField contentType,
      ByteBuffer body) {
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    if (contentType != null) {
      headers.put(contentType);
    }
    headers.put(NO_STORE);
    headers.put(HttpHeader.CONTENT_LENGTH, body.remaining());
    response.write(true, body.slice(), callback);
    return true;
  }
}
