package io.linkscope.collector.deeplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.linkscope.api.ApiException;
import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deep links on a real collector: each kind of visitor gets the answer its device can use, every
 * answer is a tracked click, and bad app destinations are a 400 naming the field.
 */
class DeepLinkTest {
  static final String WEB = "https://shop.example.com/product/42";
  static final String IOS_UNIVERSAL = "https://app.example.com/product/42";
  static final String ANDROID_SCHEME = "shopapp://product/42";
  static final String APP_STORE = "https://apps.apple.com/app/id123456789";
  static final String PLAY_STORE = "https://play.google.com/store/apps/details?id=com.example.shop";

  static final String DESKTOP =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";
  static final String IPHONE_SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
  static final String IPHONE_INSTAGRAM =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone15,3; iOS 17_1; en_US; en;"
          + " scale=3.00; 1290x2796; 532277826)";
  static final String ANDROID_CHROME =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Mobile Safari/537.36";
  static final String ANDROID_TIKTOK =
      "Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36"
          + " (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.43 Mobile Safari/537.36"
          + " musical_ly_2023208030 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly"
          + " app_version/32.8.3 ByteLocale/en ByteFullLocale/en Region/DE"
          + " BytedanceWebview/d8a21c6";

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

  static DeepLinks shopApp() {
    return new DeepLinks(
        new AppTarget(IOS_UNIVERSAL, APP_STORE, null),
        new AppTarget(ANDROID_SCHEME, PLAY_STORE, "com.example.shop"));
  }

  @Test
  void eachVisitorGetsTheAnswerItsDeviceCanUseAndEachIsAClick() throws Exception {
    LinkView link =
        collector.client().createLink(LinkInput.to(WEB).withSlug("shop").withDeepLinks(shopApp()));
    assertThat(link.deepLinks()).isEqualTo(shopApp());

    try (Response desktop = visit("/shop", DESKTOP)) {
      assertThat(desktop.code()).isEqualTo(302);
      assertThat(desktop.header("Location")).isEqualTo(WEB);
    }
    try (Response safari = visit("/shop", IPHONE_SAFARI)) {
      assertThat(safari.code())
          .as("a universal link opens the app or the web by itself")
          .isEqualTo(302);
      assertThat(safari.header("Location")).isEqualTo(IOS_UNIVERSAL);
    }
    try (Response instagram = visit("/shop", IPHONE_INSTAGRAM)) {
      assertThat(instagram.code()).isEqualTo(200);
      assertThat(instagram.header("Content-Security-Policy"))
          .isEqualTo(GatePage.CONTENT_SECURITY_POLICY);
      String page = instagram.body().string();
      assertThat(page)
          .contains("href=\"" + IOS_UNIVERSAL + "\">Open in the app")
          .contains("href=\"" + APP_STORE + "\">Get the app")
          .contains("href=\"" + WEB + "\">Open in the browser")
          .contains("outside Instagram")
          .doesNotContain("<script");
    }
    try (Response chrome = visit("/shop", ANDROID_CHROME)) {
      assertThat(chrome.code())
          .as("a custom scheme may not open: a page with the choice")
          .isEqualTo(200);
      String page = chrome.body().string();
      assertThat(page)
          .contains(
              "href=\"intent://product/42#Intent;scheme=shopapp;package=com.example.shop;"
                  + "S.browser_fallback_url=https%3A%2F%2Fplay.google.com%2Fstore%2Fapps%2Fdetails%3Fid%3Dcom.example.shop;end\"")
          .contains("href=\"" + WEB + "\">Open in the browser");
    }
    try (Response tiktok = visit("/shop", ANDROID_TIKTOK)) {
      assertThat(tiktok.code()).isEqualTo(200);
      assertThat(tiktok.body().string())
          .as("from inside TikTok the browser is reached through an intent too")
          .contains(
              "href=\"intent://shop.example.com/product/42#Intent;scheme=https;"
                  + "S.browser_fallback_url=https%3A%2F%2Fshop.example.com%2Fproduct%2F42;end\"")
          .contains("outside TikTok");
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    assertThat(recordedApps(link.id()))
        .containsExactlyInAnyOrder(
            "desktop/Windows/",
            "mobile/iOS/",
            "mobile/iOS/Instagram",
            "mobile/Android/",
            "mobile/Android/TikTok");
  }

  @Test
  void aRoutedLinksDeepLinksApplyWhenItsRouteSendsTheVisitToItsOwnTarget() throws Exception {
    String promo = "https://shop.example.com/promo";
    String androidLanding = "https://shop.example.com/android";
    LinkView link =
        collector
            .client()
            .createLink(
                LinkInput.to(WEB)
                    .withSlug("routed-shop")
                    .withDeepLinks(shopApp())
                    .withRouting(
                        List.of(
                            RoutingRule.redirect(
                                RuleConditions.any()
                                    .withQuery(List.of(new QueryCondition("promo", null))),
                                promo),
                            RoutingRule.redirect(
                                RuleConditions.any().withOs(List.of("Android")), androidLanding)),
                        null));
    try (Response safari = visit("/routed-shop", IPHONE_SAFARI)) {
      assertThat(safari.code()).as("no rule matched: the target, so the app").isEqualTo(302);
      assertThat(safari.header("Location")).isEqualTo(IOS_UNIVERSAL);
    }
    try (Response instagram = visit("/routed-shop", IPHONE_INSTAGRAM)) {
      assertThat(instagram.code()).isEqualTo(200);
      assertThat(instagram.body().string())
          .contains("href=\"" + IOS_UNIVERSAL + "\">Open in the app")
          .contains("href=\"" + WEB + "\">Open in the browser");
    }
    try (Response desktop = visit("/routed-shop", DESKTOP)) {
      assertThat(desktop.code()).isEqualTo(302);
      assertThat(desktop.header("Location")).isEqualTo(WEB);
    }
    try (Response promoted = visit("/routed-shop?promo=1", IPHONE_SAFARI)) {
      assertThat(promoted.code()).as("a rule's own page, not the app").isEqualTo(302);
      assertThat(promoted.header("Location")).isEqualTo(promo + "?promo=1");
    }
    try (Response android = visit("/routed-shop", ANDROID_CHROME)) {
      assertThat(android.code()).isEqualTo(302);
      assertThat(android.header("Location")).isEqualTo(androidLanding);
    }

    // A split sends to its variants' pages; once one is promoted it is the target, with the app.
    LinkView split =
        collector
            .client()
            .createLink(
                LinkInput.to(WEB)
                    .withSlug("split-shop")
                    .withDeepLinks(shopApp())
                    .withRouting(
                        null,
                        List.of(
                            Variant.of("https://shop.example.com/a", 50),
                            Variant.of("https://shop.example.com/b", 50))));
    try (Response safari = visit("/split-shop", IPHONE_SAFARI)) {
      assertThat(safari.code()).isEqualTo(302);
      assertThat(safari.header("Location")).startsWith("https://shop.example.com/");
      assertThat(safari.header("Location")).isNotEqualTo(IOS_UNIVERSAL);
    }
    collector.client().promoteVariant(split.id(), split.variants().getFirst().id());
    try (Response safari = visit("/split-shop", IPHONE_SAFARI)) {
      assertThat(safari.code()).isEqualTo(302);
      assertThat(safari.header("Location")).isEqualTo(IOS_UNIVERSAL);
    }
    try (Response desktop = visit("/split-shop", DESKTOP)) {
      assertThat(desktop.header("Location")).isEqualTo("https://shop.example.com/a");
    }

    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    assertThat(destinations(link.id()))
        .as("each answer is a click recorded with its destination")
        .containsExactlyInAnyOrder("target", "target", "target", "rule:1", "rule:2");
  }

  @Test
  void theAppPageEscapesWhatItShows() throws Exception {
    String hostile = "myapp://x?a=\"><script>alert(1)</script>";
    // Not a valid URI: refused on save, so it can never reach a page.
    assertThatThrownBy(
            () ->
                collector
                    .client()
                    .createLink(
                        LinkInput.to(WEB)
                            .withSlug("hostile")
                            .withDeepLinks(
                                new DeepLinks(new AppTarget(hostile, null, null), null))))
        .isInstanceOf(ApiException.class);
    String quoted = "myapp://x?q=%22%3E&b='c'";
    collector
        .client()
        .createLink(
            LinkInput.to(WEB)
                .withSlug("quoted")
                .withDeepLinks(new DeepLinks(new AppTarget(quoted, null, null), null)));
    try (Response page = visit("/quoted", IPHONE_SAFARI)) {
      assertThat(page.body().string()).contains("href=\"myapp://x?q=%22%3E&amp;b=&#39;c&#39;\"");
    }
  }

  @Test
  void deepLinksAreReplacedAndRemovedByAPatch() throws Exception {
    LinkView link =
        collector
            .client()
            .createLink(LinkInput.to(WEB).withSlug("patched").withDeepLinks(shopApp()));
    JsonObject onlyIos = new JsonObject();
    JsonObject deepLinks = new JsonObject();
    JsonObject ios = new JsonObject();
    ios.addProperty("appUrl", "shopapp://home");
    deepLinks.add("ios", ios);
    onlyIos.add("deepLinks", deepLinks);
    assertThat(collector.client().updateLink(link.id(), onlyIos).deepLinks())
        .isEqualTo(new DeepLinks(new AppTarget("shopapp://home", null, null), null));
    JsonObject clear = new JsonObject();
    clear.add("deepLinks", JsonNull.INSTANCE);
    assertThat(collector.client().updateLink(link.id(), clear).deepLinks()).isNull();
    try (Response safari = visit("/patched", IPHONE_SAFARI)) {
      assertThat(safari.code()).isEqualTo(302);
      assertThat(safari.header("Location")).isEqualTo(WEB);
    }
  }

  @Test
  void refusesAppDestinationsThatCannotWorkWith400() {
    List<String> messages = new ArrayList<>();
    for (DeepLinks bad :
        List.of(
            new DeepLinks(new AppTarget(null, APP_STORE, null), null),
            new DeepLinks(new AppTarget("javascript:alert(1)", null, null), null),
            new DeepLinks(new AppTarget("http://app.example.com/x", null, null), null),
            new DeepLinks(new AppTarget("https:///nohost", null, null), null),
            new DeepLinks(new AppTarget("shopapp://x", "itms://store", null), null),
            new DeepLinks(new AppTarget("shopapp://x", null, "com.example"), null),
            new DeepLinks(null, new AppTarget("shopapp://x", null, "not a package")),
            new DeepLinks(null, new AppTarget("shop app://x", null, null)))) {
      ApiException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              ApiException.class,
              () -> collector.client().createLink(LinkInput.to(WEB).withDeepLinks(bad)));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.error().error()).isEqualTo("invalid_field");
      messages.add(refused.error().message());
    }
    assertThat(messages)
        .containsExactly(
            "Field 'deepLinks.ios.appUrl': is required: the app's universal/app link (https://...)"
                + " or custom scheme (myapp://...).",
            "Field 'deepLinks.ios.appUrl': must not use the 'javascript:' scheme.",
            "Field 'deepLinks.ios.appUrl': must use https:// (universal and app links are https"
                + " only) or a custom scheme.",
            "Field 'deepLinks.ios.appUrl': must name a host after https://.",
            "Field 'deepLinks.ios.storeUrl': must be an absolute http(s) address of the store page.",
            "Field 'deepLinks.ios.androidPackage': is for Android only; leave it out for iOS.",
            "Field 'deepLinks.android.androidPackage': must be an Android package name such as"
                + " com.example.app.",
            "Field 'deepLinks.android.appUrl': must not contain spaces or control characters.");
  }

  private static Response visit(String path, String userAgent) throws Exception {
    return collector.send(
        collector
            .request(path)
            .header("User-Agent", userAgent)
            .header("X-Forwarded-For", "198.51.100.50")
            .get()
            .build());
  }

  private static List<String> destinations(long linkId) throws Exception {
    try (Connection c = collector.database().connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT COALESCE(destination_key, 'target') FROM click WHERE link_id = ?")) {
      select.setLong(1, linkId);
      List<String> keys = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          keys.add(row.getString(1));
        }
      }
      return keys;
    }
  }

  private static List<String> recordedApps(long linkId) throws Exception {
    try (Connection c = collector.database().connect();
        PreparedStatement select =
            c.prepareStatement("SELECT device_type, os, in_app FROM click WHERE link_id = ?")) {
      select.setLong(1, linkId);
      List<String> apps = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          apps.add(row.getString(1) + "/" + row.getString(2) + "/" + row.getString(3));
        }
      }
      return apps;
    }
  }
}
