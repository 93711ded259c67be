package io.linkscope.collector.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.conversion.ConversionInput;
import io.linkscope.api.conversion.ConversionReceipt;
import io.linkscope.api.conversion.ConversionReport;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.LinkCost;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.ingest.RollupRebuild;
import io.linkscope.collector.testsupport.TestCollector;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversions end to end on the real collector and MariaDB: the click id on the destination, the
 * conversions API (idempotent per event id, its 400s and its keys), the counts per link, source and
 * campaign, cost per conversion, and the experiment endpoint.
 */
class ConversionApiTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";
  private static final Pattern CLICK_ID =
      Pattern.compile("lsclid=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

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
  void theRedirectAppendsTheIdItStoresTheClickUnder() throws Exception {
    LinkView link =
        collector
            .client()
            .createLink(
                LinkInput.to("https://shop.example.com/p?ref=x#top")
                    .withSlug("conv-append")
                    .withClickIdParam("lsclid"));
    assertThat(link.clickIdParam()).isEqualTo("lsclid");

    // A click id the visitor put on the short URL is not passed on: only the collector's.
    String location = follow("/conv-append?lsclid=forged&utm_campaign=spring", null);
    assertThat(location)
        .startsWith("https://shop.example.com/p?ref=x&utm_campaign=spring&lsclid=")
        .endsWith("#top")
        .doesNotContain("forged");
    UUID clickId = clickId(location);

    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    try (Connection c = collector.database().connect();
        PreparedStatement s =
            c.prepareStatement("SELECT link_id, utm_campaign FROM click WHERE click_id = ?")) {
      s.setBytes(1, ClickIds.bytes(clickId));
      try (ResultSet row = s.executeQuery()) {
        assertThat(row.next()).as("the click is stored under the appended id").isTrue();
        assertThat(row.getLong(1)).isEqualTo(link.id());
        assertThat(row.getString(2)).isEqualTo("spring");
      }
    }
  }

  @Test
  void aLinkWithoutTheParameterRedirectsAsBefore() throws Exception {
    collector
        .client()
        .createLink(LinkInput.to("https://shop.example.com/plain").withSlug("conv-plain"));

    assertThat(follow("/conv-plain", null)).isEqualTo("https://shop.example.com/plain");
  }

  @Test
  void theParameterIsValidatedAndCanBeTurnedOff() throws Exception {
    try (Response response =
        post(
            "/api/v1/links",
            collector.adminKey(),
            "{\"targetUrl\":\"https://shop.example.com/\",\"clickIdParam\":\"click id\"}")) {
      assertThat(response.code()).isEqualTo(400);
      JsonObject error = JsonParser.parseString(response.body().string()).getAsJsonObject();
      assertThat(error.get("error").getAsString()).isEqualTo("invalid_field");
      assertThat(error.get("message").getAsString()).contains("clickIdParam");
    }
    LinkView link =
        collector
            .client()
            .createLink(
                LinkInput.to("https://shop.example.com/off")
                    .withSlug("conv-off")
                    .withClickIdParam("cid"));
    assertThat(follow("/conv-off", null)).startsWith("https://shop.example.com/off?cid=");

    JsonObject patch = new JsonObject();
    patch.add("clickIdParam", com.google.gson.JsonNull.INSTANCE);
    LinkView off = collector.client().updateLink(link.id(), patch);

    assertThat(off.clickIdParam()).isNull();
    assertThat(follow("/conv-off", null)).isEqualTo("https://shop.example.com/off");
  }

  @Test
  void aConversionIsStoredOnceHoweverOftenItIsSent() throws Exception {
    collector
        .client()
        .createLink(
            LinkInput.to("https://shop.example.com/once")
                .withSlug("conv-once")
                .withClickIdParam("lsclid"));
    UUID clickId = clickId(follow("/conv-once", null));
    String body =
        """
        {"eventId":"order-1","clickId":"%s","event":"purchase","value":49.90,"currency":"EUR"}
        """
            .formatted(clickId);

    try (Response first = post("/api/v1/conversions", collector.adminKey(), body)) {
      assertThat(first.code()).isEqualTo(202);
      assertThat(first.body().string()).contains("\"status\":\"accepted\"");
    }
    // Sent again before it is stored: accepted again, still stored once.
    try (Response again = post("/api/v1/conversions", collector.adminKey(), body)) {
      assertThat(again.code()).isIn(200, 202);
    }
    awaitStored(collector, "order-1");
    try (Response late = post("/api/v1/conversions", collector.adminKey(), body)) {
      assertThat(late.code()).isEqualTo(200);
      assertThat(late.body().string()).contains("\"status\":\"duplicate\"");
    }
    Thread.sleep(500);
    try (Connection c = collector.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*), MAX(value), MAX(currency), MAX(event_name), MAX(click_id)"
                    + " FROM conversion WHERE event_id = 'order-1'")) {
      try (ResultSet row = s.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).isEqualTo(1);
        assertThat(row.getBigDecimal(2)).isEqualByComparingTo("49.90");
        assertThat(row.getString(3)).isEqualTo("EUR");
        assertThat(row.getString(4)).isEqualTo("purchase");
        assertThat(row.getBytes(5)).isEqualTo(ClickIds.bytes(clickId));
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"purchase"}                  | invalid_field | eventId
          {"eventId":"e","clickId":"not-a-uuid","event":"purchase"}                               | invalid_field | clickId
          {"eventId":"e","event":"purchase"}                                                      | invalid_field | clickId
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f"}                        | invalid_field | event
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"buy","value":-1,"currency":"EUR"} | invalid_field | value
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"buy","value":1.00001,"currency":"EUR"} | invalid_field | value
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"buy","value":10}  | invalid_field | currency
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"buy","currency":"EUR"} | invalid_field | currency
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"buy","value":"ten","currency":"EUR"} | invalid_field | wrong type
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"buy","occurredAt":"2199-01-01T00:00:00Z"} | invalid_field | occurredAt
          {"eventId":"e","clickId":"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f","event":"buy","colour":"red"} | unknown_field | colour
          {"eventId":                                                                             | invalid_json | ''
          """)
  void refusesInvalidConversions(String body, String error, String mentioned) throws Exception {
    try (Response response = post("/api/v1/conversions", collector.adminKey(), body)) {
      String text = response.body().string();
      assertThat(response.code()).as(text).isEqualTo(400);
      JsonObject json = JsonParser.parseString(text).getAsJsonObject();
      assertThat(json.get("error").getAsString()).as(text).isEqualTo(error);
      assertThat(json.get("message").getAsString()).contains(mentioned);
    }
  }

  @Test
  void reportingAConversionNeedsAKeyThatMayEdit() throws Exception {
    String body =
        "{\"eventId\":\"auth-1\",\"clickId\":\"0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f\","
            + "\"event\":\"purchase\"}";
    try (Response none = post("/api/v1/conversions", null, body)) {
      assertThat(none.code()).isEqualTo(401);
    }
    try (Response wrong = post("/api/v1/conversions", "lsk_not-a-key", body)) {
      assertThat(wrong.code()).isEqualTo(401);
    }
    String viewer = key(Role.VIEWER);
    try (Response read = post("/api/v1/conversions", viewer, body)) {
      assertThat(read.code()).isEqualTo(403);
    }
    try (Response edit = post("/api/v1/conversions", key(Role.EDITOR), body)) {
      assertThat(edit.code()).isEqualTo(202);
    }
  }

  @Test
  void conversionsCountPerLinkSourceAndCampaignAndCostPerConversion() throws Exception {
    String key = collector.createWorkspaceKey("conv-report");
    var client = collector.client(key);
    LinkView shop =
        client.createLink(
            LinkInput.to("https://shop.example.com/r")
                .withSlug("conv-r")
                .withClickIdParam("lsclid"));
    LinkView blog =
        client.createLink(
            LinkInput.to("https://blog.example.com/r")
                .withSlug("conv-b")
                .withClickIdParam("lsclid"));
    String instagram = "https://www.instagram.com/";
    UUID spring1 = clickId(follow("/conv-r?utm_campaign=spring", instagram));
    UUID spring2 = clickId(follow("/conv-r?utm_campaign=spring", instagram));
    follow("/conv-r?utm_campaign=spring", instagram);
    UUID fall = clickId(follow("/conv-r?utm_campaign=fall", null));
    follow("/conv-r?utm_campaign=fall", null);
    UUID blogClick = clickId(follow("/conv-b", null));
    collector.awaitBacklogDrained(Duration.ofSeconds(30));

    report(key, "r-1", spring1, "purchase", "20.00");
    report(key, "r-2", spring1, "upsell", "5.50");
    report(key, "r-3", spring2, "purchase", "10.00");
    report(key, "r-4", fall, "purchase", "30.00");
    report(key, "r-5", blogClick, "signup", null);
    report(key, "r-6", UUID.randomUUID(), "purchase", "1.00");
    // A click of another workspace does not count here, nor there.
    UUID foreign = clickId(follow("/conv-once", null));
    report(key, "r-7", foreign, "purchase", "99.00");
    awaitStored(collector, "r-7");

    JsonObject byCampaign = get(key, "/api/v1/stats/conversions?by=campaign&link=" + shop.id());
    Map<String, JsonObject> campaigns = rows(byCampaign);
    assertThat(campaigns.get("spring").get("clicks").getAsLong()).isEqualTo(3);
    assertThat(campaigns.get("spring").get("convertedClicks").getAsLong()).isEqualTo(2);
    assertThat(campaigns.get("spring").get("conversions").getAsLong()).isEqualTo(3);
    assertThat(campaigns.get("spring").get("conversionRate").getAsDouble()).isEqualTo(0.6667);
    assertThat(campaigns.get("spring").get("revenue").getAsBigDecimal())
        .isEqualByComparingTo("35.50");
    assertThat(campaigns.get("spring").get("currency").getAsString()).isEqualTo("EUR");
    assertThat(campaigns.get("fall").get("clicks").getAsLong()).isEqualTo(2);
    assertThat(campaigns.get("fall").get("conversions").getAsLong()).isEqualTo(1);
    assertThat(byCampaign.getAsJsonObject("total").get("conversions").getAsLong()).isEqualTo(4);
    assertThat(byCampaign.get("unattributed").getAsLong()).isEqualTo(2);

    Map<String, JsonObject> sources = rows(get(key, "/api/v1/stats/conversions?by=source"));
    assertThat(sources.get("Instagram").get("clicks").getAsLong()).isEqualTo(3);
    assertThat(sources.get("Instagram").get("conversions").getAsLong()).isEqualTo(3);

    Map<String, JsonObject> links = rows(get(key, "/api/v1/stats/conversions?by=link"));
    assertThat(links.get(Long.toString(shop.id())).get("conversions").getAsLong()).isEqualTo(4);
    assertThat(links.get(Long.toString(blog.id())).get("conversions").getAsLong()).isEqualTo(1);
    assertThat(links.get(Long.toString(blog.id())).get("currency").getAsString()).isEmpty();

    Map<String, JsonObject> purchases =
        rows(get(key, "/api/v1/stats/conversions?by=campaign&event=purchase&link=" + shop.id()));
    assertThat(purchases.get("spring").get("conversions").getAsLong()).isEqualTo(2);

    try (Response bad = send(key, "/api/v1/stats/conversions?by=colour")) {
      assertThat(bad.code()).isEqualTo(400);
    }

    // Cost per conversion: 40 EUR on Instagram, 12 EUR on all other sources, over today.
    LocalDate today = LocalDate.now(Clock.systemUTC().withZone(ZoneOffset.UTC));
    client.addLinkCost(
        shop.id(),
        new LinkCost(null, "Instagram", today, today, 1000, new BigDecimal("40.00"), "EUR"));
    client.addLinkCost(
        shop.id(), new LinkCost(null, "all", today, today, 0, new BigDecimal("12.00"), "EUR"));
    JsonObject costs = get(key, "/api/v1/links/" + shop.id() + "/cost-per-conversion");
    Map<String, JsonObject> channels = new HashMap<>();
    for (JsonElement row : costs.getAsJsonArray("channels")) {
      channels.put(row.getAsJsonObject().get("channel").getAsString(), row.getAsJsonObject());
    }
    assertThat(channels.get("instagram").get("conversions").getAsLong()).isEqualTo(3);
    assertThat(channels.get("instagram").get("costPerConversion").getAsBigDecimal())
        .isEqualByComparingTo("13.33");
    assertThat(channels.get("all").get("clicks").getAsLong()).isEqualTo(2);
    assertThat(channels.get("all").get("conversions").getAsLong()).isEqualTo(1);
    assertThat(channels.get("all").get("costPerConversion").getAsBigDecimal())
        .isEqualByComparingTo("12.00");
  }

  @Test
  void theExperimentIsMeasuredPerVariantOnceClicksRecordTheirVariant() throws Exception {
    String key = collector.createWorkspaceKey("conv-ab");
    LinkView link =
        collector
            .client(key)
            .createLink(
                LinkInput.to("https://shop.example.com/ab")
                    .withSlug("conv-ab")
                    .withClickIdParam("lsclid"));
    for (int i = 0; i < 6; i++) {
      UUID click = clickId(follow("/conv-ab", null));
      if (i < 2) {
        report(key, "ab-" + i, click, "purchase", null);
      }
    }
    awaitStored(collector, "ab-1");
    collector.awaitBacklogDrained(Duration.ofSeconds(30));

    try (Connection c = collector.database().connect()) {
      boolean recorded;
      try (ResultSet columns =
          c.getMetaData().getColumns(c.getCatalog(), null, "click", "destination_key")) {
        recorded = columns.next();
      }
      if (!recorded) {
        try (Response before = send(key, "/api/v1/links/" + link.id() + "/experiment")) {
          assertThat(before.code()).isEqualTo(409);
          assertThat(before.body().string()).contains("no_variants");
        }
        // What the routing migration adds: which variant served the click (null: the target).
        c.createStatement()
            .execute("ALTER TABLE click ADD COLUMN IF NOT EXISTS destination_key VARCHAR(64) NULL");
      }
      // The two converted clicks went to the target, the four others to variant 7.
      c.createStatement()
          .executeUpdate(
              "UPDATE click SET destination_key = 'variant:7' WHERE link_id = "
                  + link.id()
                  + " AND click_id NOT IN (SELECT click_id FROM conversion)");
    }
    // The clicks were changed behind the collector's back: the rollups the reports read are
    // recounted from them, as `rollups rebuild` does.
    new RollupRebuild(collector.collector().database().dataSource()).run(n -> {});
    JsonObject experiment = get(key, "/api/v1/links/" + link.id() + "/experiment");
    Map<String, JsonObject> byVariant =
        rows(get(key, "/api/v1/stats/conversions?by=variant&link=" + link.id()));
    assertThat(byVariant.get("target").get("conversions").getAsLong()).isEqualTo(2);
    assertThat(byVariant.get("variant:7").get("clicks").getAsLong()).isEqualTo(4);
    assertThat(byVariant.get("variant:7").get("conversions").getAsLong()).isZero();

    assertThat(experiment.get("control").getAsString()).isEqualTo("target");
    JsonArray variants = experiment.getAsJsonArray("variants");
    assertThat(variants).hasSize(2);
    assertThat(variants.get(0).getAsJsonObject().get("clicks").getAsLong()).isEqualTo(2);
    assertThat(variants.get(0).getAsJsonObject().get("conversions").getAsLong()).isEqualTo(2);
    assertThat(variants.get(1).getAsJsonObject().get("key").getAsString()).isEqualTo("variant:7");
    assertThat(variants.get(1).getAsJsonObject().get("clicks").getAsLong()).isEqualTo(4);
    assertThat(variants.get(1).getAsJsonObject().get("conversions").getAsLong()).isZero();
    // 2/2 against 0/4: pooled z-test z = -2.449490, p = 0.0143059 (scipy), so the target wins.
    assertThat(experiment.get("pValue").getAsDouble())
        .isCloseTo(0.0143059, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(experiment.get("verdict").getAsString()).isEqualTo("target beats variant:7 at 95 %");
  }

  @Test
  void theClientReportsAndReadsConversions() throws Exception {
    String key = collector.createWorkspaceKey("conv-client");
    var client = collector.client(key);
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.example.com/c")
                .withSlug("conv-c")
                .withClickIdParam("lsclid"));
    UUID click = clickId(follow("/conv-c?utm_campaign=winter", null));

    ConversionReceipt receipt =
        client.reportConversion(
            new ConversionInput("c-1", click.toString(), "signup", null, null, null));
    assertThat(receipt).isEqualTo(new ConversionReceipt("c-1", "accepted"));
    awaitStored(collector, "c-1");
    collector.awaitBacklogDrained(Duration.ofSeconds(30));

    ConversionReport report = client.conversions("campaign", link.id());
    assertThat(report.rows())
        .containsExactly(new ConversionReport.Row("winter", 1, 1, 1, 1.0, null, ""));
    assertThat(client.costPerConversion(link.id()).channels()).isEmpty();
    assertThat(client.postbackSecret().secret()).hasSize(64);
  }

  private static void report(
      String key, String eventId, UUID clickId, String event, @Nullable String value)
      throws Exception {
    String money = value == null ? "" : ",\"value\":" + value + ",\"currency\":\"EUR\"";
    String body =
        "{\"eventId\":\"%s\",\"clickId\":\"%s\",\"event\":\"%s\"%s}"
            .formatted(eventId, clickId, event, money);
    try (Response response = post("/api/v1/conversions", key, body)) {
      assertThat(response.code()).as(response.body().string()).isEqualTo(202);
    }
  }

  static void awaitStored(TestCollector collector, String eventId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = collector.database().connect();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM conversion WHERE event_id = ?")) {
      s.setString(1, eventId);
      while (true) {
        try (ResultSet row = s.executeQuery()) {
          row.next();
          if (row.getLong(1) > 0) {
            return;
          }
        }
        assertThat(System.nanoTime()).as("stored in time: " + eventId).isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  private static Map<String, JsonObject> rows(JsonObject report) {
    Map<String, JsonObject> rows = new HashMap<>();
    for (JsonElement row : report.getAsJsonArray("rows")) {
      rows.put(row.getAsJsonObject().get("value").getAsString(), row.getAsJsonObject());
    }
    return rows;
  }

  /** Opens {@code path} as a browser would and returns where it was sent. */
  static String follow(String path, @Nullable String referrer) throws Exception {
    Request.Builder request = collector.request(path).header("User-Agent", BROWSER);
    if (referrer != null) {
      request.header("Referer", referrer);
    }
    try (Response response = collector.send(request.build())) {
      assertThat(response.code()).isEqualTo(302);
      return response.header("Location");
    }
  }

  static UUID clickId(String location) {
    Matcher matcher = CLICK_ID.matcher(location);
    assertThat(matcher.find()).as(location).isTrue();
    return UUID.fromString(matcher.group(1));
  }

  private static String key(Role role) throws Exception {
    var dataSource = collector.collector().database().dataSource();
    long workspace = collector.client().workspace().id();
    return new ApiKeys(dataSource, Clock.systemUTC()).create(workspace, "conv", role).secret();
  }

  static Response post(String path, @Nullable String key, String body) throws Exception {
    Request.Builder request = collector.request(path).post(RequestBody.create(body, JSON));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return collector.send(request.build());
  }

  private static Response send(String key, String path) throws Exception {
    return collector.send(collector.request(path).header("Authorization", "Bearer " + key).build());
  }

  private static JsonObject get(String key, String path) throws Exception {
    try (Response response = send(key, path)) {
      String text = response.body().string();
      assertThat(response.code()).as(text).isEqualTo(200);
      return JsonParser.parseString(text).getAsJsonObject();
    }
  }
}
