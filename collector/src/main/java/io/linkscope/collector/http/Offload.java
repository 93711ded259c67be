package io.linkscope.collector.http;

import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves work that may block (MariaDB, reading a request body) off the thread that called a
 * non-blocking handler. The router and the redirect handler declare themselves non-blocking, so
 * Jetty runs them on the I/O (selector) thread that parsed the request, without a hand-off to
 * another thread; anything that may wait must go through here to a worker of the server's pool.
 */
public final class Offload {
  private static final Logger log = LoggerFactory.getLogger(Offload.class);

  private Offload() {}

  /** Work for a worker thread: it must complete {@code callback} or return false (404). */
  @FunctionalInterface
  public interface Work {
    boolean handle() throws Exception;
  }

  /**
   * Runs {@code handler} in place when it declares itself non-blocking, else on a worker thread.
   *
   * @return true: the request is being answered (Jetty's contract for {@link Handler#handle})
   */
  static boolean handle(Handler handler, Request request, Response response, Callback callback)
      throws Exception {
    if (handler.getInvocationType() == Invocable.InvocationType.NON_BLOCKING) {
      return handler.handle(request, response, callback);
    }
    return toWorker(request, response, callback, () -> handler.handle(request, response, callback));
  }

  /**
   * Runs {@code work} on a worker thread of the server and returns true at once. A failure of the
   * work fails the callback (Jetty answers 500 if nothing was sent yet); work that declines the
   * request (returns false) gets a 404, as the server would give it; a pool that refuses the task
   * (it is full and its queue too) gets a 503 with {@code Retry-After}.
   */
  public static boolean toWorker(Request request, Response response, Callback callback, Work work) {
    try {
      request
          .getComponents()
          .getExecutor()
          .execute(
              () -> {
                try {
                  if (!work.handle()) {
                    Response.writeError(request, response, callback, 404);
                  }
                } catch (Throwable failure) {
                  log.warn("A request failed on a worker thread: {}", failure.toString());
                  callback.failed(failure);
                }
              });
    } catch (RejectedExecutionException full) {
      log.warn("No worker thread free for a request: {}", full.toString());
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      Response.writeError(request, response, callback, 503);
    }
    return true;
  }
}
