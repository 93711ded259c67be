package io.linkscope.collector.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served, with the HTTP status and the {@code {"error", "message"}} body
 * the client gets. Handlers throw it; the router turns it into the response.
 */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final String message;
  private final transient Map<String, String> headers;

  public HttpError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  private HttpError(int status, String code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.message = message;
    this.headers = headers;
  }

  /** The same error with one more response header, such as Retry-After. */
  public HttpError withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new HttpError(status, code, message, Map.copyOf(all));
  }

  /** Headers the error response carries besides the JSON body. */
  Map<String, String> headers() {
    return headers;
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
