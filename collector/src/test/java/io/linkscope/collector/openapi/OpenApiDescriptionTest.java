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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
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
