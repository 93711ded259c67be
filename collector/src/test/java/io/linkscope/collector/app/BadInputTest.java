package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a 4xx with a JSON error body, never a 5xx, and changes nothing. */
class BadInputTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir static Path directory;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    post("{\"slug\":\"taken\",\"targetUrl\":\"https://example.com/\"}").close();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          malformed JSON                | 400 | invalid_json    | {"targetUrl": "https://example.com/"
          not an object                 | 400 | invalid_json    | ["https://example.com/"]
          trailing data                 | 400 | invalid_json    | {"targetUrl": "https://example.com/"} {}
          empty body                    | 400 | invalid_json    | ' '
          unknown field                 | 400 | unknown_field   | {"targetUrl": "https://example.com/", "colour": "red"}
          wrong type                    | 400 | invalid_field   | {"targetUrl": "https://example.com/", "maxClicks": "many"}
          missing target                | 400 | invalid_field   | {"slug": "no-target"}
          javascript target             | 400 | invalid_field   | {"targetUrl": "javascript:alert(1)"}
          data target                   | 400 | invalid_field   | {"targetUrl": "data:text/html,<script>alert(1)</script>"}
          relative target               | 400 | invalid_field   | {"targetUrl": "/relative/path"}
          ftp target                    | 400 | invalid_field   | {"targetUrl": "ftp://example.com/file"}
          target with spaces            | 400 | invalid_field   | {"targetUrl": "https://exa mple.com/"}
          duplicate slug                | 409 | slug_taken      | {"slug": "taken", "targetUrl": "https://example.com/"}
          reserved slug api             | 400 | reserved_slug   | {"slug": "api", "targetUrl": "https://example.com/"}
          reserved slug health          | 400 | reserved_slug   | {"slug": "HEALTH", "targetUrl": "https://example.com/"}
          unicode slug                  | 400 | invalid_field   | {"slug": "café", "targetUrl": "https://example.com/"}
          dot-dot slug                  | 400 | invalid_field   | {"slug": "../etc", "targetUrl": "https://example.com/"}
          slash slug                    | 400 | invalid_field   | {"slug": "a/b", "targetUrl": "https://example.com/"}
          overlong slug                 | 400 | invalid_field   | {"slug": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "targetUrl": "https://example.com/"}
          bad date                      | 400 | invalid_field   | {"targetUrl": "https://example.com/", "validUntil": "next tuesday"}
          until before from             | 400 | invalid_field   | {"targetUrl": "https://example.com/", "validFrom": "2026-05-02T00:00:00Z", "validUntil": "2026-05-01T00:00:00Z"}
          zero max clicks               | 400 | invalid_field   | {"targetUrl": "https://example.com/", "maxClicks": 0}
          bad redirect type             | 400 | invalid_field   | {"targetUrl": "https://example.com/", "redirectType": 303}
          bad domain                    | 400 | invalid_field   | {"targetUrl": "https://example.com/", "domain": "not a host"}
          bad tag                       | 400 | invalid_field   | {"targetUrl": "https://example.com/", "tags": ["<script>"]}
          javascript fallback           | 400 | invalid_field   | {"targetUrl": "https://example.com/", "fallbackUrl": "javascript:alert(1)"}
          """)
  void refusesBadLinkInput(String name, int status, String error, String body) throws Exception {
    try (Response response = post(body)) {
      assertThat(response.code()).isEqualTo(status);
      JsonObject json = JsonParser.parseString(response.body().string()).getAsJsonObject();
      assertThat(json.get("error").getAsString()).isEqualTo(error);
      assertThat(json.get("message").getAsString()).isNotBlank();
    }
    assertThat(collector.client().links(io.linkscope.api.link.LinkQuery.firstPage()).total())
        .isEqualTo(1);
  }

  @Test
  void refusesAnOversizeBody() throws Exception {
    String huge =
        "{\"targetUrl\":\"https://example.com/\",\"notes\":\"" + "x".repeat(300_000) + "\"}";
    try (Response response = post(huge)) {
      assertThat(response.code()).isEqualTo(413);
      assertThat(response.body().string()).contains("payload_too_large");
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      textBlock =
          """
          GET,    /api/v1/links/abc,                404, not_found
          GET,    /api/v1/links/999999,             404, not_found
          GET,    /api/v1/links?limit=0,            400, invalid_parameter
          GET,    /api/v1/links?limit=lots,         400, invalid_parameter
          GET,    /api/v1/links?sort=colour,        400, invalid_parameter
          GET,    /api/v1/nothing-here,             404, not_found
          PUT,    /api/v1/links,                    405, method_not_allowed
          GET,    /api/v1/links/1/clicks?from=yesterday, 400, invalid_parameter
          """)
  void refusesBadRequests(String method, String path, int status, String error) throws Exception {
    var request = collector.request(path).header("Authorization", "Bearer " + collector.adminKey());
    request.method(method, method.equals("GET") ? null : RequestBody.create("{}", JSON));
    try (Response response = collector.send(request.build())) {
      assertThat(response.code()).isEqualTo(status);
      assertThat(
              JsonParser.parseString(response.body().string())
                  .getAsJsonObject()
                  .get("error")
                  .getAsString())
          .isEqualTo(error);
    }
  }

  private static Response post(String body) throws Exception {
    return collector.send(
        collector
            .request("/api/v1/links")
            .header("Authorization", "Bearer " + collector.adminKey())
            .post(RequestBody.create(body, JSON))
            .build());
  }
}
