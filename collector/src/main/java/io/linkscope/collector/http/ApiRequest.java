package io.linkscope.collector.http;

import io.linkscope.api.ApiDates;
import io.linkscope.collector.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An API request as handlers see it: path parameters, query, body and the authenticated key. */
public final class ApiRequest {
  private static final Logger log = LoggerFactory.getLogger(ApiRequest.class);

  /** The largest JSON body the API accepts. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private final Request request;
  private final Map<String, String> pathParameters;
  private final @Nullable Principal principal;
  private final Duration bodyTimeout;
  private @Nullable Fields query;

  ApiRequest(
      Request request,
      Map<String, String> pathParameters,
      @Nullable Principal principal,
      Duration bodyTimeout) {
    this.request = request;
    this.pathParameters = pathParameters;
    this.principal = principal;
    this.bodyTimeout = bodyTimeout;
  }

  /** The key that made the request; routes without authentication have none. */
  public Principal principal() {
    if (principal == null) {
      throw new IllegalStateException("this route is not authenticated");
    }
    return principal;
  }

  public long workspaceId() {
    return principal().workspaceId();
  }

  String method() {
    return request.getMethod();
  }

  /** A request header, null when absent. */
  public @Nullable String header(String name) {
    return request.getHeaders().get(name);
  }

  public String path(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return value;
  }

  /** A numeric id from the path; anything else is a 404 since no such resource can exist. */
  public long pathId(String name, String what) {
    try {
      return Long.parseLong(path(name));
    } catch (NumberFormatException e) {
      throw HttpError.notFound(what);
    }
  }

  public Optional<String> query(String name) {
    Fields.Field field = query().get(name);
    if (field == null || field.getValue() == null || field.getValue().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(field.getValue());
  }

  /** All query parameters, first value of each. */
  public Map<String, String> queryParameters() {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    for (Fields.Field field : query()) {
      all.put(field.getName(), field.getValue());
    }
    return all;
  }

  private Fields query() {
    Fields fields = query;
    if (fields == null) {
      try {
        fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException | IllegalStateException e) {
        // Jetty's decoder refuses a stray '%', a bad hex pair or bytes that are not UTF-8.
        log.info(
            "Refused a query string that is not percent-encoded UTF-8: {} {}",
            request.getMethod(),
            rawPath());
        throw HttpError.badRequest(
            "invalid_query",
            "The query string is not valid percent-encoded UTF-8 (a '%' must be followed by two"
                + " hex digits).");
      }
      query = fields;
    }
    return fields;
  }

  public int queryInt(String name, int defaultValue, int min, int max) {
    Optional<String> text = query(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value < min || value > max) {
        throw HttpError.invalidParameter(
            name, "must be between " + min + " and " + max + ", was " + value + ".");
      }
      return value;
    } catch (NumberFormatException e) {
      throw HttpError.invalidParameter(name, "must be a whole number.");
    }
  }

  public Optional<Instant> queryInstant(String name) {
    return query(name).map(text -> parseInstant(name, text));
  }

  private static Instant parseInstant(String name, String text) {
    try {
      return ApiDates.instant(text);
    } catch (ApiDates.InvalidDateException e) {
      throw HttpError.invalidParameter(name, e.getMessage());
    }
  }

  /**
   * The JSON request body as text, refusing other content types, bodies over {@link
   * #MAX_BODY_BYTES} and bodies that stop arriving (a Content-Length longer than what is sent).
   */
  public String body() {
    return body(MAX_BODY_BYTES);
  }

  /** The JSON request body as text, as {@link #body()} reads it, of at most {@code maxBytes}. */
  public String body(int maxBytes) {
    requireJson();
    return readBody(maxBytes, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Reads a request body as a stream. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * Hands the request body to {@code reader} as a stream that ends in a 413 past {@code maxBytes},
   * so that a large upload is read once, as it arrives; a body that stops arriving is a 408, one
   * that cannot be read a 400.
   */
  public <T> T readBody(long maxBytes, BodyReader<T> reader) {
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    // The connector's idle timeout is long enough for keep-alive; a body that stalls holds a
    // worker thread, so it gets a shorter one while it is read.
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    long idleTimeout = endPoint.getIdleTimeout();
    endPoint.setIdleTimeout(bodyTimeout.toMillis());
    try (InputStream in = new LimitedStream(Content.Source.asInputStream(request), maxBytes)) {
      return reader.read(in);
    } catch (IOException e) {
      if (timedOut(e)) {
        log.info(
            "A request body stopped arriving for {}: {} {}",
            bodyTimeout,
            request.getMethod(),
            rawPath());
        throw new HttpError(
            408,
            "request_timeout",
            "The request body did not arrive within "
                + bodyTimeout.toSeconds()
                + " s (is the Content-Length larger than the body?).");
      }
      throw HttpError.badRequest("invalid_body", "The request body could not be read.");
    } finally {
      endPoint.setIdleTimeout(idleTimeout);
    }
  }

  /**
   * The media type of the body, lower-case and without parameters ("" when none is sent), after
   * refusing a charset other than UTF-8.
   */
  public String mediaType() {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null) {
      return "";
    }
    String charset = MimeTypes.getCharsetFromContentType(type);
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      throw new HttpError(
          415, "unsupported_media_type", "Send the body in UTF-8, not '" + shorten(charset) + "'.");
    }
    return MimeTypes.getContentTypeWithoutCharset(type).strip().toLowerCase(Locale.ROOT);
  }

  private static String shorten(String text) {
    return text.substring(0, Math.min(text.length(), 100));
  }

  /** A body stream that refuses to read past its limit: a 413 instead of the next byte. */
  private static final class LimitedStream extends java.io.FilterInputStream {
    private final long limit;
    private long read;

    LimitedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw tooLarge(limit);
      }
    }
  }

  /** The path as sent, still percent-encoded: a decoded one could break a log line in two. */
  private String rawPath() {
    return request.getHttpURI().getPath();
  }

  private void requireJson() {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String mime =
        type == null
            ? ""
            : MimeTypes.getContentTypeWithoutCharset(type).strip().toLowerCase(Locale.ROOT);
    String charset = type == null ? null : MimeTypes.getCharsetFromContentType(type);
    if (!mime.equals("application/json")
        || (charset != null && !charset.equalsIgnoreCase("utf-8"))) {
      throw new HttpError(
          415,
          "unsupported_media_type",
          "Send the body as 'Content-Type: application/json' (UTF-8), not '"
              + (type == null ? "" : type.substring(0, Math.min(type.length(), 100)))
              + "'.");
    }
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static HttpError tooLarge(long maxBytes) {
    return new HttpError(
        413, "payload_too_large", "The request body is larger than " + maxBytes / 1024 + " KiB.");
  }
}
