package io.linkscope.collector.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests Jetty refuses before the router sees them (a path or header that is not
 * valid HTTP, a malformed percent-encoding in the path), and the errors Jetty answers for a
 * handler, with the API's JSON error body whatever the method; browsers outside {@code /api/} get
 * Jetty's plain error page.
 */
public final class ApiErrorHandler extends ErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  public ApiErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    Object detail = request.getAttribute(ERROR_MESSAGE);
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    // 400, 414 and 431 come from parsing the request; others (a worker pool that is full, a
    // method no handler takes) from answering it.
    boolean malformed = status == 400 || status == 414 || status == 431;
    if (malformed) {
      log.info("Refused a request that is not valid HTTP: {} {}", status, detail);
    }
    // A request line Jetty cannot parse leaves neither path nor headers to go by: that gets JSON.
    // With both known, a browser (which asks for HTML) outside the API gets the HTML page.
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    boolean api = path != null && path.startsWith("/api/");
    if (!api && accept != null && accept.contains("text/html")) {
      return super.handle(request, response, callback);
    }
    String message =
        malformed
            ? "The request is not valid HTTP"
                + (detail == null ? "" : ": " + detail)
                + " (check the percent-encoding of the path and the headers)."
            : HttpStatus.getMessage(status) + ".";
    Router.writeError(response, callback, status, Router.errorCode(status), message);
    return true;
  }
}
