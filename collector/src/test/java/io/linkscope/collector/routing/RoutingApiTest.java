package io.linkscope.collector.routing;

import static io.linkscope.collector.testsupport.TestGeoDatabase.BERLIN_IP;
import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static io.linkscope.collector.testsupport.TestGeoDatabase.TOKYO_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.Json;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.click.ClickView;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.Variant;
import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Routing rules and variants through the real server: real User-Agents, addresses of the test GeoIP
 * database and Accept-Language headers against a link's rules; the click's destination through the
 * journal into MariaDB and the destination breakdown; every invalid rule a 400.
 */
class RoutingApiTest {
  private static final AtomicInteger SLUGS = new AtomicInteger();

  static final String IPHONE_INSTAGRAM =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone15,3; iOS 17_1; en_US; en;"
          + " scale=3.00; 1290x2796; 532277048)";
  static final String ANDROID_TIKTOK =
      "Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36"
          + " (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.43 Mobile Safari/537.36"
          + " musical_ly_2023208030 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly"
          + " app_version/32.8.3 ByteLocale/en ByteFullLocale/en Region/DE BytedanceWebview/d8a21c6";
  static final String IPHONE_SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/26.6.1 Mobile/15E148 Safari/604.1";
  static final String ANDROID_CHROME =
      "Mozilla/5.0 (Linux; Android 5.0; SM-G900P Build/LRX21T) AppleWebKit/537.36 (KHTML, like"
          + " Gecko) Chrome/53.0.7149.1690 Mobile Safari/537.36";
  static final String WINDOWS_CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  static final String MAC_FIREFOX =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:140.0) Gecko/20100101 Firefox/140.0";
  static final String FACEBOOK_PREVIEW =
      "facebookexternalhit/1.0 (+http://www.facebook.com/externalhit_uatext.php)";
  static final String SLACK_PREVIEW = "Slackbot-LinkExpanding (+https://api.slack.com/robots)";

  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;
  static LinkView smart;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    client = collector.client();
    RuleConditions any = RuleConditions.any();
    smart =
        client.createLink(
            LinkInput.to("https://shop.test/default")
                .withSlug("smart")
                .withRouting(
                    List.of(
                        RoutingRule.redirect(any.withBot(true), "https://preview.test/card"),
                        RoutingRule.redirect(
                            any.withInApp(List.of("Instagram", "tiktok")),
                            "https://shop.test/app-social"),
                        RoutingRule.redirect(
                            any.withCountries(List.of("jp")).withOs(List.of("iOS")),
                            "https://shop.test/jp-ios"),
                        RoutingRule.redirect(
                            any.withLanguages(List.of("de")).withDevices(List.of("mobile")),
                            "https://shop.test/de-mobile"),
                        new RoutingRule(
                            null,
                            any.withCountries(List.of("GB")),
                            RoutingRule.NOT_FOUND,
                            null,
                            "UK not yet"),
                        RoutingRule.redirect(
                            any.withIpRanges(List.of("2a02:cf40::/32"))
                                .withQuery(List.of(new QueryCondition("vip", null))),
                            "https://shop.test/paris-vip"),
                        RoutingRule.redirect(
                            any.withQuery(List.of(new QueryCondition("utm_source", "newsletter"))),
                            "https://shop.test/news")),
                    null));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @ParameterizedTest(name = "{0} from {1}, {2}, ?{3} -> {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          FACEBOOK_PREVIEW | BERLIN_IP  | de                          | ''                      | https://preview.test/card
          SLACK_PREVIEW    | TOKYO_IP   | ''                          | ''                      | https://preview.test/card
          IPHONE_INSTAGRAM | TOKYO_IP   | ja                          | ''                      | https://shop.test/app-social
          ANDROID_TIKTOK   | LONDON_IP  | de                          | ''                      | https://shop.test/app-social
          IPHONE_SAFARI    | TOKYO_IP   | ja                          | ''                      | https://shop.test/jp-ios
          ANDROID_CHROME   | TOKYO_IP   | ja                          | ''                      | https://shop.test/default
          ANDROID_CHROME   | BERLIN_IP  | de-DE,de;q=0.9,en;q=0.8     | ''                      | https://shop.test/de-mobile
          ANDROID_CHROME   | BERLIN_IP  | en-US,en;q=0.9,de;q=0.8     | ''                      | https://shop.test/default
          ANDROID_CHROME   | PARIS_IPV6 | en;q=0.5, de;q=0.9          | ''                      | https://shop.test/de-mobile
          IPHONE_SAFARI    | LONDON_IP  | de                          | ''                      | https://shop.test/de-mobile
          WINDOWS_CHROME   | BERLIN_IP  | de                          | ''                      | https://shop.test/default
          MAC_FIREFOX      | LONDON_IP  | en-GB                       | ''                      | 404
          WINDOWS_CHROME   | PARIS_IPV6 | fr                          | vip                     | https://shop.test/paris-vip?vip
          WINDOWS_CHROME   | BERLIN_IP  | de                          | vip                     | https://shop.test/default?vip
          WINDOWS_CHROME   | PARIS_IPV6 | fr                          | utm_source=newsletter   | https://shop.test/news?utm_source=newsletter
          WINDOWS_CHROME   | PARIS_IPV6 | fr                          | utm_source=other        | https://shop.test/default?utm_source=other
          """)
  void sendsEachVisitWhereItsFirstMatchingRuleSays(
      String userAgent, String address, String language, String query, String expected)
      throws Exception {
    assertThat(follow("smart", userAgent(userAgent), ip(address), language, query))
        .isEqualTo(expected);
  }

  @Test
  void recordsTheRuleOrVariantAndTheUrlOnTheClickAndBreaksStatisticsDownByIt() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.test/own")
                .withSlug(nextSlug())
                .withRouting(
                    List.of(
                        RoutingRule.redirect(
                            RuleConditions.any().withCountries(List.of("JP")),
                            "https://shop.test/jp")),
                    List.of(
                        Variant.of("https://shop.test/a", 100 - 1),
                        Variant.of("https://shop.test/b", 1))));
    long rule = link.rules().getFirst().id();
    long variantA = link.variants().getFirst().id();
    follow(link.slug(), WINDOWS_CHROME, TOKYO_IP, "ja", "");
    follow(link.slug(), WINDOWS_CHROME, TOKYO_IP, "ja", "x=1");
    String sentTo = follow(link.slug(), WINDOWS_CHROME, BERLIN_IP, "de", "");
    assertThat(sentTo).isIn("https://shop.test/a", "https://shop.test/b");
    collector.awaitBacklogDrained(Duration.ofSeconds(20));

    List<List<String>> rows = new ArrayList<>();
    try (Connection c = collector.database().connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT destination_key, destination_url FROM click WHERE link_id = ? ORDER BY id")) {
      select.setLong(1, link.id());
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          rows.add(List.of(row.getString(1), row.getString(2)));
        }
      }
    }
    String variantKey = sentTo.endsWith("/a") ? "variant:" + variantA : "variant:" + (variantA + 1);
    assertThat(client.clicks(link.id(), null, null, 0, 10).items().reversed())
        .extracting(ClickView::destinationKey, ClickView::destinationUrl)
        .containsExactly(
            tuple("rule:" + rule, "https://shop.test/jp"),
            tuple("rule:" + rule, "https://shop.test/jp"),
            tuple(variantKey, sentTo));
    assertThat(rows)
        .containsExactly(
            List.of("rule:" + rule, "https://shop.test/jp"),
            List.of("rule:" + rule, "https://shop.test/jp"),
            List.of(variantKey, sentTo));

    Instant now = Instant.now();
    Breakdown destinations =
        client.statsBreakdown(
            StatsQuery.link(link.id(), now.minus(Duration.ofDays(1)), now.plusSeconds(3600)),
            Dimension.DESTINATION,
            10);
    assertThat(destinations.rows())
        .extracting(BreakdownRow::value, BreakdownRow::clicks, BreakdownRow::uniques)
        .containsExactly(tuple("rule:" + rule, 2L, 1L), tuple(variantKey, 1L, 1L));

    // The link report shows each destination's share; a filter by destination reads its clicks.
    StatsQuery query =
        StatsQuery.link(link.id(), now.minus(Duration.ofDays(1)), now.plusSeconds(3600));
    Breakdown inReport =
        client.statsReport(query, "day", 10).breakdowns().stream()
            .filter(b -> b.dimension().equals("destination"))
            .findFirst()
            .orElseThrow();
    assertThat(inReport.rows())
        .extracting(BreakdownRow::value, BreakdownRow::share)
        .containsExactly(tuple("rule:" + rule, 0.6667), tuple(variantKey, 0.3333));
    assertThat(
            client
                .statsBreakdown(query.where("destination", "rule:" + rule), Dimension.COUNTRY, 10)
                .rows())
        .extracting(BreakdownRow::value, BreakdownRow::clicks)
        .containsExactly(tuple("JP", 2L));
  }

  @Test
  void aRuleMayAnswerWithTheFallbackOrTheNotFoundPageAndARoutedLinkNeverAnswersPermanently()
      throws Exception {
    JsonObject body =
        JsonParser.parseString(
                """
                {"targetUrl": "https://shop.test/own", "redirectType": 301,
                 "fallbackUrl": "https://shop.test/closed",
                 "rules": [{"when": {"countries": ["JP"]}, "action": "fallback"},
                           {"when": {"countries": ["GB"]}, "action": "not_found"}]}
                """)
            .getAsJsonObject();
    body.addProperty("slug", nextSlug());
    LinkView link = client.createLink(Json.read(body.toString(), LinkInput.class));
    try (Response tokyo = visit(link.slug(), TOKYO_IP);
        Response london = visit(link.slug(), LONDON_IP);
        Response berlin = visit(link.slug(), BERLIN_IP)) {
      assertThat(tokyo.code()).isEqualTo(302);
      assertThat(tokyo.header("Location")).isEqualTo("https://shop.test/closed");
      assertThat(london.code()).isEqualTo(404);
      assertThat(london.body().string()).contains("no link at this address");
      // 301 would be cached by the browser, and the rules never asked again.
      assertThat(berlin.code()).isEqualTo(302);
      assertThat(berlin.header("Location")).isEqualTo("https://shop.test/own");
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    long first = link.rules().getFirst().id();
    assertThat(client.clicks(link.id(), null, null, 0, 10).items().reversed())
        .extracting(ClickView::destinationKey, ClickView::destinationUrl)
        .containsExactly(
            tuple("rule:" + first, "https://shop.test/closed"),
            tuple("rule:" + (first + 1), null),
            tuple(null, null));
  }

  private static Response visit(String slug, String address) throws Exception {
    return collector.send(
        collector
            .request("/" + slug)
            .header("X-Forwarded-For", address)
            .header("User-Agent", WINDOWS_CHROME)
            .build());
  }

  @Test
  void aClickToTheLinksOwnTargetHasNoDestinationKey() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.test/plain-own")
                .withSlug(nextSlug())
                .withRouting(
                    List.of(
                        RoutingRule.redirect(
                            RuleConditions.any().withCountries(List.of("JP")),
                            "https://shop.test/jp")),
                    null));
    assertThat(follow(link.slug(), WINDOWS_CHROME, BERLIN_IP, "de", ""))
        .isEqualTo("https://shop.test/plain-own");
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    try (Connection c = collector.database().connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT COUNT(*) FROM click WHERE link_id = ? AND destination_key IS NULL"
                    + " AND destination_url IS NULL")) {
      select.setLong(1, link.id());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        assertThat(row.getInt(1)).isEqualTo(1);
      }
    }
    Instant now = Instant.now();
    assertThat(
            client
                .statsBreakdown(
                    StatsQuery.link(link.id(), now.minus(Duration.ofDays(1)), now.plusSeconds(60)),
                    Dimension.DESTINATION,
                    10)
                .rows())
        .extracting(BreakdownRow::value)
        .containsExactly("target");
  }

  @Test
  void rulesAndVariantsAreMergePatchedWholeAndKeepTheirIds() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.test/p")
                .withSlug(nextSlug())
                .withRouting(
                    List.of(
                        RoutingRule.redirect(
                            RuleConditions.any().withCountries(List.of("DE")), "https://de.test")),
                    List.of(Variant.of("https://a.test", 60), Variant.of("https://b.test", 40))));
    assertThat(link.rules()).extracting(RoutingRule::id).containsExactly(1L);
    assertThat(link.variants()).extracting(Variant::id).containsExactly(2L, 3L);

    // A patch of another field keeps the routing as it is.
    JsonObject title = new JsonObject();
    title.addProperty("title", "Spring");
    assertThat(client.updateLink(link.id(), title).rules()).isEqualTo(link.rules());

    // The variants replaced: the kept one by its id, a new one gets the next id.
    JsonObject patch =
        JsonParser.parseString(
                """
                {"variants": [{"id": 2, "targetUrl": "https://a.test", "weight": 50},
                              {"targetUrl": "https://c.test", "weight": 50}]}
                """)
            .getAsJsonObject();
    LinkView patched = client.updateLink(link.id(), patch);
    assertThat(patched.variants())
        .extracting(Variant::id, Variant::targetUrl, Variant::weight)
        .containsExactly(tuple(2L, "https://a.test", 50), tuple(4L, "https://c.test", 50));
    assertThat(patched.rules()).isEqualTo(link.rules());

    // null removes them.
    JsonObject clear =
        JsonParser.parseString("{\"rules\": null, \"variants\": null}").getAsJsonObject();
    LinkView cleared = client.updateLink(link.id(), clear);
    assertThat(cleared.rules()).isEmpty();
    assertThat(cleared.variants()).isEmpty();
    assertThat(follow(link.slug(), WINDOWS_CHROME, BERLIN_IP, "de", ""))
        .isEqualTo("https://shop.test/p");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"rules":[{"when":{"ipRanges":["10.0.0.0/33"]},"targetUrl":"https://x.test"}]}          | rules[0].when.ipRanges[0]
          {"rules":[{"when":{"ipRanges":["not-an-ip"]},"targetUrl":"https://x.test"}]}            | rules[0].when.ipRanges[0]
          {"rules":[{"targetUrl":"https://x.test"},{"when":{"time":{"zone":"Mars/Olympus"}},"targetUrl":"https://x.test"}]} | rules[1].when.time.zone
          {"rules":[{"when":{"countries":["Germany"]},"targetUrl":"https://x.test"}]}             | rules[0].when.countries[0]
          {"rules":[{"when":{"devices":["phone"]},"targetUrl":"https://x.test"}]}                 | rules[0].when.devices[0]
          {"rules":[{"when":{"languages":["german"]},"targetUrl":"https://x.test"}]}              | rules[0].when.languages[0]
          {"rules":[{"when":{"time":{"weekdays":["Funday"]}},"targetUrl":"https://x.test"}]}       | rules[0].when.time.weekdays[0]
          {"rules":[{"when":{"time":{"fromHour":25}},"targetUrl":"https://x.test"}]}              | rules[0].when.time.fromHour
          {"rules":[{"when":{"time":{"start":"2026-05-02T00:00:00Z","end":"2026-05-01T00:00:00Z"}},"targetUrl":"https://x.test"}]} | rules[0].when.time.end
          {"rules":[{"when":{"query":[{"equals":"x"}]},"targetUrl":"https://x.test"}]}            | rules[0].when.query[0].name
          {"rules":[{"targetUrl":"javascript:alert(1)"}]}                                         | rules[0].targetUrl
          {"rules":[{"when":{"bot":true}}]}                                                       | rules[0].targetUrl
          {"rules":[{"action":"teleport","targetUrl":"https://x.test"}]}                          | rules[0].action
          {"rules":[{"action":"not_found","targetUrl":"https://x.test"}]}                         | rules[0].targetUrl
          {"rules":[{"id":99,"targetUrl":"https://x.test"}]}                                      | rules[0].id
          {"variants":[{"targetUrl":"https://a.test","weight":100}]}                              | variants
          {"rules":[{"when":{"countrys":["DE"]},"targetUrl":"https://x.test"}]}                   | rules[0].when.countrys
          {"rules":[{"targetUrl":"https://x.test"},{"when":{"time":{"tz":"UTC"}},"targetUrl":"https://x.test"}]} | rules[1].when.time.tz
          {"rules":[{"when":{"query":[{"name":"a","equal":"b"}]},"targetUrl":"https://x.test"}]} | rules[0].when.query[0].equal
          {"rules":[{"target":"https://x.test"}]}                                                 | rules[0].target
          {"variants":[{"url":"https://a.test","weight":50},{"targetUrl":"https://b.test","weight":50}]} | variants[0].url
          {"variants":[{"targetUrl":"https://a.test","weight":50},{"targetUrl":"https://b.test","wieght":50}]} | variants[1].wieght
          {"variants":[{"targetUrl":"https://a.test","weight":50},{"targetUrl":"https://b.test","weight":40}]} | variants
          {"variants":[{"targetUrl":"https://a.test","weight":0},{"targetUrl":"https://b.test","weight":100}]} | variants[0].weight
          {"variants":[{"targetUrl":"ftp://a.test","weight":50},{"targetUrl":"https://b.test","weight":50}]}   | variants[0].targetUrl
          """)
  void refusesEveryInvalidRuleWithA400NamingIt(String patch, String field) throws Exception {
    LinkView link = client.createLink(LinkInput.to("https://shop.test/v").withSlug(nextSlug()));
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/links/" + link.id())
                .header("Authorization", "Bearer " + collector.adminKey())
                .patch(RequestBody.create(patch, MediaType.get("application/json")))
                .build())) {
      assertThat(response.code()).isEqualTo(400);
      JsonObject error = JsonParser.parseString(response.body().string()).getAsJsonObject();
      assertThat(error.get("error").getAsString()).isEqualTo("invalid_field");
      assertThat(error.get("message").getAsString()).startsWith("Field '" + field + "'");
    }
    // Nothing of the refused patch was saved.
    assertThat(client.link(link.id()).rules()).isEmpty();
  }

  @Test
  void refusesAMisspeltConditionOnCreateToo() throws Exception {
    String body =
        """
        {"targetUrl":"https://shop.test/c","rules":[{"when":{"langauges":["de"]},
         "targetUrl":"https://x.test"}]}
        """;
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/links")
                .header("Authorization", "Bearer " + collector.adminKey())
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build())) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("Field 'rules[0].when.langauges'");
    }
  }

  private static String nextSlug() {
    return "route-" + SLUGS.incrementAndGet();
  }

  private static String userAgent(String name) throws Exception {
    return (String) RoutingApiTest.class.getDeclaredField(name).get(null);
  }

  private static String ip(String name) throws Exception {
    return (String)
        io.linkscope.collector.testsupport.TestGeoDatabase.class.getField(name).get(null);
  }

  /** Follows a short link as the visitor; the Location, or the status when it is no redirect. */
  private static String follow(
      String slug, String userAgent, String address, String language, String query)
      throws Exception {
    Request.Builder request =
        collector
            .request("/" + slug + (query.isEmpty() ? "" : "?" + query))
            .header("X-Forwarded-For", address)
            .header("User-Agent", userAgent);
    if (!language.isEmpty()) {
      request.header("Accept-Language", language);
    }
    try (Response response = collector.send(request.build())) {
      if (response.code() == 302) {
        return response.header("Location");
      }
      return Integer.toString(response.code());
    }
  }
}
