package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkPage;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.stats.Orphans;
import io.linkscope.collector.http.ApiErrorHandler;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.testsupport.LogCapture;
import io.linkscope.collector.testsupport.RawHttp;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir static Path directory;
  static TestCollector collector;
  static RawHttp http;
  static long takenId;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    http = new RawHttp(collector.collector().port(), Duration.ofSeconds(20));
    post("{\"slug\":\"taken\",\"targetUrl\":\"https://example.com/\"}").close();
    takenId = collector.client().links(LinkQuery.firstPage()).items().getFirst().id();
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
    long before = collector.client().links(LinkQuery.firstPage()).total();
    try (Response response = post(body)) {
      assertThat(response.code()).isEqualTo(status);
      JsonObject json = JsonParser.parseString(response.body().string()).getAsJsonObject();
      assertThat(json.get("error").getAsString()).isEqualTo(error);
      assertThat(json.get("message").getAsString()).isNotBlank();
    }
    assertThat(collector.client().links(LinkQuery.firstPage()).total()).isEqualTo(before);
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          /api/v1/links?%
          /api/v1/links?q=%zz
          /api/v1/stats/summary?tz=%e2%82
          /api/v1/stats/series?from=%ff
          /api/v1/sync/links?cursor=%
          /api/v1/orphans?limit=%C3%28
          /api/v1/workspace?%zz
          /health?%
          /metrics?a=%e2%82
          """)
  void refusesMalformedPercentEncodingInTheQueryStringInOneLogLine(String target) throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      RawHttp.Reply reply = http.send("GET", target, adminHeader(), null);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(errorOf(reply.body())).isEqualTo("invalid_query");
      assertThat(logs.from(ApiRequest.class)).hasSize(1);
      assertThat(logs.atLeastOrWithTrace(Level.ERROR)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          POST | /api/v1/links                          | {"targetUrl": "https://example.com/", "validUntil": "+999999999-12-31T23:59:59Z"}
          POST | /api/v1/links                          | {"targetUrl": "https://example.com/", "validFrom": "+10000-01-01T00:00:00Z"}
          POST | /api/v1/links                          | {"targetUrl": "https://example.com/", "validFrom": "-999999999-01-01T00:00:00Z"}
          POST | /api/v1/links                          | {"targetUrl": "https://example.com/", "validFrom": "1969-12-31T23:59:59Z"}
          GET  | /api/v1/links/{taken}/clicks?from=-999999999-01-01T00:00:00Z |
          GET  | /api/v1/links/{taken}/totals?to=%2B999999999-12-31T23:59:59Z |
          GET  | /api/v1/stats/summary?from=%2B999999999-12-31T23:59:59Z     |
          GET  | /api/v1/stats/summary?to=%2B10000-01-01                      |
          POST | /api/v1/links/{taken}/costs | {"channel": "all", "periodStart": "+10000-01-01", "periodEnd": "+10000-01-02", "impressions": 1, "spend": 1, "currency": "EUR"}
          """)
  void refusesDatesOutsideTheRangeTheDatabaseStoresSayingTheRange(
      String method, String path, String body) throws Exception {
    RawHttp.Reply reply =
        http.send(
            method,
            path.replace("{taken}", Long.toString(takenId)),
            jsonHeaders(),
            body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(JsonParser.parseString(reply.body()).getAsJsonObject().get("message").getAsString())
        .containsAnyOf("1970-01-01", "2000 and 2099");
  }

  @Test
  void findsLinksByNonAsciiSearchText() throws Exception {
    collector
        .client()
        .createLink(LinkInput.to("https://example.com/cafe").withTitle("Le Café du coin"));
    RawHttp.Reply found = http.send("GET", "/api/v1/links?q=caf%C3%A9", adminHeader(), null);
    assertThat(found.status()).isEqualTo(200);
    LinkPage page = io.linkscope.api.Json.read(found.body(), LinkPage.class);
    assertThat(page.items()).extracting(l -> l.title()).containsExactly("Le Café du coin");
    RawHttp.Reply none =
        http.send("GET", "/api/v1/links?q=%F0%9F%98%80%E2%80%AE", adminHeader(), null);
    assertThat(none.status()).isEqualTo(200);
    assertThat(io.linkscope.api.Json.read(none.body(), LinkPage.class).total()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          /api/v1/stats/velocity?tag=nosuchtag
          /api/v1/stats/summary?tag=nosuchtag
          /api/v1/stats/series?tag=nosuchtag
          /api/v1/stats/breakdowns/country?tag=nosuchtag
          /api/v1/stats/heatmap?tag=nosuchtag
          /api/v1/stats/report?tag=nosuchtag
          """)
  void answersATagNoLinkHasWithANotFoundInsteadOfADatabaseError(String target) throws Exception {
    RawHttp.Reply reply = http.send("GET", target, adminHeader(), null);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).contains("\"error\"").contains("\"message\"");
  }

  @Test
  void answersNonAsciiSlugsAsUnknownLinksAndCountsTheOrphanVisit() throws Exception {
    Instant before = Instant.now().minusSeconds(5);
    for (String target : java.util.List.of("/caf%C3%A9", "/%E2%98%95", "/a.b")) {
      // A browser's User-Agent: orphan visits of bots are left out of the report.
      RawHttp.Reply reply = http.send("GET", target, Map.of("User-Agent", BROWSER), null);
      assertThat(reply.status()).as(target).isEqualTo(404);
      assertThat(reply.header("Retry-After")).isNull();
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    Orphans orphans = collector.client().orphans(before, null, 100);
    assertThat(orphans.paths())
        .extracting(Orphans.OrphanPath::path)
        .contains("/café", "/☕", "/a.b");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          maxClicks    | 1e23
          maxClicks    | 1.5
          maxClicks    | 9223372036854775808
          maxClicks    | -9223372036854775809
          maxClicks    | "5"
          maxClicks    | true
          redirectType | 302.5
          redirectType | 4294967598
          redirectType | "302"
          """)
  void refusesNumbersThatAreNotWholeOrOutOfRange(String field, String value) throws Exception {
    try (Response response =
        post("{\"targetUrl\": \"https://example.com/\", \"" + field + "\": " + value + "}")) {
      assertThat(response.code()).isEqualTo(400);
      JsonObject json = JsonParser.parseString(response.body().string()).getAsJsonObject();
      assertThat(json.get("error").getAsString()).isEqualTo("invalid_field");
      assertThat(json.get("message").getAsString()).contains(field).contains("whole number");
    }
  }

  @Test
  void refusesFractionalNumbersInEveryRequestBody() throws Exception {
    RawHttp.Reply cost =
        http.send(
            "POST",
            "/api/v1/links/" + takenId + "/costs",
            jsonHeaders(),
            ("{\"channel\": \"all\", \"periodStart\": \"2026-01-01\", \"periodEnd\":"
                    + " \"2026-01-02\", \"impressions\": 10.5, \"spend\": 1, \"currency\": \"EUR\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(cost.status()).isEqualTo(400);
    assertThat(cost.body()).contains("impressions");
    var page = collector.client().createPage(io.linkscope.api.bio.BioPageInput.of("numbers", "N"));
    RawHttp.Reply order =
        http.send(
            "PUT",
            "/api/v1/pages/" + page.id() + "/widget-order",
            jsonHeaders(),
            "{\"widgetIds\": [1.5]}".getBytes(StandardCharsets.UTF_8));
    assertThat(order.status()).isEqualTo(400);
    assertThat(order.body()).contains("widgetIds[0]");
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          text/plain                             | 415
          application/x-www-form-urlencoded      | 415
          ''                                     | 415
          application/json; charset=iso-8859-1   | 415
          application/jsonp                      | 415
          application/json                       | 201
          Application/JSON;charset=UTF-8         | 201
          """)
  void acceptsJsonBodiesOnlyAsApplicationJson(String contentType, int status) throws Exception {
    Map<String, String> headers = new java.util.LinkedHashMap<>(adminHeader());
    if (!contentType.isEmpty()) {
      headers.put("Content-Type", contentType);
    }
    RawHttp.Reply reply =
        http.send(
            "POST",
            "/api/v1/links",
            headers,
            "{\"targetUrl\": \"https://example.com/typed\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).isEqualTo(status);
    if (status == 415) {
      assertThat(errorOf(reply.body())).isEqualTo("unsupported_media_type");
    }
  }

  @Test
  void answersABodyShorterThanItsContentLengthWith408AndFreesTheThread() throws Exception {
    try (TestCollector impatient =
            TestCollector.start(
                directory.resolve("impatient"),
                c -> c.withRequestBodyTimeout(Duration.ofSeconds(1)));
        Socket socket = new Socket("127.0.0.1", impatient.collector().port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/links HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + impatient.adminKey()
                  + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                  + "{\"targetUrl\"")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertThat(answer).isEqualTo("HTTP/1.1 408");
      assertThat(waited).isLessThan(Duration.ofSeconds(10));
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("request_timeout");
      try (Response health = impatient.send(impatient.request("/health").build())) {
        assertThat(health.code()).isEqualTo(200);
      }
    }
  }

  @Test
  void listsTheAllowedFieldsInAlphabeticalOrder() throws Exception {
    try (Response response = post("{\"targetUrl\": \"https://example.com/\", \"colour\": 1}")) {
      assertThat(response.body().string())
          .contains(
              "Allowed fields: clickIdParam, deepLinks, domain, experimentEndsAt, fallbackUrl,"
                  + " forwardQuery, maxClicks, notes, password, redirectType, rules, slug, tags,"
                  + " targetUrl, title,"
                  + " validFrom, validUntil, variants.");
    }
  }

  @Test
  void logsNoWarningForADuplicateSlug() throws Exception {
    try (LogCapture logs = LogCapture.start();
        Response response =
            post("{\"slug\": \"taken\", \"targetUrl\": \"https://example.com/\"}")) {
      assertThat(response.code()).isEqualTo(409);
      assertThat(logs.atLeastOrWithTrace(Level.WARN)).isEmpty();
    }
  }

  private static Map<String, String> adminHeader() {
    return Map.of("Authorization", "Bearer " + collector.adminKey());
  }

  private static Map<String, String> jsonHeaders() {
    return Map.of(
        "Authorization", "Bearer " + collector.adminKey(), "Content-Type", "application/json");
  }

  private static String errorOf(String body) {
    return JsonParser.parseString(body).getAsJsonObject().get("error").getAsString();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      textBlock =
          """
          GET,    /api/v1/links/%zz
          DELETE, /api/v1/links/%
          PATCH,  /api/v1/pages/%00
          GET,    /%zz
          """)
  void answersWhatJettyRefusesWithTheJsonErrorBodyInOneLogLine(String method, String target)
      throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      RawHttp.Reply reply = http.send(method, target, jsonHeaders(), null);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/json");
      assertThat(errorOf(reply.body())).isEqualTo("bad_request");
      assertThat(logs.from(ApiErrorHandler.class)).hasSize(1);
      assertThat(logs.atLeastOrWithTrace(Level.ERROR)).isEmpty();
    }
  }

  @Test
  void answersStatisticsOfAnotherWorkspacesPageWith404() throws Exception {
    var dataSource = collector.collector().database().dataSource();
    long other =
        new io.linkscope.collector.workspace.Workspaces(dataSource, java.time.Clock.systemUTC())
            .create("others", "O")
            .id();
    String otherKey =
        new io.linkscope.collector.auth.ApiKeys(dataSource, java.time.Clock.systemUTC())
            .create(other, "other", io.linkscope.collector.auth.Role.ADMIN)
            .secret();
    long foreignPage =
        collector
            .client(otherKey)
            .createPage(io.linkscope.api.bio.BioPageInput.of("foreign", "F"))
            .id();
    long ownPage =
        collector.client().createPage(io.linkscope.api.bio.BioPageInput.of("own", "O")).id();
    for (String target :
        java.util.List.of(
            "/api/v1/stats/pages/" + foreignPage, "/api/v1/stats/summary?page=" + foreignPage)) {
      RawHttp.Reply reply = http.send("GET", target, adminHeader(), null);
      assertThat(reply.status()).as(target).isEqualTo(404);
      assertThat(errorOf(reply.body())).isEqualTo("not_found");
    }
    assertThat(http.send("GET", "/api/v1/stats/pages/" + ownPage, adminHeader(), null).status())
        .isEqualTo(200);
  }
}
