package io.linkscope.collector.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.collector.testsupport.TestCollector;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server-to-server postback: signed with the workspace's secret it records a conversion like
 * the API; an invalid, missing or outdated signature is refused; a replay is stored once. The
 * signatures here are computed independently with the JDK's HMAC, as a platform would.
 */
class PostbackTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir static Path directory;
  static TestCollector collector;
  static long workspace;
  static String secret;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    workspace = collector.client().workspace().id();
    JsonObject answer = admin("GET", "/api/v1/conversions/postback-secret");
    secret = answer.get("secret").getAsString();
    assertThat(secret).matches("[0-9a-f]{64}");
    assertThat(answer.get("postbackUrl").getAsString())
        .isEqualTo(collector.baseUrl().replaceAll("/+$", "") + "/api/v1/postback/" + workspace);
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void theSecretStaysTheSameUntilRotated() throws Exception {
    assertThat(admin("GET", "/api/v1/conversions/postback-secret").get("secret").getAsString())
        .isEqualTo(secret);
  }

  @Test
  void aSignedPostbackRecordsTheConversionAndAReplayIsStoredOnce() throws Exception {
    UUID click = UUID.randomUUID();
    String url = signed(secret, workspace, click.toString(), "pb-1", "purchase", "19.90", "EUR");

    try (Response first = get(url)) {
      assertThat(first.code()).isEqualTo(202);
      assertThat(first.body().string()).contains("\"eventId\":\"pb-1\"");
    }
    ConversionApiTest.awaitStored(collector, "pb-1");
    try (Response replay = get(url)) {
      assertThat(replay.code()).isEqualTo(200);
      assertThat(replay.body().string()).contains("\"status\":\"duplicate\"");
    }
    try (Connection c = collector.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*), MAX(value), MAX(currency), MAX(via) FROM conversion"
                    + " WHERE event_id = 'pb-1'")) {
      try (ResultSet row = s.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).isEqualTo(1);
        assertThat(row.getBigDecimal(2)).isEqualByComparingTo("19.90");
        assertThat(row.getString(3)).isEqualTo("EUR");
        assertThat(row.getInt(4)).as("via postback").isEqualTo(2);
      }
    }
  }

  @Test
  void aTamperedPostbackIsRefused() throws Exception {
    String url =
        signed(secret, workspace, UUID.randomUUID().toString(), "pb-2", "purchase", "5.00", "EUR");
    String tampered = url.replace("value=5.00", "value=500.00");

    double refusedBefore =
        collector.collector().metrics().value("linkscope_postbacks_refused_total");
    try (Response response = get(tampered)) {
      assertError(response, 403, "invalid_signature");
    }
    assertThat(collector.collector().metrics().value("linkscope_postbacks_refused_total"))
        .isEqualTo(refusedBefore + 1);
    try (Response response = get(url.replaceAll("&sig=[0-9a-f]+", ""))) {
      assertError(response, 401, "signature_required");
    }
    try (Response response = get(url.replaceAll("sig=[0-9a-f]+", "sig=" + "0".repeat(64)))) {
      assertError(response, 403, "invalid_signature");
    }
    // Signed for another workspace: not valid here.
    String elsewhere =
        signed(secret, workspace + 1000, UUID.randomUUID().toString(), "pb-3", "buy", "", "");
    try (Response response = get(elsewhere)) {
      assertError(response, 403, "invalid_signature");
    }
    Thread.sleep(300);
    try (Connection c = collector.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM conversion WHERE event_id IN ('pb-2', 'pb-3')")) {
      try (ResultSet row = s.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).isZero();
      }
    }
  }

  @Test
  void aSignedButInvalidPostbackIsA400() throws Exception {
    try (Response response = get(signed(secret, workspace, "nope", "pb-4", "buy", "", ""))) {
      assertError(response, 400, "invalid_parameter");
    }
    try (Response response =
        get(signed(secret, workspace, UUID.randomUUID().toString(), "pb-5", "buy", "1.0", ""))) {
      assertError(response, 400, "invalid_parameter");
    }
    try (Response response =
        get(
            signed(
                secret, workspace, UUID.randomUUID().toString(), "pb-6", "buy", "lots", "EUR"))) {
      assertError(response, 400, "invalid_parameter");
    }
  }

  @Test
  void afterRotationTheOldSecretNoLongerSigns() throws Exception {
    String key = collector.createWorkspaceKey("postback-rotate");
    long other = collector.client(key).workspace().id();
    String old =
        request(key, "GET", "/api/v1/conversions/postback-secret").get("secret").getAsString();
    String rotated =
        request(key, "POST", "/api/v1/conversions/postback-secret").get("secret").getAsString();
    assertThat(rotated).isNotEqualTo(old);

    String click = UUID.randomUUID().toString();
    try (Response response = get(signed(old, other, click, "pb-rot", "buy", "", ""))) {
      assertError(response, 403, "invalid_signature");
    }
    try (Response response = get(signed(rotated, other, click, "pb-rot", "buy", "", ""))) {
      assertThat(response.code()).isEqualTo(202);
    }
  }

  @Test
  void onlyAdminsSeeTheSecret() throws Exception {
    try (Response response =
        collector.send(collector.request("/api/v1/conversions/postback-secret").build())) {
      assertThat(response.code()).isEqualTo(401);
    }
  }

  /** The postback URL a platform would call, signed as the README says. */
  static String signed(
      String secret,
      long workspace,
      String clickId,
      String eventId,
      String event,
      String value,
      String currency)
      throws Exception {
    String message =
        String.join("\n", Long.toString(workspace), clickId, eventId, event, value, currency);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    StringBuilder sig = new StringBuilder();
    for (byte b : mac.doFinal(message.getBytes(StandardCharsets.UTF_8))) {
      sig.append(String.format("%02x", b));
    }
    StringBuilder url =
        new StringBuilder(collector.baseUrl().replaceAll("/+$", ""))
            .append("/api/v1/postback/")
            .append(workspace)
            .append("?click_id=")
            .append(encode(clickId))
            .append("&event_id=")
            .append(encode(eventId))
            .append("&event=")
            .append(encode(event));
    if (!value.isEmpty()) {
      url.append("&value=").append(encode(value));
    }
    if (!currency.isEmpty()) {
      url.append("&currency=").append(encode(currency));
    }
    return url.append("&sig=").append(sig).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static Response get(String url) throws Exception {
    return collector.send(new Request.Builder().url(url).build());
  }

  private static void assertError(Response response, int status, String error) throws Exception {
    String text = response.body().string();
    assertThat(response.code()).as(text).isEqualTo(status);
    assertThat(JsonParser.parseString(text).getAsJsonObject().get("error").getAsString())
        .isEqualTo(error);
  }

  private static JsonObject admin(String method, String path) throws Exception {
    return request(collector.adminKey(), method, path);
  }

  private static JsonObject request(String key, String method, String path) throws Exception {
    Request.Builder request = collector.request(path).header("Authorization", "Bearer " + key);
    request.method(method, method.equals("GET") ? null : RequestBody.create("", JSON));
    try (Response response = collector.send(request.build())) {
      String text = response.body().string();
      assertThat(response.code()).as(text).isEqualTo(200);
      return JsonParser.parseString(text).getAsJsonObject();
    }
  }
}
