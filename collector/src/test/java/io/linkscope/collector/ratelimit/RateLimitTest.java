package io.linkscope.collector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.api.ApiException;
import io.linkscope.api.Json;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits through the real collector, client and MariaDB, with small limits (5 requests a
 * minute per key, 3 postback calls a minute per visitor) so that a test reaches them.
 */
class RateLimitTest {
  @TempDir static Path directory;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    collector =
        TestCollector.start(
            directory, config -> config.withRateLimits(new RateLimits.Options(5, 3)));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void aKeyOverItsLimitGets429WithRetryAfterAndAnotherKeyIsUnaffected() throws Exception {
    // The admin key creates both keys: two of its five requests.
    LinkscopeClient admin = collector.client();
    String firstKey = admin.createKey(new ApiKeyInput("a", "viewer")).key();
    LinkscopeClient first = collector.client(firstKey);
    String secondKey = admin.createKey(new ApiKeyInput("b", "viewer")).key();
    for (int i = 0; i < 5; i++) {
      first.workspace();
    }
    assertThatThrownBy(first::workspace)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.error().error()).isEqualTo("rate_limited");
            });
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/workspace")
                .header("Authorization", "Bearer " + firstKey)
                .build())) {
      assertThat(response.code()).isEqualTo(429);
      long retryAfter = Long.parseLong(response.header("Retry-After"));
      assertThat(retryAfter).isBetween(1L, 60L);
      var body = Json.parseObject(response.body().string());
      assertThat(body.get("error").getAsString()).isEqualTo("rate_limited");
      assertThat(body.get("message").getAsString()).contains("try again in " + retryAfter + " s");
    }
    assertThat(collector.client(secondKey).workspace().slug()).isEqualTo("default");
  }

  @Test
  void thePostbackIsLimitedPerVisitor() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Response response = postbackFrom("203.0.113.7")) {
        assertThat(response.code()).as("unsigned, refused by the postback itself").isEqualTo(401);
      }
    }
    try (Response response = postbackFrom("203.0.113.7")) {
      assertThat(response.code()).isEqualTo(429);
      assertThat(response.header("Retry-After")).isNotNull();
      assertThat(Json.parseObject(response.body().string()).get("error").getAsString())
          .isEqualTo("rate_limited");
    }
    try (Response response = postbackFrom("198.51.100.9")) {
      assertThat(response.code()).as("another visitor").isEqualTo(401);
    }
  }

  @Test
  void aRedirectFloodIsNotLimited() throws Exception {
    LinkscopeClient writer = collector.client(collector.createWorkspaceKey("flood"));
    String slug = writer.createLink(LinkInput.to("https://example.com/flood")).slug();
    for (int i = 0; i < 300; i++) {
      try (Response response =
          collector.send(
              collector.request("/" + slug).header("X-Forwarded-For", "203.0.113.50").build())) {
        assertThat(response.code()).as("redirect %d", i).isEqualTo(302);
      }
    }
  }

  private static Response postbackFrom(String address) throws Exception {
    return collector.send(
        collector
            .request("/api/v1/postback/1?click_id=x&event_id=e1&event=sale")
            .header("X-Forwarded-For", address)
            .build());
  }
}
