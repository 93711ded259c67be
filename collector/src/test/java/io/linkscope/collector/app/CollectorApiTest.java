package io.linkscope.collector.app;

import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.click.ClickPage;
import io.linkscope.api.click.ClickView;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkPage;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.workspace.ApiKeyCreated;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector end to end: real server on a random port, real MariaDB, the shared client. */
class CollectorApiTest {
  static final String IPHONE_INSTAGRAM =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone15,3; iOS 17_1; en_US; en;"
          + " scale=3.00; 1290x2796; 532277048)";

  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void recordsAnInstagramInAppClickWithEveryEnrichment() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.example.com/spring?ref=bio").withSlug("spring-sale"));

    try (Response response =
        collector.send(
            collector
                .request(
                    "/spring-sale?utm_source=instagram&utm_medium=social&utm_campaign=spring26&utm_term=shoes&utm_content=story1")
                .header("User-Agent", IPHONE_INSTAGRAM)
                .header("X-Forwarded-For", LONDON_IP)
                .header("Referer", "https://l.instagram.com/")
                .header("Accept-Language", "en-GB,en;q=0.9")
                .build())) {
      assertThat(response.code()).isEqualTo(302);
      assertThat(response.header("Location"))
          .isEqualTo(
              "https://shop.example.com/spring?ref=bio&utm_source=instagram&utm_medium=social&utm_campaign=spring26&utm_term=shoes&utm_content=story1");
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(10));

    ClickPage page = client.clicks(link.id(), null, null, 0, 10);
    assertThat(page.total()).isEqualTo(1);
    ClickView click = page.items().getFirst();
    assertThat(click.country()).isEqualTo("GB");
    assertThat(click.region()).isEqualTo("England");
    assertThat(click.city()).isEqualTo("London");
    assertThat(click.latitude()).isEqualTo(51.5142);
    assertThat(click.deviceType()).isEqualTo("mobile");
    assertThat(click.os()).isEqualTo("iOS");
    assertThat(click.osVersion()).isEqualTo("17");
    assertThat(click.browser()).isNotEmpty();
    assertThat(click.inAppApp()).isEqualTo("Instagram");
    assertThat(click.bot()).isFalse();
    assertThat(click.referrerHost()).isEqualTo("instagram.com");
    assertThat(click.referrerSource()).isEqualTo("Instagram");
    assertThat(click.utmSource()).isEqualTo("instagram");
    assertThat(click.utmMedium()).isEqualTo("social");
    assertThat(click.utmCampaign()).isEqualTo("spring26");
    assertThat(click.utmTerm()).isEqualTo("shoes");
    assertThat(click.utmContent()).isEqualTo("story1");
    assertThat(click.language()).isEqualTo("en");
    assertThat(click.visitorHash()).hasSize(64).doesNotContain(LONDON_IP);
    assertThat(click.clickedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(client.link(link.id()).totalClicks()).isEqualTo(1);
  }

  @Test
  void hashesTheSameAddressToTheSameVisitorAndDifferentAddressesApart() throws Exception {
    LinkView link = client.createLink(LinkInput.to("https://example.com/hash"));
    for (String ip : List.of("81.2.69.160", "81.2.69.160", "81.2.69.161")) {
      try (Response response =
          collector.send(
              collector.request("/" + link.slug()).header("X-Forwarded-For", ip).build())) {
        assertThat(response.code()).isEqualTo(302);
      }
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(10));
    List<String> hashes =
        client.clicks(link.id(), null, null, 0, 10).items().stream()
            .map(ClickView::visitorHash)
            .toList();
    assertThat(hashes).hasSize(3);
    assertThat(hashes.stream().distinct().count()).isEqualTo(2);
    assertThat(HexFormat.of().parseHex(hashes.getFirst())).hasSize(32);
  }

  @Test
  void ignoresForwardedForFromAnUntrustedPeer() throws Exception {
    try (TestCollector strict =
        TestCollector.start(directory.resolve("strict"), c -> c.withTrustedProxies(List.of()))) {
      LinkscopeClient strictClient = strict.client();
      LinkView link = strictClient.createLink(LinkInput.to("https://example.com/strict"));
      try (Response response =
          strict.send(
              strict.request("/" + link.slug()).header("X-Forwarded-For", LONDON_IP).build())) {
        assertThat(response.code()).isEqualTo(302);
      }
      strict.awaitBacklogDrained(Duration.ofSeconds(10));
      ClickView click = strictClient.clicks(link.id(), null, null, 0, 1).items().getFirst();
      assertThat(click.country()).isEqualTo("unknown");
    }
  }

  @Test
  void doesNotTrackHeadRequestsButAnswersThem() throws Exception {
    LinkView link = client.createLink(LinkInput.to("https://example.com/head"));
    try (Response response = collector.send(collector.request("/" + link.slug()).head().build())) {
      assertThat(response.code()).isEqualTo(302);
      assertThat(response.header("Location")).isEqualTo("https://example.com/head");
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(10));
    assertThat(client.clicks(link.id(), null, null, 0, 1).total()).isZero();
  }

  @Test
  void flagsBotsAndLeavesThemOutOfTheLinkTotal() throws Exception {
    LinkView link = client.createLink(LinkInput.to("https://example.com/bots"));
    for (String agent : List.of("curl/8.5.0", "facebookexternalhit/1.1", "Googlebot/2.1")) {
      try (Response response =
          collector.send(
              collector.request("/" + link.slug()).header("User-Agent", agent).build())) {
        assertThat(response.code()).isEqualTo(302);
      }
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(10));
    assertThat(client.clicks(link.id(), null, null, 0, 10).items())
        .hasSize(3)
        .allSatisfy(click -> assertThat(click.bot()).isTrue());
    assertThat(client.link(link.id()).totalClicks()).isZero();
    assertThat(client.clickTotals(link.id(), null, null).botClicks()).isEqualTo(3);
  }

  @Test
  void flagsBotsByThePatternFileGivenWithBotPatterns() throws Exception {
    Path patterns = directory.resolve("bot-patterns.txt");
    Files.writeString(patterns, "# this site's own uptime checker\n^acme-uptime/\n");
    try (TestCollector custom =
        TestCollector.start(directory.resolve("custom-bots"), c -> c.withBotPatterns(patterns))) {
      LinkscopeClient customClient = custom.client();
      LinkView link = customClient.createLink(LinkInput.to("https://example.com/custom-bots"));
      for (String agent : List.of("Acme-Uptime/3.1", IPHONE_INSTAGRAM)) {
        try (Response response =
            custom.send(custom.request("/" + link.slug()).header("User-Agent", agent).build())) {
          assertThat(response.code()).isEqualTo(302);
        }
      }
      custom.awaitBacklogDrained(Duration.ofSeconds(10));
      assertThat(customClient.clickTotals(link.id(), null, null).botClicks()).isEqualTo(1);
      assertThat(customClient.link(link.id()).totalClicks()).isEqualTo(1);
    }
  }

  @Test
  void answersUnknownSlugsWithA404PageAndRecordsAnOrphanVisit() throws Exception {
    try (Response response = collector.send(collector.request("/no-such-link").build())) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header("Content-Type")).startsWith("text/html");
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(10));
    try (var c = collector.database().connect();
        var s = c.createStatement();
        var rows =
            s.executeQuery(
                "SELECT COUNT(*) FROM click WHERE kind = 2 AND path = '/no-such-link'")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void sendsVisitorsToTheFallbackOnceTheClickLimitIsReached() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.builder()
                .slug("limited")
                .targetUrl("https://example.com/offer")
                .redirectType(307)
                .maxClicks(2L)
                .fallbackUrl("https://example.com/sold-out")
                .forwardQuery(false)
                .build());
    int[] statuses = new int[3];
    String[] locations = new String[3];
    for (int i = 0; i < 3; i++) {
      try (Response response =
          collector.send(
              collector.request("/limited?x=1").header("User-Agent", IPHONE_INSTAGRAM).build())) {
        statuses[i] = response.code();
        locations[i] = response.header("Location");
      }
    }
    assertThat(statuses).containsExactly(307, 307, 302);
    assertThat(locations)
        .containsExactly(
            "https://example.com/offer",
            "https://example.com/offer",
            "https://example.com/sold-out");
    assertThat(link.maxClicks()).isEqualTo(2);
  }

  @Test
  void honoursTheValidityWindow() throws Exception {
    client.createLink(
        LinkInput.builder()
            .slug("later")
            .targetUrl("https://example.com/later")
            .validFrom(Instant.now().plusSeconds(3600))
            .build());
    try (Response response = collector.send(collector.request("/later").build())) {
      assertThat(response.code()).isEqualTo(404);
    }
  }

  @Test
  void aChangedTargetTakesEffectOnTheNextRedirect() throws Exception {
    LinkView link = client.createLink(LinkInput.to("https://example.com/v1"));
    try (Response response = collector.send(collector.request("/" + link.slug()).build())) {
      assertThat(response.header("Location")).isEqualTo("https://example.com/v1");
    }
    JsonObject patch = new JsonObject();
    patch.addProperty("targetUrl", "https://example.com/v2");
    client.updateLink(link.id(), patch);
    try (Response response = collector.send(collector.request("/" + link.slug()).build())) {
      assertThat(response.header("Location")).isEqualTo("https://example.com/v2");
    }
    client.deleteLink(link.id());
    try (Response response = collector.send(collector.request("/" + link.slug()).build())) {
      assertThat(response.code()).isEqualTo(404);
    }
  }

  @Test
  void clearsAnOptionalFieldWithAJsonNullAndKeepsAbsentOnes() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.builder()
                .slug("clearable")
                .targetUrl("https://example.com/c")
                .title("Keep me")
                .validUntil(Instant.parse("2030-01-01T00:00:00Z"))
                .maxClicks(10L)
                .build());
    JsonObject patch = new JsonObject();
    patch.add("validUntil", com.google.gson.JsonNull.INSTANCE);
    patch.add("maxClicks", com.google.gson.JsonNull.INSTANCE);
    LinkView cleared = client.updateLink(link.id(), patch);
    assertThat(cleared.validUntil()).isNull();
    assertThat(cleared.maxClicks()).isNull();
    assertThat(cleared.title()).isEqualTo("Keep me");
  }

  @Test
  void separatesSlugNamespacesByHost() throws Exception {
    client.createLink(
        LinkInput.builder()
            .slug("promo")
            .domain("go.brand-a.test")
            .targetUrl("https://brand-a.test/")
            .build());
    client.createLink(LinkInput.builder().slug("promo").targetUrl("https://default.test/").build());
    try (Response response =
        collector.send(collector.request("/promo").header("Host", "go.brand-a.test").build())) {
      assertThat(response.header("Location")).isEqualTo("https://brand-a.test/");
    }
    try (Response response = collector.send(collector.request("/promo").build())) {
      assertThat(response.header("Location")).isEqualTo("https://default.test/");
    }
  }

  @Test
  void listsLinksWithSearchTagFilterSortAndPaging() throws Exception {
    ApiKeyCreated other = client.createKey(new ApiKeyInput("lister", "editor"));
    for (int i = 0; i < 5; i++) {
      client.createLink(
          LinkInput.to("https://example.com/list/" + i)
              .withSlug("list-" + i)
              .withTitle("Summer list " + i)
              .withTags(List.of(i % 2 == 0 ? "even" : "odd", "summer")));
    }
    LinkscopeClient editor = collector.client(other.key());
    LinkPage evens = editor.links(new LinkQuery("summer list", "even", "slug", 0, 2));
    assertThat(evens.total()).isEqualTo(3);
    assertThat(evens.items()).extracting(LinkView::slug).containsExactly("list-0", "list-2");
    LinkPage next = editor.links(new LinkQuery("summer list", "even", "slug", 2, 2));
    assertThat(next.items()).extracting(LinkView::slug).containsExactly("list-4");
    assertThat(next.items().getFirst().tags()).containsExactly("even", "summer");
  }

  @Test
  void keepsWorkspacesApart() throws Exception {
    LinkView mine = client.createLink(LinkInput.to("https://example.com/mine"));
    String otherKey = collector.createWorkspaceKey("client-b");
    LinkscopeClient other = collector.client(otherKey);
    assertThatThrownBy(() -> other.link(mine.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> other.clicks(mine.id(), null, null, 0, 1))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> other.deleteLink(mine.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(other.links(LinkQuery.firstPage()).total()).isZero();
    assertThat(client.link(mine.id()).targetUrl()).isEqualTo("https://example.com/mine");
  }

  @Test
  void enforcesRolesAndRevocation() throws Exception {
    ApiKeyCreated viewer = client.createKey(new ApiKeyInput("read only", "viewer"));
    LinkscopeClient asViewer = collector.client(viewer.key());
    assertThat(asViewer.links(LinkQuery.firstPage())).isNotNull();
    assertThatThrownBy(() -> asViewer.createLink(LinkInput.to("https://example.com/x")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    client.revokeKey(viewer.apiKey().id());
    assertThatThrownBy(() -> asViewer.links(LinkQuery.firstPage()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.error().error()).isEqualTo("unauthorized");
            });
    assertThatThrownBy(() -> collector.client(null).links(LinkQuery.firstPage()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void servesQrCodesOfTheShortUrl() throws Exception {
    LinkView link = client.createLink(LinkInput.to("https://example.com/qr"));
    byte[] png = client.linkQrPng(link.id(), 256, 2);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    String svg = client.linkQrSvg(link.id(), 300, 4);
    assertThat(svg).contains("<svg").contains("viewBox");
    assertThatThrownBy(() -> client.linkQrPng(link.id(), 5, 2))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error().error()).isEqualTo("invalid_parameter");
            });
  }

  @Test
  void reportsHealthAndPrometheusMetrics() throws Exception {
    try (Response response = collector.send(collector.request("/health").build())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(
              JsonParser.parseString(response.body().string())
                  .getAsJsonObject()
                  .get("status")
                  .getAsString())
          .isEqualTo("ok");
    }
    try (Response response = collector.send(collector.request("/metrics").build())) {
      String text = response.body().string();
      assertThat(text)
          .contains("# TYPE linkscope_redirects_total counter")
          .contains("linkscope_clicks_stored_total")
          .contains("linkscope_backlog_records")
          .contains("linkscope_click_batch_last_seconds")
          .contains("linkscope_rollup_backlog_records")
          .contains("linkscope_rollup_lag_seconds");
    }
  }
}
