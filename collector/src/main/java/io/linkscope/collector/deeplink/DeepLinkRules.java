package io.linkscope.collector.deeplink;

import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.collector.http.HttpError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What a link's app destinations may be; anything else is a 400 naming the field and why. */
public final class DeepLinkRules {
  static final int MAX_URL_LENGTH = 2048;
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,31}");
  private static final Pattern ANDROID_PACKAGE =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");

  /** Schemes that run code or read local data instead of opening an app. */
  private static final Set<String> FORBIDDEN_SCHEMES =
      Set.of("javascript", "data", "vbscript", "file", "blob", "about", "filesystem", "intent");

  private DeepLinkRules() {}

  /**
   * The deep links to store, with blanks dropped; null when none are given (removes them).
   *
   * @throws HttpError 400 when an address or package is not acceptable
   */
  public static @Nullable DeepLinks validate(@Nullable DeepLinks input) {
    if (input == null) {
      return null;
    }
    AppTarget ios = target("deepLinks.ios", input.ios(), false);
    AppTarget android = target("deepLinks.android", input.android(), true);
    if (ios == null && android == null) {
      return null;
    }
    return new DeepLinks(ios, android);
  }

  private static @Nullable AppTarget target(
      String field, @Nullable AppTarget target, boolean android) {
    if (target == null) {
      return null;
    }
    String appUrl = blankToNull(target.appUrl());
    String storeUrl = blankToNull(target.storeUrl());
    String androidPackage = blankToNull(target.androidPackage());
    if (appUrl == null && storeUrl == null && androidPackage == null) {
      return null;
    }
    if (appUrl == null) {
      throw HttpError.invalidField(
          field + ".appUrl",
          "is required: the app's universal/app link (https://...) or custom scheme"
              + " (myapp://...).");
    }
    appUrl(field + ".appUrl", appUrl);
    if (storeUrl != null) {
      webUrl(field + ".storeUrl", storeUrl);
    }
    if (androidPackage != null) {
      if (!android) {
        throw HttpError.invalidField(
            field + ".androidPackage", "is for Android only; leave it out for iOS.");
      }
      if (androidPackage.length() > 255 || !ANDROID_PACKAGE.matcher(androidPackage).matches()) {
        throw HttpError.invalidField(
            field + ".androidPackage", "must be an Android package name such as com.example.app.");
      }
    }
    return new AppTarget(appUrl, storeUrl, androidPackage);
  }

  private static void appUrl(String field, String url) {
    URI uri = parse(field, url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty() || !SCHEME.matcher(scheme).matches()) {
      throw HttpError.invalidField(
          field, "must be an absolute address with a scheme, such as https:// or myapp://.");
    }
    if (FORBIDDEN_SCHEMES.contains(scheme)) {
      throw HttpError.invalidField(field, "must not use the '" + scheme + ":' scheme.");
    }
    if (scheme.equals("http")) {
      throw HttpError.invalidField(
          field, "must use https:// (universal and app links are https only) or a custom scheme.");
    }
    if (scheme.equals("https") && (uri.getHost() == null || uri.getHost().isEmpty())) {
      throw HttpError.invalidField(field, "must name a host after https://.");
    }
  }

  private static void webUrl(String field, String url) {
    URI uri = parse(field, url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getHost().isEmpty()) {
      throw HttpError.invalidField(field, "must be an absolute http(s) address of the store page.");
    }
  }

  private static URI parse(String field, String url) {
    if (url.length() > MAX_URL_LENGTH) {
      throw HttpError.invalidField(
          field, "must be at most " + MAX_URL_LENGTH + " characters long.");
    }
    for (int i = 0; i < url.length(); i++) {
      if (url.charAt(i) <= ' ' || url.charAt(i) == 0x7f) {
        throw HttpError.invalidField(field, "must not contain spaces or control characters.");
      }
    }
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw HttpError.invalidField(field, "is not a valid address: " + e.getReason() + ".");
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
