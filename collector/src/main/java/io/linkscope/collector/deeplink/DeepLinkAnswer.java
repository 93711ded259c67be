package io.linkscope.collector.deeplink;

import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.collector.enrich.DeviceInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Where a deep link sends one visitor, from the device the click capture already recognised:
 *
 * <ul>
 *   <li>a desktop (or any other system) goes to the web target;
 *   <li>iOS and Android in their own browser go straight to a universal/app link ({@code
 *       https://}), which the system opens in the app when it is installed and on the web when not;
 *   <li>in-app browsers (Instagram, Facebook, TikTok, ...) cannot open universal links, and no
 *       browser can tell whether a custom scheme ({@code myapp://}) will open: those visitors get a
 *       small page offering "Open in the app" and "Open in the browser" (and the store). On Android
 *       both are {@code intent://} addresses, which the system hands to the app (or the store) and
 *       to the default browser even from inside another app.
 * </ul>
 */
public final class DeepLinkAnswer {
  /** The answer: a redirect to {@code location}, or a page to show (then location is null). */
  public record Decision(@Nullable String location, @Nullable ByteBuffer page) {
    static Decision redirect(String location) {
      return new Decision(location, null);
    }

    static Decision show(ByteBuffer page) {
      return new Decision(null, page);
    }
  }

  private DeepLinkAnswer() {}

  public static Decision decide(DeepLinks links, DeviceInfo device, String webUrl) {
    boolean ios = device.os().equals("iOS") || device.os().equals("iPadOS");
    boolean android = device.os().equals("Android");
    AppTarget target = ios ? links.ios() : android ? links.android() : null;
    if (device.bot() || target == null || target.appUrl() == null) {
      return Decision.redirect(webUrl);
    }
    String appUrl = target.appUrl();
    boolean universal = appUrl.regionMatches(true, 0, "https://", 0, 8);
    boolean inApp = !device.inAppApp().isEmpty();
    if (universal && !inApp) {
      return Decision.redirect(appUrl);
    }
    if (ios) {
      return Decision.show(page(device.inAppApp(), appUrl, target.storeUrl(), webUrl, false));
    }
    String open = intent(appUrl, target.androidPackage(), target.storeUrl());
    String browser = inApp ? intent(webUrl, null, webUrl) : webUrl;
    return Decision.show(page(device.inAppApp(), open, target.storeUrl(), browser, true));
  }

  /**
   * An Android intent address for {@code url}: the system opens the app that handles it (the named
   * package), else {@code fallback} in the browser (the store page).
   */
  static String intent(String url, @Nullable String androidPackage, @Nullable String fallback) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme();
    String rest = url.substring(scheme.length() + 1);
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
    }
    int fragment = rest.indexOf('#');
    if (fragment >= 0) {
      rest = rest.substring(0, fragment);
    }
    StringBuilder intent =
        new StringBuilder("intent://").append(rest).append("#Intent;scheme=").append(scheme);
    if (androidPackage != null) {
      intent.append(";package=").append(androidPackage);
    }
    if (fallback != null) {
      intent
          .append(";S.browser_fallback_url=")
          .append(URLEncoder.encode(fallback, StandardCharsets.UTF_8));
    }
    return intent.append(";end").toString();
  }

  private static ByteBuffer page(
      String inAppApp,
      String openUrl,
      @Nullable String storeUrl,
      String browserUrl,
      boolean android) {
    String where = inAppApp.isEmpty() ? "this browser" : GatePage.escape(inAppApp);
    StringBuilder body =
        new StringBuilder("<h1>Open in the app</h1><p>")
            .append(
                inAppApp.isEmpty()
                    ? "Choose how to open this link."
                    : "Links open best outside " + where + ". Choose how to open this link.")
            .append("</p><a class=\"button\" id=\"open-app\" href=\"")
            .append(GatePage.escape(openUrl))
            .append("\">Open in the app</a>");
    if (storeUrl != null && !android) {
      body.append("<a class=\"button secondary\" id=\"get-app\" href=\"")
          .append(GatePage.escape(storeUrl))
          .append("\">Get the app</a>");
    }
    body.append("<a class=\"button secondary\" id=\"open-browser\" href=\"")
        .append(GatePage.escape(browserUrl))
        .append("\">Open in the browser</a>");
    if (!inAppApp.isEmpty() && !android) {
      body.append(
          "<p class=\"hint\">If the browser does not open, use the menu (\u22ef) and choose"
              + " \u201cOpen in browser\u201d.</p>");
    }
    return GatePage.of("Open in the app", body.toString());
  }
}
