package io.linkscope.collector.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a click came from: the Referer header, its host and the named channel (Instagram, Google,
 * Email, ...) that host belongs to.
 *
 * @param url the Referer header as sent, cropped to {@value #MAX_URL_LENGTH} characters; {@code ""}
 *     when absent
 * @param host the referrer's host, lowercased and without the {@code www.}, {@code m.}, {@code l.}
 *     and {@code lm.} prefixes that sites use for mobile versions and link-out redirectors; for an
 *     {@code android-app://} referrer the app's package name; {@code ""} when absent or malformed
 * @param source the channel: a name such as {@code Instagram} or {@code Email}, {@value #DIRECT}
 *     when there is no referrer, or {@value #OTHER} for hosts without a channel and malformed
 *     referrers
 */
public record Referrer(String url, String host, String source) {

  /** Source of clicks without a referrer and outside any in-app browser. */
  public static final String DIRECT = "Direct";

  /** Source of referrers that belong to no named channel, and of malformed referrers. */
  public static final String OTHER = "Other";

  /** Source of webmail and mail apps. */
  public static final String EMAIL = "Email";

  /** Referer headers are cropped to this length; the host is always near the start. */
  static final int MAX_URL_LENGTH = 1024;

  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  /** Prefixes for mobile sites and link-out redirectors (l.facebook.com, lm.facebook.com). */
  private static final List<String> HOST_PREFIXES = List.of("www.", "m.", "l.", "lm.");

  private record Channel(String source, List<String> domains, @Nullable Pattern hostPattern) {
    boolean matches(String host) {
      for (String domain : domains) {
        if (host.equals(domain) || host.endsWith("." + domain)) {
          return true;
        }
      }
      return hostPattern != null && hostPattern.matcher(host).find();
    }
  }

  /**
   * Channels by host, first match wins: webmail comes before Google and Yahoo, whose mail hosts
   * would otherwise count as search.
   */
  private static final List<Channel> CHANNELS =
      List.of(
          channel(
              EMAIL,
              "mail.google.com",
              "inbox.google.com",
              "outlook.live.com",
              "outlook.office.com",
              "outlook.office365.com",
              "mail.yahoo.com",
              "mail.aol.com",
              "mail.proton.me",
              "mail.zoho.com"),
          channel("Instagram", "instagram.com"),
          channel("Facebook", "facebook.com", "fb.com", "fb.me", "messenger.com", "m.me"),
          channel("Threads", "threads.net", "threads.com"),
          channel("X", "x.com", "twitter.com", "t.co"),
          channel("TikTok", "tiktok.com"),
          channel("YouTube", "youtube.com", "youtu.be"),
          channel("LinkedIn", "linkedin.com", "lnkd.in"),
          brand("Google", "google"),
          channel("Bing", "bing.com"),
          channel("DuckDuckGo", "duckduckgo.com"),
          brand("Yahoo", "yahoo"),
          channel("Baidu", "baidu.com"),
          brand("Yandex", "yandex", "ya.ru"),
          channel("Reddit", "reddit.com", "redd.it"),
          brand("Pinterest", "pinterest", "pin.it"),
          channel("WhatsApp", "wa.me", "whatsapp.com"),
          channel("Telegram", "t.me", "telegram.me", "telegram.org"),
          channel("Snapchat", "snapchat.com"),
          channel("Discord", "discord.com", "discord.gg", "discordapp.com"),
          channel("Slack", "slack.com", "slack-redir.net"),
          channel("GitHub", "github.com"),
          channel("Medium", "medium.com"),
          channel("Substack", "substack.com"));

  /**
   * Android apps by package name, as Chrome reports them when an app opens a link with an {@code
   * android-app://} referrer.
   */
  private static final Map<String, String> ANDROID_APPS =
      Map.ofEntries(
          Map.entry("com.google.android.gm", EMAIL),
          Map.entry("com.microsoft.office.outlook", EMAIL),
          Map.entry("com.yahoo.mobile.client.android.mail", EMAIL),
          Map.entry("com.instagram.android", "Instagram"),
          Map.entry("com.instagram.barcelona", "Threads"),
          Map.entry("com.facebook.katana", "Facebook"),
          Map.entry("com.facebook.lite", "Facebook"),
          Map.entry("com.facebook.orca", "Facebook"),
          Map.entry("com.twitter.android", "X"),
          Map.entry("com.zhiliaoapp.musically", "TikTok"),
          Map.entry("com.ss.android.ugc.trill", "TikTok"),
          Map.entry("com.google.android.youtube", "YouTube"),
          Map.entry("com.linkedin.android", "LinkedIn"),
          Map.entry("com.google.android.googlequicksearchbox", "Google"),
          Map.entry("com.reddit.frontpage", "Reddit"),
          Map.entry("com.pinterest", "Pinterest"),
          Map.entry("com.whatsapp", "WhatsApp"),
          Map.entry("org.telegram.messenger", "Telegram"),
          Map.entry("com.snapchat.android", "Snapchat"),
          Map.entry("com.discord", "Discord"),
          Map.entry("com.slack", "Slack"));

  public Referrer {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Classifies a click's Referer header. Never throws.
   *
   * @param refererHeaderOrNull the raw header
   * @param inAppApp the in-app browser's app from {@link DeviceInfo#inAppApp()}, or {@code ""}: in
   *     -app browsers often send no referrer, and then the app itself is the best-known source
   */
  public static Referrer classify(String refererHeaderOrNull, String inAppApp) {
    if (refererHeaderOrNull == null || refererHeaderOrNull.length() <= MAX_REMEMBERED_LENGTH) {
      return KNOWN.get(
          new Header(refererHeaderOrNull, inAppApp), h -> parse(h.referer(), h.inAppApp()));
    }
    return parse(refererHeaderOrNull, inAppApp);
  }

  /** Answers for common referrers; only short headers are remembered. */
  private static final Memo<Header, Referrer> KNOWN = new Memo<>(4096);

  private static final int MAX_REMEMBERED_LENGTH = 256;

  private record Header(String referer, String inAppApp) {}

  private static Referrer parse(String refererHeaderOrNull, String inAppApp) {
    String raw = refererHeaderOrNull == null ? "" : refererHeaderOrNull.strip();
    if (raw.isEmpty()) {
      String app = inAppApp == null ? "" : inAppApp.strip();
      return new Referrer("", "", app.isEmpty() ? DIRECT : channelOfApp(app));
    }
    String url = crop(raw);
    int schemeEnd = url.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String host = schemeEnd < 0 ? "" : host(url, schemeEnd + 3);
    if (!SCHEME.matcher(scheme).matches() || host.isEmpty()) {
      return new Referrer(url, "", OTHER);
    }
    return switch (scheme) {
      case "http", "https" -> {
        String shortHost = withoutPrefixes(host);
        yield new Referrer(url, shortHost, channelOfHost(shortHost));
      }
      case "android-app" -> new Referrer(url, host, ANDROID_APPS.getOrDefault(host, OTHER));
      default -> new Referrer(url, host, OTHER);
    };
  }

  /** The channel an in-app browser's app belongs to; Messenger is Facebook's. */
  private static String channelOfApp(String app) {
    return app.equals("Messenger") ? "Facebook" : app;
  }

  private static String channelOfHost(String host) {
    for (Channel channel : CHANNELS) {
      if (channel.matches(host)) {
        return channel.source();
      }
    }
    if (host.startsWith("webmail.")) {
      return EMAIL;
    }
    return OTHER;
  }

  /**
   * The lowercased host of the authority starting at {@code start}, or {@code ""} if it is not a
   * plausible host name or IP address.
   */
  private static String host(String url, int start) {
    int end = start;
    while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? "" : authority.substring(0, close + 1);
      if (!host.matches("\\[[0-9A-Fa-f:.]+]")) {
        return "";
      }
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      if (!isHostName(host)) {
        return "";
      }
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /**
   * Letters, digits, hyphens and underscores in dot-separated labels of 1 to 63 characters, at most
   * 253 in all: the limits of DNS names.
   */
  private static boolean isHostName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
    }
    return host.codePoints()
        .allMatch(c -> c == '.' || c == '-' || c == '_' || Character.isLetterOrDigit(c));
  }

  private static String withoutPrefixes(String host) {
    for (String prefix : HOST_PREFIXES) {
      // "m.me" is Messenger's own domain, not a mobile prefix: keep at least two labels.
      if (host.startsWith(prefix) && host.indexOf('.', prefix.length()) > 0) {
        return host.substring(prefix.length());
      }
    }
    return host;
  }

  private static String crop(String url) {
    if (url.length() <= MAX_URL_LENGTH) {
      return url;
    }
    int end = MAX_URL_LENGTH;
    if (Character.isHighSurrogate(url.charAt(end - 1))) {
      end--;
    }
    return url.substring(0, end);
  }

  private static Channel channel(String source, String... domains) {
    return new Channel(source, List.of(domains), null);
  }

  /**
   * A channel whose brand name is used under many country domains: {@code google.com}, {@code
   * google.de}, {@code google.co.uk}, {@code google.com.br}, and their subdomains.
   */
  private static Channel brand(String source, String brand, String... moreDomains) {
    return new Channel(
        source,
        List.of(moreDomains),
        Pattern.compile("(?:^|\\.)" + brand + "\\.(?:com?\\.)?[a-z]{2,3}$"));
  }
}
