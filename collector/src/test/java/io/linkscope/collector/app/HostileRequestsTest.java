package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.Json;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.stats.LinkCost;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.testsupport.LogCapture;
import io.linkscope.collector.testsupport.RawHttp;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.webhook.WebhookOptions;
import io.linkscope.collector.workspace.Workspaces;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile requests to every route of the route table, generated from the table itself so that a new
 * route is covered as soon as it is added: malformed encodings, numbers and dates out of range,
 * wrong JSON, wrong content types, foreign ids. None may get a 5xx or log a stack trace, every API
 * error has the JSON error body, and the server still answers normally afterwards.
 */
class HostileRequestsTest {
  private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

  /** Path segments that name nothing a route could serve. */
  private static final List<String> HOSTILE_SEGMENTS =
      List.of(
          "0",
          "-1",
          "9223372036854775808",
          "99999999999999999999999",
          "1e3",
          "1.5",
          "0x10",
          "abc",
          "%",
          "%zz",
          "%e2%82",
          "caf%C3%A9",
          "caf%E9",
          "%C3%28",
          "%2e%2e",
          "..%2F..%2Fetc%2Fpasswd",
          "%00",
          "%0d%0aX-Injected:%201",
          "%F0%9F%98%80",
          "x".repeat(3000));

  /** Query strings that every route must refuse or ignore, never fail on. */
  private static final List<String> HOSTILE_QUERIES =
      List.of(
          "%",
          "%zz",
          "a=%",
          "tz=%e2%82",
          "from=%ff",
          "q=%zz&limit=%",
          "from=%2B999999999-12-31T23:59:59Z",
          "to=%2B999999999-12-31T23:59:59Z",
          "from=-999999999-01-01T00:00:00Z",
          "from=%2B10000-01-01",
          "to=%2B10000-01-01",
          "from=0000-01-01&to=9999-12-31",
          "from=2026-13-45",
          "limit=1e23",
          "limit=-1",
          "limit=99999999999999999999",
          "offset=1.5&limit=0x10",
          "offset=-5",
          "q=caf%C3%A9",
          "q=%E2%80%AE%F0%9F%98%80",
          "q=%00%01%1b",
          "q=%25%5F%5C",
          "q=" + "x".repeat(5000),
          "tag=nosuchtag",
          "tag=caf%C3%A9",
          "link=-1",
          "link=99999999999999999999",
          "page=abc",
          "link=1&tag=x&page=1",
          "granularity=hour&from=2000-01-01&to=2099-12-31",
          "granularity=%C3%A9",
          "tz=..%2F..%2Fetc%2Fpasswd",
          "tz=%2B99:99",
          "bots=%C0%AF",
          "cursor=%zz",
          "cursor=99999999999999999999.1",
          "cursor=-1.-1",
          "cursor=a.b.c",
          "cursor=253402300800000000.1",
          "cursor=-9223372036854775808.-9223372036854775808",
          "cursor=9223372036854775807.9223372036854775807",
          "cursor=1.2.3.4.5.6",
          "cursor=" + "c".repeat(2000),
          "offset=2147483647&limit=500",
          "size=2147483647&margin=2147483647",
          "top=0&granularity=month&from=2000-01-01&to=2004-12-31",
          "size=99999&margin=-5",
          "size=1e9",
          "country=" + "y".repeat(300),
          "browser=caf%C3%A9&country=%00",
          "top=1000000",
          "sort=%27%3B%20DROP%20TABLE%20links%3B--");

  /** Values put into each field of a valid body, one at a time. */
  private static final List<String> HOSTILE_VALUES =
      List.of(
          "1e23",
          "1.5",
          "-1",
          "0",
          "9223372036854775808",
          "-9223372036854775809",
          "1e-400",
          "\"+999999999-12-31T23:59:59Z\"",
          "\"+10000-01-01T00:00:00Z\"",
          "\"-999999999-01-01T00:00:00Z\"",
          "\"+10000-01-01\"",
          "\"0000-00-00\"",
          "true",
          "[]",
          "{}",
          "null",
          "\"café ☕ \\u202e\"",
          "\"\\u0000\\u001b[31m\"",
          "\"" + "z".repeat(70_000) + "\"",
          "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
          "\"../../etc/passwd\"",
          "\"javascript:alert(1)\"");

  /** Bodies that are not the JSON object any route expects. */
  private static final List<String> HOSTILE_BODIES =
      List.of(
          "",
          " ",
          "{",
          "{\"title\":",
          "{\"title\": \"unterminated",
          "[]",
          "null",
          "42",
          "\"text\"",
          "{} {}",
          "{\"title\":\"a\",\"title\":\"b\"}",
          "[".repeat(20_000) + "]".repeat(20_000),
          "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
          "\uFEFF{}",
          "{'single': 'quotes'}",
          "{\"\\ud800\": 1}");

  /** Content types a JSON body must not be accepted under. */
  private static final List<String> WRONG_CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/jsonx",
          "application/xml",
          "*/*",
          "");

  @TempDir static Path directory;
  static TestCollector collector;
  static RawHttp http;
  static LogCapture logs;
  static Map<String, String> valid;
  static Map<String, String> foreign;
  static String viewerKey;
  static String foreignKey;

  @BeforeAll
  static void start() throws Exception {
    logs = LogCapture.start();
    // Visits reach the rollups quickly, so that waiting for them to be stored stays short.
    collector =
        TestCollector.start(
            directory,
            c ->
                c.withRollupInterval(Duration.ofMillis(50))
                    .withWebhooks(
                        WebhookOptions.defaults()
                            .withRetries(
                                Duration.ofMillis(200),
                                Duration.ofSeconds(5),
                                Duration.ofHours(1),
                                Duration.ofHours(25),
                                Duration.ofHours(24))));
    http = new RawHttp(collector.collector().port(), Duration.ofSeconds(20));
    var dataSource = collector.collector().database().dataSource();
    ApiKeys keys = new ApiKeys(dataSource, Clock.systemUTC());
    long workspace = collector.client().workspace().id();
    viewerKey = keys.create(workspace, "viewer", Role.VIEWER).secret();
    long other = new Workspaces(dataSource, Clock.systemUTC()).create("other", "Other").id();
    foreignKey = keys.create(other, "other", Role.ADMIN).secret();

    LinkscopeClient client = collector.client();
    client.createLink(LinkInput.to("https://example.com/sentinel").withSlug("sentinel"));
    long link =
        client
            .createLink(LinkInput.to("https://example.com/victim").withTags(List.of("campaign")))
            .id();
    var page = client.createPage(BioPageInput.of("victim", "Victim"));
    long widget =
        client.addWidget(page.id(), BioWidgetInput.link("Home", "https://example.com/")).id();
    long cost =
        client
            .addLinkCost(
                link,
                new LinkCost(
                    null,
                    "all",
                    LocalDate.parse("2026-01-01"),
                    LocalDate.parse("2026-01-31"),
                    1000,
                    new BigDecimal("12.50"),
                    "EUR"))
            .id();
    LinkscopeClient otherClient = collector.client(foreignKey);
    long otherLink = otherClient.createLink(LinkInput.to("https://example.com/other")).id();
    var otherPage = otherClient.createPage(BioPageInput.of("other-page", "Other"));
    long otherWidget =
        otherClient
            .addWidget(otherPage.id(), BioWidgetInput.link("Home", "https://example.com/"))
            .id();

    // A documentation address (TEST-NET-1): public, so accepted, and nothing answers there.
    WebhookEndpointInput hook =
        new WebhookEndpointInput(
            "https://192.0.2.1/hook", null, List.of("page.published"), null, null, false, null);
    long webhook = client.createWebhookEndpoint(hook).endpoint().id();
    long otherWebhook = otherClient.createWebhookEndpoint(hook).endpoint().id();

    valid = new LinkedHashMap<>();
    valid.put("webhook", Long.toString(webhook));
    valid.put("eventId", "msg_probe");
    valid.put("link", Long.toString(link));
    valid.put("page", Long.toString(page.id()));
    valid.put("widgetId", Long.toString(widget));
    valid.put("costId", Long.toString(cost));
    valid.put("key", "999999");
    valid.put("dimension", "country");
    valid.put("tag", "campaign");
    valid.put("file", "apple-app-site-association");
    valid.put("workspace", Long.toString(client.workspace().id()));
    foreign = new LinkedHashMap<>(valid);
    foreign.put("link", Long.toString(otherLink));
    foreign.put("page", Long.toString(otherPage.id()));
    foreign.put("widgetId", Long.toString(otherWidget));
    foreign.put("dimension", "nosuchdimension");
    foreign.put("tag", "nosuchtag");
    foreign.put("webhook", Long.toString(otherWebhook));
  }

  @AfterAll
  static void stop() {
    logs.close();
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void answersHostileRequestsToEveryRouteWithA4xxAndStaysHealthy() throws Exception {
    List<Probe> probes = probes();
    List<String> failures = new ArrayList<>();
    for (Probe probe : probes) {
      RawHttp.Reply reply;
      try {
        reply = probe.send();
      } catch (Exception e) {
        failures.add(probe + " -> no answer: " + e);
        continue;
      }
      String problem = problem(probe, reply);
      if (problem != null) {
        failures.add(
            probe + " -> " + reply.status() + " " + problem + ": " + shorten(reply.body()));
      }
    }
    assertThat(failures).as("requests answered wrongly").isEmpty();
    assertThat(logs.atLeastOrWithTrace(Level.ERROR)).as("errors and stack traces logged").isEmpty();

    RawHttp.Reply health = http.send("GET", "/health", Map.of(), null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"ok\"");
    RawHttp.Reply redirect = http.send("GET", "/sentinel", Map.of(), null);
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).isEqualTo("https://example.com/sentinel");
  }

  @ParameterizedTest(name = "{0}: {1} x{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          X-Forwarded-For | not-an-ip                | 1
          X-Forwarded-For | 999.999.999.999          | 1
          X-Forwarded-For | '1.2.3.4, , ,'           | 1
          X-Forwarded-For | ::ffff:1.2.3.4%eth0      | 1
          X-Forwarded-For | '[::1]:80, unknown'      | 1
          X-Forwarded-For | 9                        | 5000
          Host            | café.example             | 1
          Host            | example.com:99999        | 1
          Host            | x                        | 300
          Referer         | http://%zz               | 1
          Referer         | javascript:alert(1)      | 1
          Referer         | ://                      | 1
          Referer         | https://é.example/%E9    | 1
          Referer         | r                        | 10000
          Accept-Language | '**;q=abc'               | 1
          Accept-Language | en-US;q=1e999            | 1
          Accept-Language | ',,,,'                   | 1
          User-Agent      | Mozilla/5.0 (            | 1
          User-Agent      | é☕                      | 1
          User-Agent      | u                        | 20000
          """)
  void tracksVisitsWithHostileHeadersWithoutFailing(String header, String value, int times)
      throws Exception {
    try (LogCapture captured = LogCapture.start()) {
      Map<String, String> headers = Map.of(header, value.repeat(times));
      for (String target :
          List.of("/sentinel?utm_source=%zz&utm_campaign=%E9", "/no-such-slug", "/@victim")) {
        RawHttp.Reply reply = http.send("GET", target, headers, null);
        assertThat(reply.status()).as(target).isLessThan(500);
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      assertThat(captured.atLeastOrWithTrace(Level.ERROR)).isEmpty();
    }
  }

  private static String problem(Probe probe, RawHttp.Reply reply) {
    if (reply.status() >= 500) {
      return "server error";
    }
    if (probe.foreign() && reply.status() != 404) {
      return "another workspace's resource was not a 404";
    }
    if (probe.target().startsWith("/api/") && reply.status() >= 400) {
      JsonElement json;
      try {
        json = JsonParser.parseString(reply.body());
      } catch (RuntimeException e) {
        return "error body is not JSON";
      }
      if (!json.isJsonObject()) {
        return "error body is not a JSON object";
      }
      JsonObject object = json.getAsJsonObject();
      for (String member : List.of("error", "message")) {
        if (!object.has(member)
            || !object.get(member).isJsonPrimitive()
            || object.get(member).getAsString().isBlank()) {
          return "error body has no '" + member + "'";
        }
      }
    }
    return null;
  }

  /** Every route of the table crossed with the hostile inputs that apply to it. */
  private static List<Probe> probes() {
    List<Probe> probes = new ArrayList<>();
    List<String> routes = collector.collector().routes();
    assertThat(routes).hasSizeGreaterThan(40);
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String pattern = route.substring(route.indexOf(' ') + 1);
      if (pattern.endsWith("...")) {
        String prefix = pattern.substring(0, pattern.length() - 3);
        for (String segment : HOSTILE_SEGMENTS) {
          probes.add(Probe.anonymous(method, prefix + segment));
          probes.add(Probe.anonymous(method, prefix + "victim/w/" + segment));
        }
        for (String query : HOSTILE_QUERIES) {
          probes.add(Probe.anonymous(method, prefix + "victim?" + query));
        }
        continue;
      }
      boolean body = !method.equals("GET") && !method.equals("DELETE");
      // Deleting what the other probes address would leave them nothing to hit.
      Map<String, String> values = method.equals("DELETE") ? foreign : valid;
      String path = fill(pattern, values, null, null);
      for (String name : parameters(pattern)) {
        for (String segment : HOSTILE_SEGMENTS) {
          probes.add(Probe.admin(method, fill(pattern, values, name, segment), validBody(pattern)));
        }
        // Another workspace's resource, addressed with a valid request: it does not exist here.
        probes.add(
            new Probe(
                method,
                fill(pattern, foreign, null, null),
                collector.adminKey(),
                validBody(pattern),
                "application/json",
                pattern.contains("{id}")));
      }
      for (String query : HOSTILE_QUERIES) {
        probes.add(Probe.admin(method, path + "?" + query, validBody(pattern)));
      }
      if (pattern.startsWith("/api/")) {
        probes.add(new Probe(method, path, null, validBody(pattern), "application/json", false));
        probes.add(
            new Probe(
                method, path, "%zz\u00e9 \u0000", validBody(pattern), "application/json", false));
        probes.add(
            new Probe(method, path, foreignKey, validBody(pattern), "application/json", false));
        probes.add(
            new Probe(method, path, viewerKey, validBody(pattern), "application/json", false));
      }
      if (body) {
        for (String hostile : HOSTILE_BODIES) {
          probes.add(Probe.admin(method, path, hostile));
        }
        for (String type : WRONG_CONTENT_TYPES) {
          probes.add(
              new Probe(method, path, collector.adminKey(), validBody(pattern), type, false));
        }
        JsonObject base = JsonParser.parseString(validBody(pattern)).getAsJsonObject();
        List<String> fields = new ArrayList<>(base.keySet());
        fields.add("unknownField");
        for (String field : fields) {
          for (String value : HOSTILE_VALUES) {
            probes.add(Probe.admin(method, path, withField(base, field, value)));
          }
        }
      }
    }
    for (String segment : HOSTILE_SEGMENTS) {
      probes.add(Probe.anonymous("GET", "/" + segment));
      probes.add(Probe.anonymous("GET", "/sentinel/" + segment));
    }
    for (String query : HOSTILE_QUERIES) {
      probes.add(Probe.anonymous("GET", "/sentinel?" + query));
    }
    return probes;
  }

  private static String withField(JsonObject base, String field, String value) {
    StringBuilder body = new StringBuilder("{");
    for (String name : base.keySet()) {
      if (!name.equals(field)) {
        body.append('"').append(name).append("\":").append(Json.write(base.get(name))).append(',');
      }
    }
    return body.append('"').append(field).append("\":").append(value).append('}').toString();
  }

  /** A body the route accepts, so that each hostile variant differs from it in one place only. */
  private static String validBody(String pattern) {
    return switch (pattern) {
      case "/api/v1/keys" -> "{\"name\":\"probe\",\"role\":\"viewer\"}";
      case "/api/v1/links" -> "{\"targetUrl\":\"https://example.com/probe\",\"maxClicks\":5}";
      case "/api/v1/links/{id}" ->
          "{\"title\":\"Probe\",\"redirectType\":301,"
              + "\"validUntil\":\"2030-01-01T00:00:00Z\",\"tags\":[\"campaign\"]}";
      case "/api/v1/links/{id}/costs" ->
          "{\"channel\":\"all\",\"periodStart\":\"2026-02-01\",\"periodEnd\":\"2026-02-28\","
              + "\"impressions\":10,\"spend\":1.5,\"currency\":\"EUR\"}";
      case "/api/v1/pages" -> "{\"handle\":\"probe\",\"title\":\"Probe\",\"published\":false}";
      case "/api/v1/pages/{id}" -> "{\"title\":\"Probe\",\"description\":\"Text\"}";
      case "/api/v1/pages/{id}/widgets" ->
          "{\"type\":\"link\",\"title\":\"Probe\",\"url\":\"https://example.com/\"}";
      case "/api/v1/pages/{id}/widgets/{widgetId}" -> "{\"title\":\"Probe\"}";
      case "/api/v1/pages/{id}/widget-order" -> "{\"widgetIds\":[" + valid.get("widgetId") + "]}";
      case "/api/v1/well-known/{file}" ->
          "{\"applinks\":{\"details\":[{\"appIDs\":[\"ABCDE12345.com.example.probe\"],"
              + "\"components\":[{\"/\":\"/p/*\"}]}]}}";
      case "/api/v1/webhooks" ->
          "{\"url\":\"https://192.0.2.1/probe\",\"events\":[\"link.clicked\"],\"enabled\":false}";
      case "/api/v1/webhooks/{id}" -> "{\"description\":\"Probe\"}";
      case "/api/v1/webhooks/{id}/replay" ->
          "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}";
      default -> "{}";
    };
  }

  private static List<String> parameters(String pattern) {
    List<String> names = new ArrayList<>();
    Matcher matcher = PARAMETER.matcher(pattern);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * The pattern with each parameter set from {@code values}, except {@code name}: {@code value}.
   */
  private static String fill(
      String pattern, Map<String, String> values, String name, String value) {
    Matcher matcher = PARAMETER.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String parameter = matcher.group(1);
      String replacement =
          parameter.equals(name) ? value : values.get(valueKey(pattern, parameter));
      matcher.appendReplacement(path, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private static String valueKey(String pattern, String parameter) {
    if (!parameter.equals("id")) {
      return parameter;
    }
    if (pattern.startsWith("/api/v1/links/")) {
      return "link";
    }
    if (pattern.startsWith("/api/v1/keys/")) {
      return "key";
    }
    if (pattern.startsWith("/api/v1/webhooks/")) {
      return "webhook";
    }
    return "page";
  }

  private static String shorten(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  /**
   * One request: method, raw request target, API key (or none), body and its content type; {@code
   * foreign} when it addresses another workspace's resource, which must be a 404.
   */
  private record Probe(
      String method, String target, String key, String body, String contentType, boolean foreign) {
    static Probe anonymous(String method, String target) {
      return new Probe(method, target, null, null, null, false);
    }

    static Probe admin(String method, String target, String body) {
      return new Probe(method, target, collector.adminKey(), body, "application/json", false);
    }

    RawHttp.Reply send() throws Exception {
      Map<String, String> headers = new LinkedHashMap<>();
      if (key != null) {
        headers.put("Authorization", "Bearer " + key);
      }
      boolean hasBody = !method.equals("GET") && !method.equals("DELETE") && body != null;
      if (hasBody && contentType != null && !contentType.isEmpty()) {
        headers.put("Content-Type", contentType);
      }
      return http.send(
          method, target, headers, hasBody ? body.getBytes(StandardCharsets.UTF_8) : null);
    }

    @Override
    public String toString() {
      String shownBody = body == null ? "" : " " + shorten(body).replace("\n", " ");
      return method
          + " "
          + shorten(target)
          + (contentType == null ? "" : " [" + contentType + "]")
          + (key == null ? " (no key)" : "")
          + shownBody;
    }
  }
}
