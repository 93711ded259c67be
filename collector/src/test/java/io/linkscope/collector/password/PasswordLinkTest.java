package io.linkscope.collector.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.linkscope.api.ApiException;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.deeplink.GatePage;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password links on a real collector: the form reveals nothing, a wrong password is refused, the
 * right one sends the visitor on and counts one click, and guessing is throttled per visitor and
 * link.
 */
class PasswordLinkTest {
  private static final String TARGET = "https://secret.example.com/launch?x=1";
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  @TempDir static Path directory;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void theFormRevealsNothingAndTheRightPasswordCountsOneClick() throws Exception {
    LinkView link =
        collector
            .client()
            .createLink(input("launch").withPassword("open sesame").withTitle("Q3 launch"));
    assertThat(link.passwordProtected()).isTrue();
    String json = apiGet("/api/v1/links/" + link.id());
    assertThat(json)
        .contains("\"passwordProtected\":true")
        .doesNotContain("argon2")
        .doesNotContain("sesame");

    try (Response form = get("/launch", "198.51.100.7")) {
      assertThat(form.code()).isEqualTo(200);
      assertThat(form.header("Location")).isNull();
      assertThat(form.header("Content-Security-Policy"))
          .isEqualTo(GatePage.CONTENT_SECURITY_POLICY)
          .contains("default-src 'none'");
      assertThat(form.header("Cache-Control")).isEqualTo("no-store");
      String page = form.body().string();
      assertThat(page).contains("<form method=\"post\"").contains("type=\"password\"");
      assertThat(page).doesNotContain("secret.example.com").doesNotContain("Q3 launch");
    }
    try (Response wrong = post("/launch", "198.51.100.7", "open sesam")) {
      assertThat(wrong.code()).isEqualTo(403);
      assertThat(wrong.header("Location")).isNull();
      String page = wrong.body().string();
      assertThat(page).contains("Wrong password").doesNotContain("secret.example.com");
    }
    try (Response right = post("/launch", "198.51.100.7", "open sesame")) {
      assertThat(right.code()).isEqualTo(303);
      assertThat(right.header("Location")).isEqualTo(TARGET);
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    assertThat(clicks(link.id())).as("only the unlocked visit counts").isEqualTo(1);
  }

  @Test
  void theRightPasswordOnASplitLinkIsA303EvenWhenItsRedirectsKeepTheMethod() throws Exception {
    LinkInput split =
        input("split-locked")
            .withPassword("open sesame")
            .withRouting(
                null,
                List.of(
                    Variant.of("https://a.example.com/x", 50),
                    Variant.of("https://b.example.com/x", 50)));
    LinkInput keepsTheMethod =
        LinkInput.builder()
            .slug(split.slug())
            .domain(split.domain())
            .targetUrl(split.targetUrl())
            .title(split.title())
            .notes(split.notes())
            .tags(split.tags())
            .redirectType(307)
            .validFrom(split.validFrom())
            .validUntil(split.validUntil())
            .maxClicks(split.maxClicks())
            .fallbackUrl(split.fallbackUrl())
            .forwardQuery(split.forwardQuery())
            .password(split.password())
            .deepLinks(split.deepLinks())
            .clickIdParam(split.clickIdParam())
            .rules(split.rules())
            .variants(split.variants())
            .build();
    collector.client().createLink(keepsTheMethod);
    // A 307 after the form's POST would make the browser post the password to the destination.
    try (Response right = post("/split-locked", "198.51.100.8", "open sesame")) {
      assertThat(right.code()).isEqualTo(303);
      assertThat(right.header("Location")).startsWith("https://").endsWith(".example.com/x");
    }
  }

  @Test
  void guessingIsThrottledPerVisitorAndLink() throws Exception {
    LinkView link = collector.client().createLink(input("vault").withPassword("right one"));
    collector.client().createLink(input("vault2").withPassword("right one"));
    String attacker = "203.0.113.9";
    for (int i = 0; i < UnlockAttempts.ATTEMPTS; i++) {
      try (Response wrong = post("/vault", attacker, "guess " + i)) {
        assertThat(wrong.code()).as("guess %d", i).isEqualTo(403);
      }
    }
    long checked = metric("linkscope_link_passwords_checked_total");
    try (Response throttled = post("/vault", attacker, "right one")) {
      assertThat(throttled.code()).isEqualTo(429);
      assertThat(throttled.header("Location")).isNull();
      assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 15 * 60L);
      assertThat(throttled.body().string())
          .contains("Too many wrong passwords. Try again in 15 minutes.");
    }
    for (int i = 0; i < 10; i++) {
      try (Response again = post("/vault", attacker, "guess again " + i)) {
        assertThat(again.code()).isEqualTo(429);
      }
    }
    assertThat(metric("linkscope_link_passwords_checked_total"))
        .as("throttled tries are refused before any hashing")
        .isEqualTo(checked);
    assertThat(metric("linkscope_link_passwords_throttled_total")).isGreaterThanOrEqualTo(11);
    try (Response other = post("/vault", "203.0.113.10", "right one")) {
      assertThat(other.code()).as("another visitor").isEqualTo(303);
    }
    try (Response otherLink = post("/vault2", attacker, "right one")) {
      assertThat(otherLink.code()).as("the same visitor on another link").isEqualTo(303);
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    assertThat(clicks(link.id())).isEqualTo(1);
  }

  @Test
  void thePasswordIsSetKeptAndClearedThroughTheApi() throws Exception {
    LinkView link = collector.client().createLink(input("later"));
    assertThat(link.passwordProtected()).isFalse();
    try (Response open = get("/later", "198.51.100.20")) {
      assertThat(open.code()).isEqualTo(302);
    }
    JsonObject set = new JsonObject();
    set.addProperty("password", "now locked");
    assertThat(collector.client().updateLink(link.id(), set).passwordProtected()).isTrue();
    JsonObject title = new JsonObject();
    title.addProperty("title", "Renamed");
    assertThat(collector.client().updateLink(link.id(), title).passwordProtected())
        .as("a patch without the password keeps it")
        .isTrue();
    try (Response form = get("/later", "198.51.100.20")) {
      assertThat(form.code()).isEqualTo(200);
    }
    try (Response right = post("/later", "198.51.100.20", "now locked")) {
      assertThat(right.code()).isEqualTo(303);
    }
    JsonObject clear = new JsonObject();
    clear.add("password", JsonNull.INSTANCE);
    assertThat(collector.client().updateLink(link.id(), clear).passwordProtected()).isFalse();
    try (Response open = get("/later", "198.51.100.20")) {
      assertThat(open.code()).isEqualTo(302);
      assertThat(open.header("Location")).isEqualTo(TARGET);
    }
  }

  @Test
  void refusesPasswordsItCannotKeepWith400() {
    assertThatThrownBy(() -> collector.client().createLink(input("short").withPassword("abc")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error().error()).isEqualTo("invalid_field");
              assertThat(e.error().message()).contains("'password'").contains("4 to 128");
            });
    assertThatThrownBy(
            () -> collector.client().createLink(input("long").withPassword("x".repeat(129))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(
            () -> collector.client().createLink(input("ctl").withPassword("tab\tinside")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error().message()).contains("control characters"));
  }

  @Test
  void aPostWithoutAPasswordOrToAPlainLinkIsNoUnlock() throws Exception {
    collector.client().createLink(input("plain"));
    collector.client().createLink(input("gated").withPassword("right one"));
    Request empty =
        collector
            .request("/gated")
            .header("User-Agent", BROWSER)
            .header("X-Forwarded-For", "198.51.100.30")
            .post(new FormBody.Builder().build())
            .build();
    try (Response response = collector.send(empty)) {
      assertThat(response.code()).isEqualTo(403);
    }
    try (Response plain = post("/plain", "198.51.100.30", "anything")) {
      assertThat(plain.code()).isEqualTo(405);
      assertThat(plain.header("Allow")).isEqualTo("GET, HEAD");
    }
    try (Response missing = post("/nothing-here", "198.51.100.30", "anything")) {
      assertThat(missing.code()).isEqualTo(404);
    }
  }

  @Test
  void theRightPasswordOnADeepLinkLeadsIntoTheApp() throws Exception {
    String app = "https://app.example.com/launch";
    collector
        .client()
        .createLink(
            input("applock")
                .withPassword("right one")
                .withDeepLinks(
                    new io.linkscope.api.gate.DeepLinks(
                        new io.linkscope.api.gate.AppTarget(app, null, null), null)));
    String iphone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
            + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    try (Response form =
        collector.send(collector.request("/applock").header("User-Agent", iphone).get().build())) {
      assertThat(form.code()).isEqualTo(200);
      assertThat(form.body().string()).doesNotContain("app.example.com");
    }
    try (Response right =
        collector.send(
            collector
                .request("/applock")
                .header("User-Agent", iphone)
                .header("X-Forwarded-For", "198.51.100.40")
                .post(new FormBody.Builder().add("password", "right one").build())
                .build())) {
      assertThat(right.code()).isEqualTo(303);
      assertThat(right.header("Location")).isEqualTo(app);
    }
  }

  private static long metric(String name) throws Exception {
    try (Response metrics = collector.send(collector.request("/metrics").build())) {
      for (String line : metrics.body().string().split("\n")) {
        if (line.startsWith(name + " ")) {
          return (long) Double.parseDouble(line.substring(name.length() + 1).strip());
        }
      }
    }
    throw new AssertionError("no metric " + name);
  }

  static LinkInput input(String slug) {
    return LinkInput.to(TARGET).withSlug(slug);
  }

  private static Response get(String path, String ip) throws Exception {
    return collector.send(
        collector
            .request(path)
            .header("User-Agent", BROWSER)
            .header("X-Forwarded-For", ip)
            .get()
            .build());
  }

  private static Response post(String path, String ip, String password) throws Exception {
    return collector.send(
        collector
            .request(path)
            .header("User-Agent", BROWSER)
            .header("X-Forwarded-For", ip)
            .post(new FormBody.Builder().add("password", password).build())
            .build());
  }

  private static String apiGet(String path) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request(path)
                .header("Authorization", "Bearer " + collector.adminKey())
                .build())) {
      return response.body().string();
    }
  }

  private static long clicks(long linkId) throws Exception {
    TestDatabase database = collector.database();
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement("SELECT COUNT(*) FROM click WHERE link_id = ?")) {
      select.setLong(1, linkId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
