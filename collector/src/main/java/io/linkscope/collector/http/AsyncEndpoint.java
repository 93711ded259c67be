package io.linkscope.collector.http;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An endpoint that keeps its response open and writes to it as things happen (Server-Sent Events),
 * with Jetty's asynchronous writes, so that an open response holds no thread while it waits.
 */
@FunctionalInterface
public interface AsyncEndpoint {
  /**
   * Checks the request, throwing {@link HttpError} before anything is written, then takes the
   * response over and returns at once; it completes {@code callback} when the response ends.
   */
  void start(ApiRequest request, Response response, Callback callback) throws Exception;
}
