package io.linkscope.collector.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import io.linkscope.api.Json;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.webhook.WebhookOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description the real collector serves: it describes exactly the routes of its route
 * table, and real requests and answers of the collector (links CRUD, statistics, keys, webhook
 * endpoints and what their receiver gets, retention, errors) validate against its schemas with a
 * JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1).
 */
class OpenApiDescriptionTest {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  @TempDir static Path directory;
  static TestCollector collector;
  static JsonObject description;

  @BeforeAll
  static void start() throws Exception {
    // Webhook endpoints here point at a receiver on the loopback address.
    collector =
        TestCollector.start(
            directory,
            config -> config.withWebhooks(WebhookOptions.defaults().withAllowPrivateTargets(true)));
    try (Response response = collector.send(collector.request("/api/v1/openapi.json").build())) {
      assertThat(response.code()).isEqualTo(200);
      description = JsonParser.parseString(response.body().string()).getAsJsonObject();
    }
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void everyRouteIsDescribedAndEveryDescriptionIsARoute() {
    Set<String> routes = new TreeSet<>(collector.collector().routes());
    Set<String> described = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    for (Map.Entry<String, JsonElement> path : description.getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> operation :
          path.getValue().getAsJsonObject().entrySet()) {
        JsonObject op = operation.getValue().getAsJsonObject();
        String method = operation.getKey().toUpperCase(Locale.ROOT);
        if (op.has("x-linkscope-fallback")) {
          continue; // short links: whatever no route takes
        }
        if (op.has("x-linkscope-prefix")) {
          prefixes.add(method + " /" + op.get("x-linkscope-prefix").getAsString() + "...");
        } else {
          described.add(method + " " + path.getKey());
        }
      }
    }
    described.addAll(prefixes);
    Set<String> undescribed = new TreeSet<>(routes);
    undescribed.removeAll(described);
    Set<String> unrouted = new TreeSet<>(described);
    unrouted.removeAll(routes);
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(undescribed)
              .as(
                  "routes of the route table missing from the OpenAPI description (add them to"
                      + " their feature's fragment in"
                      + " collector/src/main/resources/io/linkscope/collector/openapi)")
              .isEmpty();
          softly
              .assertThat(unrouted)
              .as("OpenAPI descriptions of routes the route table lacks")
              .isEmpty();
        });
    assertThat(description.get("openapi").getAsString()).isEqualTo("3.1.0");
  }

  @Test
  void realAnswersOfTheCollectorMatchTheSchemas() throws Exception {
    List<String> problems = new ArrayList<>();
    String link =
        """
        {"slug":"spring","targetUrl":"https://shop.example.com/spring","tags":["campaign-a"],\
        "validUntil":"2099-01-01T00:00:00Z","maxClicks":100}""";
    String created = exchange("POST", "/api/v1/links", "/api/v1/links", link, 201, problems);
    long id = Json.parseObject(created).get("id").getAsLong();
    String item = "/api/v1/links/{id}";
    exchange("GET", "/api/v1/links/" + id, item, null, 200, problems);
    exchange("GET", "/api/v1/links?limit=5", "/api/v1/links", null, 200, problems);
    exchange("PATCH", "/api/v1/links/" + id, item, "{\"title\":\"Spring\"}", 200, problems);
    collector.send(collector.request("/spring").build()).close();
    collector.awaitBacklogDrained(java.time.Duration.ofSeconds(30));
    exchange("GET", "/api/v1/stats/report?link=" + id, "/api/v1/stats/report", null, 200, problems);
    exchange(
        "GET", "/api/v1/stats/summary?link=" + id, "/api/v1/stats/summary", null, 200, problems);
    exchange(
        "GET",
        "/api/v1/stats/breakdowns/country?link=" + id,
        "/api/v1/stats/breakdowns/{dimension}",
        null,
        200,
        problems);
    exchange("GET", "/api/v1/links/" + id + "/clicks", item + "/clicks", null, 200, problems);
    exchange("GET", "/api/v1/workspace", "/api/v1/workspace", null, 200, problems);
    exchange(
        "POST",
        "/api/v1/keys",
        "/api/v1/keys",
        "{\"name\":\"ci\",\"role\":\"viewer\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}",
        201,
        problems);
    exchange("GET", "/api/v1/keys", "/api/v1/keys", null, 200, problems);
    // Errors
    exchange("POST", "/api/v1/links", "/api/v1/links", "{\"slug\":\"x\"}", 400, problems);
    exchange("POST", "/api/v1/links", "/api/v1/links", "{not json", 400, problems);
    exchange("GET", "/api/v1/links/999999", item, null, 404, problems);
    exchange("GET", "/api/v1/stats/report?bogus=1", "/api/v1/stats/report", null, 400, problems);
    exchange("DELETE", "/api/v1/links/" + id, item, null, 204, problems);
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/workspace")
                .header("Authorization", "Bearer lsk_unknown")
                .build())) {
      problems.addAll(check("GET", "/api/v1/workspace", 401, response.body().string()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void webhookRetentionExportAndLiveAnswersMatchTheSchemas() throws Exception {
    List<String> problems = new ArrayList<>();
    List<String[]> deliveries = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(
                new String[] {
                  exchange.getRequestHeaders().getFirst("webhook-id"),
                  exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                  exchange.getRequestHeaders().getFirst("webhook-signature"),
                  body
                });
            exchange.sendResponseHeaders(204, -1);
          }
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      String endpoint =
          exchange(
              "POST",
              "/api/v1/webhooks",
              "/api/v1/webhooks",
              "{\"url\":\""
                  + url
                  + "\",\"events\":[\"link.created\",\"link.clicked\"],"
                  + "\"description\":\"CRM\",\"tags\":[\"campaign-a\"],\"batch\":false}",
              201,
              problems);
      long id = Json.parseObject(endpoint).getAsJsonObject("endpoint").get("id").getAsLong();
      String item = "/api/v1/webhooks/{id}";
      exchange("GET", "/api/v1/webhooks", "/api/v1/webhooks", null, 200, problems);
      exchange("GET", "/api/v1/webhooks/" + id, item, null, 200, problems);
      exchange("PATCH", "/api/v1/webhooks/" + id, item, "{\"description\":null}", 200, problems);
      exchange("POST", "/api/v1/webhooks/" + id + "/test", item + "/test", null, 200, problems);
      exchange(
          "GET",
          "/api/v1/webhooks/" + id + "/attempts?limit=10",
          item + "/attempts",
          null,
          200,
          problems);
      exchange(
          "POST",
          "/api/v1/webhooks/" + id + "/rotate-secret",
          item + "/rotate-secret",
          null,
          200,
          problems);
      exchange(
          "POST",
          "/api/v1/webhooks/" + id + "/replay",
          item + "/replay",
          "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2099-01-01T00:00:00Z\"}",
          200,
          problems);
      exchange(
          "POST",
          "/api/v1/webhooks/" + id + "/events/msg_unknown/redeliver",
          item + "/events/{eventId}/redeliver",
          null,
          404,
          problems);
      // What a receiver gets: the test event, signed, as the top-level webhooks section says
      assertThat(deliveries).isNotEmpty();
      JsonElement delivered =
          description
              .getAsJsonObject("webhooks")
              .getAsJsonObject("event")
              .getAsJsonObject("post")
              .getAsJsonObject("requestBody")
              .getAsJsonObject("content")
              .getAsJsonObject("application/json")
              .get("schema");
      for (String[] delivery : deliveries) {
        problems.addAll(header("WebhookId", delivery[0]));
        problems.addAll(header("WebhookTimestamp", delivery[1]));
        problems.addAll(header("WebhookSignature", delivery[2]));
        problems.addAll(validate("a delivery", delivered, delivery[3]));
      }
      exchange("DELETE", "/api/v1/webhooks/" + id, item, null, 204, problems);
    } finally {
      receiver.stop(0);
    }

    String link =
        exchange(
            "POST",
            "/api/v1/links",
            "/api/v1/links",
            "{\"slug\":\"retained\",\"targetUrl\":\"https://shop.example.com/retained\"}",
            201,
            problems);
    long linkId = Json.parseObject(link).get("id").getAsLong();
    exchange("GET", "/api/v1/retention", "/api/v1/retention", null, 200, problems);
    exchange(
        "PUT", "/api/v1/retention", "/api/v1/retention", "{\"rawClickDays\":3650}", 200, problems);
    exchange("POST", "/api/v1/retention/purge", "/api/v1/retention/purge", null, 200, problems);
    exchange("GET", "/api/v1/retention", "/api/v1/retention", null, 200, problems);
    exchange(
        "DELETE",
        "/api/v1/links/" + linkId + "/clicks",
        "/api/v1/links/{id}/clicks",
        null,
        200,
        problems);
    exchange(
        "PUT", "/api/v1/retention", "/api/v1/retention", "{\"rawClickDays\":null}", 200, problems);
    exchange("POST", "/api/v1/retention/purge", "/api/v1/retention/purge", null, 409, problems);
    exchange("DELETE", "/api/v1/workspace?confirm=wrong", "/api/v1/workspace", null, 400, problems);
    try (Response response = collector.send(asAdmin("/api/v1/export/workspace").build())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(
              operation("GET", "/api/v1/export/workspace")
                  .getAsJsonObject("responses")
                  .getAsJsonObject("200")
                  .getAsJsonObject("content")
                  .has(response.header("Content-Type", "").split(";")[0].strip()))
          .as("the export's media type %s is described", response.header("Content-Type"))
          .isTrue();
    }
    // The live stream refuses, as JSON, a client that does not read event streams.
    exchange("GET", "/api/v1/live", "/api/v1/live", null, 406, problems);
    try (Response response =
        collector.send(
            asAdmin("/api/v1/live?link=x").header("Accept", "text/event-stream").build())) {
      assertThat(response.code()).isEqualTo(400);
      problems.addAll(check("GET", "/api/v1/live", 400, response.body().string()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyParameterHasItsRealType() {
    List<String> untyped = new ArrayList<>();
    forEachOperation(
        (method, path, operation) -> {
          for (JsonElement element : parameters(operation)) {
            JsonObject parameter = element.getAsJsonObject();
            JsonObject schema = parameter.getAsJsonObject("schema");
            String name = method + " " + path + " " + parameter.get("name").getAsString();
            String type = schema.has("type") ? schema.get("type").getAsString() : "";
            if (type.equals("integer")
                && (!schema.has("format") || !schema.has("minimum") || !schema.has("maximum"))
                && !(schema.has("format")
                    && schema.get("format").getAsString().equals("int64")
                    && schema.has("minimum"))) {
              untyped.add(name + ": an integer without its format and range");
            }
            String parameterName = parameter.get("name").getAsString();
            if (Set.of("from", "to").contains(parameterName)
                && !schema.has("format")
                && !schema.has("anyOf")) {
              untyped.add(name + ": a date without its format");
            }
            if (Set.of("granularity", "by", "format", "policy", "bots", "sort")
                    .contains(parameterName)
                && !schema.has("enum")) {
              untyped.add(name + ": a choice without its enum");
            }
          }
        });
    assertThat(untyped).isEmpty();
  }

  @Test
  void everyOperationNamesTheErrorsItsRouteCanGive() {
    List<String> wrong = new ArrayList<>();
    forEachOperation(
        (method, path, operation) -> {
          if (!path.startsWith("/api/v1/")) {
            return;
          }
          JsonObject responses = operation.getAsJsonObject("responses");
          boolean keyed =
              !operation.has("security")
                  || !operation.get("security").isJsonArray()
                  || !operation.getAsJsonArray("security").isEmpty();
          if (!responses.has("400")) {
            wrong.add(method + " " + path + ": 400 (every route refuses a malformed query)");
          }
          if (keyed && !(responses.has("401") && responses.has("429"))) {
            wrong.add(method + " " + path + ": 401 and 429 of a keyed route");
          }
          if (path.contains("{") && !responses.has("404")) {
            wrong.add(method + " " + path + ": 404 of a path with an id");
          }
          if (operation.has("requestBody")
              && !(responses.has("408") && responses.has("413") && responses.has("415"))) {
            wrong.add(method + " " + path + ": 408, 413 and 415 of a body");
          }
        });
    assertThat(wrong).isEmpty();
    // A viewer's route cannot refuse a key for its role; an editor's can.
    assertThat(operation("GET", "/api/v1/links").getAsJsonObject("responses").has("403")).isFalse();
    assertThat(operation("POST", "/api/v1/links").getAsJsonObject("responses").has("403")).isTrue();
  }

  /**
   * Every constraint the description puts on a query parameter of a read (type, range, enum,
   * format) is one the collector applies: a value the description refuses is answered 400, a value
   * it allows is not, and either answer is one the operation describes, with its schema.
   */
  @Test
  void queryParametersTheDescriptionRefusesAreRefusedAndThoseItAllowsAreTaken() throws Exception {
    List<String> problems = new ArrayList<>();
    String created =
        exchange(
            "POST",
            "/api/v1/links",
            "/api/v1/links",
            "{\"slug\":\"typed\",\"targetUrl\":\"https://shop.example.com/typed\","
                + "\"tags\":[\"typed-tag\"]}",
            201,
            problems);
    String linkId = Json.parseObject(created).get("id").getAsString();
    String webhook =
        exchange(
            "POST",
            "/api/v1/webhooks",
            "/api/v1/webhooks",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"page.published\"]}",
            201,
            problems);
    String webhookId =
        Json.parseObject(webhook).getAsJsonObject("endpoint").get("id").getAsString();
    int probes = 0;
    for (Map.Entry<String, JsonElement> item : description.getAsJsonObject("paths").entrySet()) {
      String path = item.getKey();
      JsonObject get = item.getValue().getAsJsonObject().getAsJsonObject("get");
      if (get == null || !path.startsWith("/api/v1/") || path.equals("/api/v1/live")) {
        continue; // reads only; the live stream would not end, and is probed by its own test
      }
      String url =
          path.replace("{dimension}", "country")
              .replace("{tag}", "typed-tag")
              .replace("{file}", "apple-app-site-association");
      if (url.startsWith("/api/v1/links/{id}")) {
        url = url.replace("{id}", linkId);
      } else if (url.startsWith("/api/v1/webhooks/{id}")) {
        url = url.replace("{id}", webhookId);
      }
      if (url.contains("{")) {
        continue; // an id this test has no resource for: every probe would be a 404
      }
      for (JsonElement element : parameters(get)) {
        JsonObject parameter = element.getAsJsonObject();
        if (!parameter.get("in").getAsString().equals("query")) {
          continue;
        }
        String name = parameter.get("name").getAsString();
        JsonObject schema = parameter.getAsJsonObject("schema");
        for (Probe probe : probes(name, schema)) {
          probes++;
          HttpUrl.Builder target =
              HttpUrl.get(collector.baseUrl() + url)
                  .newBuilder()
                  .addQueryParameter(name, probe.value());
          // Required parameters other than the probed one get a value the data makes valid.
          for (JsonElement other : parameters(get)) {
            JsonObject required = other.getAsJsonObject();
            String otherName = required.get("name").getAsString();
            if (!otherName.equals(name)
                && required.has("required")
                && required.get("required").getAsBoolean()
                && required.get("in").getAsString().equals("query")) {
              target.addQueryParameter(otherName, otherName.equals("link") ? linkId : "x");
            }
          }
          try (Response response =
              collector.send(
                  new Request.Builder()
                      .url(target.build())
                      .header("Authorization", "Bearer " + collector.adminKey())
                      .build())) {
            String answer = response.body().string();
            String what = "GET " + path + "?" + name + "=" + probe.value();
            if (probe.valid() == (response.code() == 400)) {
              problems.add(
                  what
                      + ": the description "
                      + (probe.valid() ? "allows" : "refuses")
                      + " it, the collector answered "
                      + response.code()
                      + " "
                      + answer);
            } else if (response.code() >= 400) {
              problems.addAll(check("GET", path, response.code(), answer));
            } else if (!get.getAsJsonObject("responses").has(String.valueOf(response.code()))) {
              problems.add(what + ": " + response.code() + " is not described");
            }
          }
        }
      }
    }
    assertThat(probes).as("probes sent").isGreaterThan(200);
    assertThat(problems).isEmpty();
  }

  @Test
  void theHealthAnswerAndTheAppFilesMatchTheirSchemas() throws Exception {
    List<String> problems = new ArrayList<>();
    try (Response response = collector.send(collector.request("/health").build())) {
      problems.addAll(check("GET", "/health", response.code(), response.body().string()));
    }
    assertThat(check("GET", "/health", 200, "{\"status\":\"fine\",\"problems\":[]}"))
        .as("the health schema is not just an object")
        .isNotEmpty();
    String apple =
        """
        {"applinks":{"details":[{"appIDs":["ABCDE12345.com.example.app"],\
        "components":[{"/":"/spring/*"}]}]},"webcredentials":{"apps":["ABCDE12345.com.example.app"]}}""";
    String file = "/api/v1/well-known/{file}";
    exchange(
        "PUT",
        "/api/v1/well-known/apple-app-site-association?domain=typed.example.com",
        file,
        apple,
        200,
        problems);
    String fingerprint = String.join(":", java.util.Collections.nCopies(32, "AB"));
    String android =
        "[{\"relation\":[\"delegate_permission/common.handle_all_urls\"],\"target\":"
            + "{\"namespace\":\"android_app\",\"package_name\":\"com.example.app\","
            + "\"sha256_cert_fingerprints\":[\""
            + fingerprint
            + "\"]}}]";
    exchange(
        "PUT",
        "/api/v1/well-known/assetlinks.json?domain=typed.example.com",
        file,
        android,
        200,
        problems);
    // A file the schema refuses is refused by the collector too.
    String lowerCase = android.replace(fingerprint, fingerprint.toLowerCase(Locale.ROOT));
    JsonElement body =
        operation("PUT", file)
            .getAsJsonObject("requestBody")
            .getAsJsonObject("content")
            .getAsJsonObject("application/json")
            .get("schema");
    assertThat(validate("a lower-case fingerprint", body, lowerCase)).isNotEmpty();
    assertThat(validate("an empty file", body, "{}")).isNotEmpty();
    exchange(
        "PUT",
        "/api/v1/well-known/assetlinks.json?domain=typed.example.com",
        file,
        lowerCase,
        400,
        problems);
    assertThat(problems).isEmpty();
  }

  /** A value to send as a parameter, and whether the parameter's schema allows it. */
  private record Probe(String value, boolean valid) {}

  /** Values just inside and just outside what {@code schema} allows of parameter {@code name}. */
  private static List<Probe> probes(String name, JsonObject schema) {
    List<Probe> probes = new ArrayList<>();
    if (schema.has("enum")) {
      for (JsonElement value : schema.getAsJsonArray("enum")) {
        probes.add(new Probe(value.getAsString(), true));
      }
      probes.add(new Probe("no-such-" + name, false));
      return probes;
    }
    String type = schema.has("type") ? schema.get("type").getAsString() : "";
    String format = schema.has("format") ? schema.get("format").getAsString() : "";
    if (type.equals("integer")) {
      probes.add(new Probe("x", false));
      probes.add(new Probe("1.5", false));
      if (format.equals("int32")) {
        long minimum = schema.get("minimum").getAsLong();
        long maximum = schema.get("maximum").getAsLong();
        probes.add(new Probe(String.valueOf(minimum), true));
        probes.add(new Probe(String.valueOf(maximum), true));
        probes.add(new Probe(String.valueOf(minimum - 1), false));
        probes.add(new Probe(String.valueOf(maximum + 1), false));
      }
      // ids (int64, from 1): which are valid depends on the data; any other text is refused.
      return probes;
    }
    // Ten days ago: inside every range the reads take, whatever today is.
    LocalDate recent = LocalDate.now(ZoneOffset.UTC).minusDays(10);
    String instant = recent.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    if (schema.has("anyOf")) { // a date or an instant
      probes.add(new Probe(recent.toString(), true));
      probes.add(new Probe(instant, true));
      probes.add(new Probe("yesterday", false));
      probes.add(new Probe("2026-13-01", false));
    } else if (format.equals("date-time")) {
      probes.add(new Probe(instant, true));
      probes.add(new Probe("2026-05-01T25:00:00Z", false));
      probes.add(new Probe("yesterday", false));
    } else if (format.equals("hostname")) {
      probes.add(new Probe("go.example.com", true));
      probes.add(new Probe("https://go.example.com/path", false));
    }
    return probes;
  }

  /** An operation's parameters, those of its path item first. */
  private static List<JsonElement> parameters(JsonObject operation) {
    List<JsonElement> all = new ArrayList<>();
    if (operation.has("parameters")) {
      operation.getAsJsonArray("parameters").forEach(all::add);
    }
    return all;
  }

  @FunctionalInterface
  private interface OperationVisitor {
    void visit(String method, String path, JsonObject operation);
  }

  private static void forEachOperation(OperationVisitor visitor) {
    for (Map.Entry<String, JsonElement> item : description.getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> operation :
          item.getValue().getAsJsonObject().entrySet()) {
        if (operation.getValue().isJsonObject()
            && operation.getValue().getAsJsonObject().has("responses")) {
          visitor.visit(
              operation.getKey().toUpperCase(Locale.ROOT),
              item.getKey(),
              operation.getValue().getAsJsonObject());
        }
      }
    }
  }

  @Test
  void theValidatorRefusesAnAnswerThatBreaksTheSchema() {
    assertThat(check("GET", "/api/v1/links/{id}", 200, "{\"id\":\"one\",\"slug\":3}")).isNotEmpty();
    assertThat(check("GET", "/api/v1/links/{id}", 404, "{\"error\":\"not_found\"}")).isNotEmpty();
  }

  /** Sends a request as the admin, checks request and answer against the description. */
  private static String exchange(
      String method,
      String url,
      String path,
      String body,
      int expectedStatus,
      List<String> problems)
      throws Exception {
    Request.Builder request = asAdmin(url);
    boolean needsBody = Set.of("POST", "PUT", "PATCH").contains(method);
    request.method(
        method,
        body != null
            ? RequestBody.create(body, JSON)
            : needsBody ? RequestBody.create(new byte[0]) : null);
    try (Response response = collector.send(request.build())) {
      String answer = response.body().string();
      if (response.code() != expectedStatus) {
        problems.add(method + " " + url + ": " + response.code() + " " + answer);
        return answer;
      }
      if (body != null && expectedStatus < 300) {
        problems.addAll(
            validate(
                method + " " + path + " request",
                operation(method, path)
                    .getAsJsonObject("requestBody")
                    .getAsJsonObject("content")
                    .entrySet()
                    .iterator()
                    .next()
                    .getValue()
                    .getAsJsonObject()
                    .get("schema"),
                body));
      }
      problems.addAll(check(method, path, response.code(), answer));
      return answer;
    }
  }

  /** A request of {@code url} with the admin's key. */
  private static Request.Builder asAdmin(String url) {
    return collector.request(url).header("Authorization", "Bearer " + collector.adminKey());
  }

  /** What is wrong with {@code value} as the header {@code name} of the description. */
  private static List<String> header(String name, String value) {
    JsonObject header =
        description.getAsJsonObject("components").getAsJsonObject("headers").getAsJsonObject(name);
    assertThat(header).as("header %s", name).isNotNull();
    if (value == null) {
      return List.of(name + ": missing");
    }
    return validate(name, header.get("schema"), Json.write(value));
  }

  /** What is wrong with {@code body} as the answer of {@code status} to the operation. */
  private static List<String> check(String method, String path, int status, String body) {
    JsonObject responses = operation(method, path).getAsJsonObject("responses");
    String what = method + " " + path + " " + status;
    if (!responses.has(String.valueOf(status))) {
      return List.of(what + ": the status is not described");
    }
    JsonObject response = resolve(responses.getAsJsonObject(String.valueOf(status)));
    if (!response.has("content")) {
      return body.isEmpty() ? List.of() : List.of(what + ": a body that is not described");
    }
    JsonObject content = response.getAsJsonObject("content");
    if (!content.has("application/json")) {
      return List.of();
    }
    return validate(what, content.getAsJsonObject("application/json").get("schema"), body);
  }

  private static JsonObject operation(String method, String path) {
    JsonObject item = description.getAsJsonObject("paths").getAsJsonObject(path);
    assertThat(item).as("description of %s", path).isNotNull();
    JsonObject operation = item.getAsJsonObject(method.toLowerCase(Locale.ROOT));
    assertThat(operation).as("description of %s %s", method, path).isNotNull();
    return operation;
  }

  private static JsonObject resolve(JsonObject maybeReference) {
    if (!maybeReference.has("$ref")) {
      return maybeReference;
    }
    String[] pointer = maybeReference.get("$ref").getAsString().substring(2).split("/");
    JsonObject target = description;
    for (String segment : pointer) {
      target = target.getAsJsonObject(segment);
    }
    return target;
  }

  /** Validates {@code json} against {@code schema}, whose references point into the description. */
  private static List<String> validate(String what, JsonElement schema, String json) {
    JsonObject root = new JsonObject();
    root.addProperty("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.add("components", description.get("components"));
    com.google.gson.JsonArray all = new com.google.gson.JsonArray();
    all.add(schema);
    root.add("allOf", all);
    Schema validator =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(root.toString(), InputFormat.JSON);
    List<Error> errors = validator.validate(json, InputFormat.JSON);
    return errors.stream().map(e -> what + ": " + e.getMessage()).toList();
  }
}
