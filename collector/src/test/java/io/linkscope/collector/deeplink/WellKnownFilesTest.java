package io.linkscope.collector.deeplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.gate.WellKnownFileView;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The association files of each domain: set through the API, validated on save (a 400 with the
 * reason), served on that domain only, the default domain's on every other name.
 */
class WellKnownFilesTest {
  static final String AASA =
      """
      {"applinks":{"details":[{"appIDs":["ABCDE12345.com.example.shop"],
       "components":[{"/":"/product/*"}]}]}}""";
  static final String ASSETLINKS =
      """
      [{"relation":["delegate_permission/common.handle_all_urls"],
        "target":{"namespace":"android_app","package_name":"com.example.shop",
          "sha256_cert_fingerprints":["%s"]}}]"""
          .formatted(String.join(":", java.util.Collections.nCopies(32, "AB")));

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
  void filesAreServedPerDomain() throws Exception {
    String key = collector.adminKey();
    try (Response put = put(key, "apple-app-site-association", "go.shop.example", AASA)) {
      assertThat(put.code()).isEqualTo(200);
      JsonObject view = JsonParser.parseString(put.body().string()).getAsJsonObject();
      assertThat(view.get("domain").getAsString()).isEqualTo("go.shop.example");
      assertThat(view.get("content")).isEqualTo(JsonParser.parseString(AASA));
    }
    try (Response put = put(key, "assetlinks.json", "go.shop.example", ASSETLINKS)) {
      assertThat(put.code()).isEqualTo(200);
    }
    try (Response served = serve("go.shop.example", "apple-app-site-association")) {
      assertThat(served.code()).isEqualTo(200);
      assertThat(served.header("Content-Type")).isEqualTo("application/json");
      assertThat(JsonParser.parseString(served.body().string()))
          .isEqualTo(JsonParser.parseString(AASA));
    }
    try (Response served = serve("go.shop.example", "assetlinks.json")) {
      assertThat(served.code()).isEqualTo(200);
      assertThat(JsonParser.parseString(served.body().string()))
          .isEqualTo(JsonParser.parseString(ASSETLINKS));
    }
    try (Response other = serve("localhost", "apple-app-site-association")) {
      assertThat(other.code()).as("the default domain has none yet").isEqualTo(404);
    }
    // The default domain's file answers on every name that is not a claimed domain.
    try (Response put =
        put(key, "apple-app-site-association", null, AASA.replace("product", "p"))) {
      assertThat(put.code()).isEqualTo(200);
    }
    try (Response fallback = serve("127.0.0.1", "apple-app-site-association")) {
      assertThat(fallback.code()).isEqualTo(200);
      assertThat(fallback.body().string()).contains("/p/*");
    }
    try (Response own = serve("go.shop.example", "apple-app-site-association")) {
      assertThat(own.body().string()).contains("/product/*");
    }
    try (Response unknown = serve("go.shop.example", "security.txt")) {
      assertThat(unknown.code()).isEqualTo(404);
    }
    try (Response delete =
        collector.send(api(key, "assetlinks.json", "go.shop.example").delete().build())) {
      assertThat(delete.code()).isEqualTo(204);
    }
    try (Response gone = serve("go.shop.example", "assetlinks.json")) {
      assertThat(gone.code()).isEqualTo(404);
    }
  }

  @Test
  void anotherWorkspaceCannotSetAClaimedDomainsFiles() throws Exception {
    try (Response put =
        put(collector.adminKey(), "apple-app-site-association", "claimed.example", AASA)) {
      assertThat(put.code()).isEqualTo(200);
    }
    String other = collector.createWorkspaceKey("rival");
    try (Response put = put(other, "apple-app-site-association", "claimed.example", AASA)) {
      assertThat(put.code()).isEqualTo(409);
      assertThat(put.body().string()).contains("domain_taken");
    }
    try (Response put = put(other, "apple-app-site-association", null, AASA)) {
      assertThat(put.code()).as("the default domain is the first workspace's").isEqualTo(409);
    }
  }

  @Test
  void invalidFilesAreRefusedWithTheReason() throws Exception {
    String key = collector.adminKey();
    String fingerprint = String.join(":", java.util.Collections.nCopies(32, "AB"));
    List<List<String>> cases =
        List.of(
            List.of("apple-app-site-association", "{not json", "The file is not valid JSON"),
            List.of("apple-app-site-association", "[]", "The file must be a JSON object"),
            List.of("apple-app-site-association", "{\"apps\":[]}", "must have \"applinks\""),
            List.of(
                "apple-app-site-association",
                "{\"applinks\":{\"details\":[{\"appIDs\":[\"com.example.shop\"],\"paths\":[\"*\"]}]}}",
                "applinks.details[0].appIDs[0] must be an app ID of the form TEAMID.bundle.id"),
            List.of(
                "apple-app-site-association",
                "{\"applinks\":{\"details\":[{\"appIDs\":[\"ABCDE12345.com.x\"]}]}}",
                "applinks.details[0] must have \"components\" or \"paths\""),
            List.of("assetlinks.json", "{}", "The file must be a non-empty JSON list"),
            List.of("assetlinks.json", "[]", "The file must be a non-empty JSON list"),
            List.of(
                "assetlinks.json",
                "[{\"relation\":[],\"target\":{}}]",
                "[0].relation must name at least one relation"),
            List.of(
                "assetlinks.json",
                "[{\"relation\":[\"x\"],\"target\":{\"namespace\":\"android_app\","
                    + "\"package_name\":\"com.example\",\"sha256_cert_fingerprints\":[\"ab:cd\"]}}]",
                "[0].target.sha256_cert_fingerprints[0] must be 32 bytes"),
            List.of(
                "assetlinks.json",
                "[{\"relation\":[\"x\"],\"target\":{\"namespace\":\"ios_app\"}}]",
                "[0].target.namespace must be \"android_app\" or \"web\""),
            List.of(
                "assetlinks.json",
                "[{\"relation\":[\"x\"],\"target\":{\"namespace\":\"android_app\","
                    + "\"package_name\":\"com.example\",\"sha256_cert_fingerprints\":[\""
                    + fingerprint
                    + "\"]}}] trailing",
                "The file is not valid JSON"));
    for (List<String> c : cases) {
      try (Response put = put(key, c.get(0), "bad.example", c.get(1))) {
        assertThat(put.code()).as(c.get(1)).isEqualTo(400);
        JsonObject error = JsonParser.parseString(put.body().string()).getAsJsonObject();
        assertThat(error.get("error").getAsString()).isEqualTo("invalid_file");
        assertThat(error.get("message").getAsString()).as(c.get(1)).contains(c.get(2));
      }
    }
    try (Response unknown = put(key, "security.txt", null, "{}")) {
      assertThat(unknown.code()).isEqualTo(400);
      assertThat(unknown.body().string()).contains("unknown_file");
    }
    try (Response badDomain = put(key, "assetlinks.json", "https://x.example/", ASSETLINKS)) {
      assertThat(badDomain.code()).isEqualTo(400);
      assertThat(badDomain.body().string()).contains("Parameter 'domain'");
    }
    try (Response tooBig = put(key, "assetlinks.json", null, "[" + " ".repeat(70 * 1024) + "]")) {
      assertThat(tooBig.code()).isEqualTo(400);
      assertThat(tooBig.body().string()).contains("larger than 64 KiB");
    }
    try (Response none = serve("bad.example", "assetlinks.json")) {
      assertThat(none.code()).isEqualTo(404);
    }
  }

  @Test
  void theClientListsReadsSetsAndDeletesFiles() throws Exception {
    LinkscopeClient client = collector.client();
    JsonElement aasa = JsonParser.parseString(AASA);
    WellKnownFileView put =
        client.putWellKnownFile("apple-app-site-association", "client.shop.example", aasa);
    assertThat(put.domain()).isEqualTo("client.shop.example");
    assertThat(put.file()).isEqualTo("apple-app-site-association");
    assertThat(put.content()).isEqualTo(aasa);
    client.putWellKnownFile(
        "assetlinks.json", "client.shop.example", JsonParser.parseString(ASSETLINKS));

    assertThat(client.wellKnownFile("apple-app-site-association", "client.shop.example").content())
        .isEqualTo(aasa);
    assertThat(client.wellKnownFiles())
        .filteredOn(f -> f.domain().equals("client.shop.example"))
        .extracting(WellKnownFileView::file)
        .containsExactly("apple-app-site-association", "assetlinks.json");
    try (Response served = serve("client.shop.example", "apple-app-site-association")) {
      assertThat(JsonParser.parseString(served.body().string())).isEqualTo(aasa);
    }

    client.deleteWellKnownFile("assetlinks.json", "client.shop.example");
    assertThatThrownBy(() -> client.wellKnownFile("assetlinks.json", "client.shop.example"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> client.deleteWellKnownFile("assetlinks.json", "client.shop.example"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    try (Response gone = serve("client.shop.example", "assetlinks.json")) {
      assertThat(gone.code()).isEqualTo(404);
    }

    // Refusals come back as the collector's error, with the reason.
    assertThatThrownBy(
            () ->
                client.putWellKnownFile(
                    "assetlinks.json", "client.shop.example", JsonParser.parseString("[]")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error().error()).isEqualTo("invalid_file");
              assertThat(e.error().message()).contains("non-empty JSON list");
            });
    assertThatThrownBy(() -> client.wellKnownFile("security.txt", null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error().error()).isEqualTo("unknown_file"));
    assertThatThrownBy(() -> client.wellKnownFile("assetlinks.json", "https://x.example/"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error().message()).contains("'domain'"));
    LinkscopeClient rival = collector.client(collector.createWorkspaceKey("well-known-rival"));
    assertThatThrownBy(
            () -> rival.putWellKnownFile("apple-app-site-association", "client.shop.example", aasa))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error().error()).isEqualTo("domain_taken"));
    assertThat(rival.wellKnownFiles()).isEmpty();
  }

  private static Request.Builder api(String key, String file, String domain) {
    return collector
        .request("/api/v1/well-known/" + file + (domain == null ? "" : "?domain=" + domain))
        .header("Authorization", "Bearer " + key);
  }

  private static Response put(String key, String file, String domain, String body)
      throws Exception {
    return collector.send(
        api(key, file, domain)
            .put(RequestBody.create(body, MediaType.get("application/json")))
            .build());
  }

  private static Response serve(String host, String file) throws Exception {
    return collector.send(
        collector.request("/.well-known/" + file).header("Host", host).get().build());
  }
}
