package io.linkscope.collector.http;

import io.linkscope.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A complete response a handler hands back to the router: status, headers and body. */
public record Reply(
    int status, @Nullable String contentType, byte[] body, Map<String, String> headers) {

  static Reply json(int status, Object value) {
    return new Reply(
        status,
        "application/json; charset=utf-8",
        Json.write(value).getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  public static Reply ok(Object value) {
    return json(200, value);
  }

  public static Reply created(Object value) {
    return json(201, value);
  }

  public static Reply noContent() {
    return new Reply(204, null, new byte[0], Map.of());
  }

  public static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static Reply bytes(String contentType, byte[] body) {
    return new Reply(200, contentType, body, Map.of());
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put(name, value);
    return new Reply(status, contentType, body, Map.copyOf(all));
  }
}
