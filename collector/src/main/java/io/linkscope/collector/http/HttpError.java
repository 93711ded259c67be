package io.linkscope.collector.http;

/**
 * A request that cannot be served, with the HTTP status and the {@code {"error", "message"}} body
 * the client gets. Handlers throw it; the router turns it into the response.
 */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final String message;

  public HttpError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.message = message;
  }

  /** What the client is told, the same as {@link #getMessage()} but never null. */
  String message() {
    return message;
  }

  public static HttpError badRequest(String code, String message) {
    return new HttpError(400, code, message);
  }

  public static HttpError invalidField(String field, String message) {
    return new HttpError(400, "invalid_field", "Field '" + field + "': " + message);
  }

  public static HttpError invalidParameter(String parameter, String message) {
    return new HttpError(400, "invalid_parameter", "Parameter '" + parameter + "': " + message);
  }

  public static HttpError notFound(String what) {
    return new HttpError(404, "not_found", what + " was not found.");
  }

  public static HttpError conflict(String code, String message) {
    return new HttpError(409, code, message);
  }

  int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
