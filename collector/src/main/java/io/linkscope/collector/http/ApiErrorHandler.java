package io.linkscope.collector.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before the router sees them (a path or header that is not
 * valid HTTP, a malformed percent-encoding in the path) with the API's JSON error body, whatever
 * the method; browsers outside {@code /api/} get Jetty's plain error page.
 */
public final class ApiErrorHandler extends ErrorHandler {
  public ApiErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    // A request line Jetty cannot parse leaves no path to go by: then only a browser (which asks
    // for HTML) gets the HTML page.
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    boolean api = path != null && path.startsWith("/api/");
    if (!api && accept != null && accept.contains("text/html")) {
      return super.handle(request, response, callback);
    }
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    Object detail = request.getAttribute(ERROR_MESSAGE);
    Router.writeError(
        response,
        callback,
        status,
        Router.errorCode(status),
        "The request is not valid HTTP"
            + (detail == null ? "" : ": " + detail)
            + " (check the percent-encoding of the path and the headers).");
    return true;
  }
}
