package io.linkscope.collector.bio;

import static io.linkscope.collector.testsupport.TestGeoDatabase.BERLIN_IP;
import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bio pages through the real collector: the JSON API, the public page and the tap redirect. */
class BioPageApiTest {
  static final String ANDROID_CHROME =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Mobile Safari/537.36";
  private static final AtomicInteger handles = new AtomicInteger();

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

  static String newHandle() {
    return "creator" + handles.incrementAndGet();
  }

  @Test
  void servesAPublishedPageAndRecordsTheViewWithEveryEnrichment() throws Exception {
    BioPageView page =
        client.createPage(BioPageInput.of(newHandle(), "Anna Berg").withDescription("Ceramics"));
    client.addWidget(page.id(), BioWidgetInput.link("Shop", "https://shop.example.com/"));
    client.publishPage(page.id());

    try (Response response =
        collector.send(
            collector
                .request("/@" + page.handle())
                .header("User-Agent", ANDROID_CHROME)
                .header("X-Forwarded-For", LONDON_IP)
                .header("Referer", "https://l.instagram.com/")
                .build())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/html");
      assertThat(response.header("Set-Cookie")).isNull();
      assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
      String html = response.body().string();
      assertThat(html)
          .contains("<h1>Anna Berg</h1>", "Ceramics")
          .contains("<meta property=\"og:title\" content=\"Anna Berg\">")
          .contains("<meta property=\"og:url\" content=\"" + page.publicUrl() + "\">")
          .contains("href=\"/@" + page.handle() + "/w/");
      assertThat(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThan(30 * 1024);
    }

    List<RecordedVisits> visits = RecordedVisits.of(collector, page.id());
    assertThat(visits).hasSize(1);
    RecordedVisits view = visits.getFirst();
    assertThat(view.kind()).isEqualTo(RecordedVisits.PAGE_VIEW);
    assertThat(view.country()).isEqualTo("GB");
    assertThat(view.city()).isEqualTo("London");
    assertThat(view.deviceType()).isEqualTo("mobile");
    assertThat(view.browser()).isEqualTo("Chrome");
    assertThat(view.referrerSource()).isEqualTo("Instagram");
  }

  @Test
  void redirectsATapAndRecordsTheWidgetIdTypeAndTitle() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Tap tester"));
    BioWidgetView shop =
        client.addWidget(
            page.id(), BioWidgetInput.link("Spring shop", "https://shop.example.com/spring"));
    BioWidgetView social =
        client.addWidget(
            page.id(),
            BioWidgetInput.social(
                List.of(
                    new BioSocialIcon("instagram", "https://instagram.com/anna"),
                    new BioSocialIcon("email", "mailto:anna@example.com"))));
    BioWidgetView email =
        client.addWidget(page.id(), BioWidgetInput.email("Write to me", "mailto:anna@example.com"));
    client.publishPage(page.id());

    assertThat(tap("/@" + page.handle() + "/w/" + shop.id()))
        .isEqualTo("https://shop.example.com/spring");
    assertThat(tap("/@" + page.handle() + "/w/" + social.id() + "/0"))
        .isEqualTo("https://instagram.com/anna");
    assertThat(tap("/@" + page.handle() + "/w/" + email.id())).isEqualTo("mailto:anna@example.com");

    assertThat(RecordedVisits.of(collector, page.id()))
        .extracting(
            RecordedVisits::kind,
            RecordedVisits::widgetId,
            RecordedVisits::widgetType,
            RecordedVisits::widgetTitle,
            RecordedVisits::country)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(4, shop.id(), "link", "Spring shop", "DE"),
            org.assertj.core.groups.Tuple.tuple(4, social.id(), "social", "Instagram", "DE"),
            org.assertj.core.groups.Tuple.tuple(4, email.id(), "email", "Write to me", "DE"));
  }

  private static String tap(String path) throws Exception {
    try (Response response =
        collector.send(collector.request(path).header("X-Forwarded-For", BERLIN_IP).build())) {
      assertThat(response.code()).isEqualTo(302);
      return response.header("Location");
    }
  }

  @Test
  void answersUnpublishedPagesWith404ButShowsTheOwnerAnUntrackedPreview() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Not yet"));
    BioWidgetView link =
        client.addWidget(page.id(), BioWidgetInput.link("Soon", "https://soon.example.com/"));
    assertThat(page.published()).isFalse();

    assertThat(status("/@" + page.handle())).isEqualTo(404);
    assertThat(status("/@" + page.handle() + "/w/" + link.id())).isEqualTo(404);
    String preview = client.previewPage(page.id());
    assertThat(preview)
        .contains("this page is not published", "<h1>Not yet</h1>")
        .contains("href=\"https://soon.example.com/\"");

    client.publishPage(page.id());
    assertThat(status("/@" + page.handle())).isEqualTo(200);
    client.unpublishPage(page.id());
    assertThat(status("/@" + page.handle())).isEqualTo(404);

    // Only the one public view counts: not the preview, not the answers while unpublished.
    assertThat(RecordedVisits.of(collector, page.id()))
        .extracting(RecordedVisits::kind)
        .containsExactly(RecordedVisits.PAGE_VIEW);
  }

  @Test
  void doesNotTrackHeadRequests() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Head"));
    client.publishPage(page.id());
    try (Response response =
        collector.send(collector.request("/@" + page.handle()).head().build())) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(status("/@" + page.handle())).isEqualTo(200);
    assertThat(RecordedVisits.of(collector, page.id()))
        .extracting(RecordedVisits::kind)
        .containsExactly(RecordedVisits.PAGE_VIEW);
  }

  @Test
  void servesTheNewVersionRightAfterAChange() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "First title"));
    client.publishPage(page.id());
    assertThat(body("/@" + page.handle())).contains("First title");

    JsonObject patch = JsonParser.parseString("{\"title\":\"Second title\"}").getAsJsonObject();
    client.updatePage(page.id(), patch);
    assertThat(body("/@" + page.handle())).contains("Second title").doesNotContain("First title");

    BioWidgetView added = client.addWidget(page.id(), BioWidgetInput.heading("New section"));
    assertThat(body("/@" + page.handle())).contains("<h2>New section</h2>");
    client.deleteWidget(page.id(), added.id());
    assertThat(body("/@" + page.handle())).doesNotContain("New section");
  }

  @Test
  void reordersWidgetsAndRefusesAnIncompleteOrder() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Order"));
    BioWidgetView a = client.addWidget(page.id(), BioWidgetInput.heading("Alpha"));
    BioWidgetView b = client.addWidget(page.id(), BioWidgetInput.text("Bravo"));
    BioWidgetView c = client.addWidget(page.id(), BioWidgetInput.divider());

    BioPageView reordered = client.reorderWidgets(page.id(), List.of(c.id(), a.id(), b.id()));
    assertThat(reordered.widgets())
        .extracting(BioWidgetView::id)
        .containsExactly(c.id(), a.id(), b.id());
    assertThat(reordered.widgets()).extracting(BioWidgetView::position).containsExactly(0, 1, 2);
    String preview = client.previewPage(page.id());
    assertThat(preview.indexOf("<hr>")).isLessThan(preview.indexOf("Alpha"));
    assertThat(preview.indexOf("Alpha")).isLessThan(preview.indexOf("Bravo"));

    assertThatThrownBy(() -> client.reorderWidgets(page.id(), List.of(a.id(), b.id())))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void changesAWidgetButNotItsType() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Widgets"));
    BioWidgetView link =
        client.addWidget(page.id(), BioWidgetInput.link("Old", "https://a.example.com/"));
    BioWidgetView changed =
        client.updateWidget(
            page.id(), link.id(), JsonParser.parseString("{\"title\":\"New\"}").getAsJsonObject());
    assertThat(changed.title()).isEqualTo("New");
    assertThat(changed.url()).isEqualTo("https://a.example.com/");
    assertThatThrownBy(
            () ->
                client.updateWidget(
                    page.id(),
                    link.id(),
                    JsonParser.parseString("{\"type\":\"heading\"}").getAsJsonObject()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void keepsHandlesUniquePerDomainAndPagesPrivateToTheirWorkspace() throws Exception {
    String handle = newHandle();
    BioPageView first = client.createPage(BioPageInput.of(handle, "One"));
    assertThatThrownBy(() -> client.createPage(BioPageInput.of(handle.toUpperCase(), "Two")))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error().error()).isEqualTo("handle_taken"));
    BioPageView onDomain =
        client.createPage(
            BioPageInput.of(handle, "Three").withDomain("bio.example.com").asPublished());
    assertThat(onDomain.publicUrl()).isEqualTo("http://bio.example.com/@" + handle);
    assertThat(first.publicUrl()).isEqualTo(collector.baseUrl() + "/@" + handle);

    String otherKey = collector.createWorkspaceKey("bio-other-" + handle);
    assertThatThrownBy(() -> collector.client(otherKey).page(first.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(collector.client(otherKey).pages()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          javascript URL                | {"type":"link","title":"x","url":"javascript:alert(1)"}            | invalid_field
          data URL                      | {"type":"link","title":"x","url":"data:text/html,<b>x</b>"}       | invalid_field
          javascript in a social icon   | {"type":"social","icons":[{"platform":"x","url":"javascript:1"}]} | invalid_field
          mailto with a script          | {"type":"email","url":"mailto:a@b.c?x=<script>"}                  | invalid_field
          unknown platform              | {"type":"social","icons":[{"platform":"myspace","url":"https://a.b/"}]} | invalid_field
          video from elsewhere          | {"type":"video","url":"https://evil.example.com/watch?v=abcdefghijk"} | invalid_field
          unknown widget type           | {"type":"marquee","title":"x"}                                    | unknown_widget_type
          missing type                  | {"title":"x"}                                                     | invalid_field
          link without title            | {"type":"link","url":"https://a.example.com/"}                    | invalid_field
          heading too long              | {"type":"heading","title":"%s"}                                   | invalid_field
          unknown field                 | {"type":"divider","colour":"red"}                                 | unknown_field
          """)
  void refusesBadWidgetsWithA400(String what, String body, String code) throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Bad input"));
    String json = body.replace("%s", "h".repeat(201));
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/pages/" + page.id() + "/widgets")
                .header("Authorization", "Bearer " + collector.adminKey())
                .post(RequestBody.create(json, MediaType.get("application/json")))
                .build())) {
      assertThat(response.code()).as(what).isEqualTo(400);
      assertThat(response.body().string()).contains("\"error\":\"" + code + "\"");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          handle with a slash         | {"handle":"a/b","title":"x"}
          handle with an at sign      | {"handle":"@anna","title":"x"}
          handle too long             | {"handle":"abcdefghijabcdefghijabcdefghijk","title":"x"}
          missing title               | {"handle":"fine"}
          multi-line title            | {"handle":"fine","title":"a\\nb"}
          javascript avatar           | {"handle":"fine","title":"x","avatarUrl":"javascript:alert(1)"}
          unknown preset              | {"handle":"fine","title":"x","theme":{"preset":"neon"}}
          colour that is not a colour | {"handle":"fine","title":"x","theme":{"text":"red;background:url(x)"}}
          unreadable text colour      | {"handle":"fine","title":"x","theme":{"preset":"daylight","text":"#eeeeee"}}
          unreadable button colours   | {"handle":"fine","title":"x","theme":{"button":"#ffffff","buttonText":"#f0f0f0"}}
          unknown font                | {"handle":"fine","title":"x","theme":{"font":"Comic Sans"}}
          """)
  void refusesBadPagesWithA400(String what, String body) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/pages")
                .header("Authorization", "Bearer " + collector.adminKey())
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build())) {
      assertThat(response.code()).as(what).isEqualTo(400);
      assertThat(response.body().string()).contains("\"error\":");
    }
  }

  @Test
  void appliesAThemePresetWithTheOwnersChanges() {
    BioPageView page =
        client.createPage(
            BioPageInput.of(newHandle(), "Themed")
                .withTheme(
                    new BioTheme("midnight", null, null, null, "#7c3aed", null, "mono", "square")));
    assertThat(page.theme())
        .isEqualTo(
            new BioTheme(
                "midnight",
                "#0b1022",
                "#231a4d",
                "#f1f3fb",
                "#7c3aed",
                "#ffffff",
                "mono",
                "square"));
    BioPageView changed =
        client.updatePage(
            page.id(),
            JsonParser.parseString("{\"theme\":{\"font\":\"serif\"}}").getAsJsonObject());
    assertThat(changed.theme().button()).isEqualTo("#7c3aed");
    assertThat(changed.theme().font()).isEqualTo("serif");
  }

  @Test
  void embedsVideosWithoutCookiesAndGivesImagesTheirAlternativeText() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Media"));
    client.addWidget(
        page.id(), BioWidgetInput.video("https://youtu.be/dQw4w9WgXcQ?t=42", "Studio tour"));
    client.addWidget(
        page.id(), BioWidgetInput.image("https://img.example.com/vase.jpg", "A blue vase", null));
    client.publishPage(page.id());

    assertThat(body("/@" + page.handle()))
        .contains(
            "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" title=\"Studio"
                + " tour\"")
        .contains("<img src=\"https://img.example.com/vase.jpg\" alt=\"A blue vase\"")
        .doesNotContain("youtu.be");
  }

  @Test
  void usesTheSeoFieldsForTheTitleAndLinkPreviews() throws Exception {
    BioPageView page =
        client.createPage(
            new BioPageInput(
                newHandle(),
                null,
                "Mara",
                "Ceramics",
                "https://img.example.com/mara.jpg",
                null,
                "Mara Lindqvist — ceramics from Malmö",
                "Stoneware & workshops",
                "https://img.example.com/og.jpg",
                true));

    assertThat(body("/@" + page.handle()))
        .contains("<title>Mara Lindqvist — ceramics from Malmö</title>")
        .contains("<meta property=\"og:title\" content=\"Mara Lindqvist — ceramics from Malmö\">")
        .contains("<meta property=\"og:description\" content=\"Stoneware &amp; workshops\">")
        .contains("<meta property=\"og:image\" content=\"https://img.example.com/og.jpg\">")
        .contains("<img class=\"avatar\" src=\"https://img.example.com/mara.jpg\" alt=\"\"");
  }

  @Test
  void servesAPageOnACustomDomainOnlyThere() throws Exception {
    String handle = newHandle();
    client.createPage(
        BioPageInput.of(handle, "On my domain").withDomain("links.mara.example").asPublished());

    try (Response response =
        collector.send(
            collector.request("/@" + handle).header("Host", "links.mara.example").build())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("On my domain");
    }
    assertThat(status("/@" + handle)).isEqualTo(404);
  }

  @Test
  void answersUnknownHandlesAndWidgetsWith404() throws Exception {
    assertThat(status("/@nobody-here")).isEqualTo(404);
    assertThat(status("/@")).isEqualTo(404);
    assertThat(status("/@" + "x".repeat(2000))).isEqualTo(404);
    assertThat(status("/@<script>")).isEqualTo(404);
    BioPageView page = client.createPage(BioPageInput.of(newHandle(), "Gaps"));
    BioWidgetView heading = client.addWidget(page.id(), BioWidgetInput.heading("No target"));
    client.publishPage(page.id());
    assertThat(status("/@" + page.handle() + "/w/999999")).isEqualTo(404);
    assertThat(status("/@" + page.handle() + "/w/abc")).isEqualTo(404);
    assertThat(status("/@" + page.handle() + "/w/" + heading.id())).isEqualTo(404);
    assertThat(status("/@" + page.handle() + "/other")).isEqualTo(404);
  }

  private static int status(String path) throws Exception {
    try (Response response = collector.send(collector.request(path).build())) {
      return response.code();
    }
  }

  private static String body(String path) throws Exception {
    try (Response response = collector.send(collector.request(path).build())) {
      return response.body().string();
    }
  }
}
