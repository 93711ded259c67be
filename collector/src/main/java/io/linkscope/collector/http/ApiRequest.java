package io.linkscope.collector.http;

import io.linkscope.collector.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** An API request as handlers see it: path parameters, query, body and the authenticated key. */
public final class ApiRequest {
  /** The largest JSON body the API accepts. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private final Request request;
  private final Map<String, String> pathParameters;
  private final Principal principal;
  private Fields query;

  ApiRequest(Request request, Map<String, String> pathParameters, Principal principal) {
    this.request = request;
    this.pathParameters = pathParameters;
    this.principal = principal;
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

  public String method() {
    return request.getMethod();
  }

  public String header(String name) {
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
    if (query == null) {
      query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }
    Fields.Field field = query.get(name);
    if (field == null || field.getValue() == null || field.getValue().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(field.getValue());
  }

  /** All query parameters, first value of each. */
  public Map<String, String> queryParameters() {
    if (query == null) {
      query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }
    Map<String, String> all = new java.util.LinkedHashMap<>();
    for (Fields.Field field : query) {
      all.put(field.getName(), field.getValue());
    }
    return all;
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
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw HttpError.invalidParameter(
          name, "must be an ISO-8601 instant such as 2026-05-01T00:00:00Z.");
    }
  }

  /** The request body as UTF-8 text, refusing bodies over {@link #MAX_BODY_BYTES}. */
  public String body() {
    long declared = request.getLength();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw HttpError.badRequest("invalid_body", "The request body could not be read.");
    }
  }

  private static HttpError tooLarge() {
    return new HttpError(
        413,
        "payload_too_large",
        "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
  }
}
