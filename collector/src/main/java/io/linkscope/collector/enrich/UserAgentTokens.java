package io.linkscope.collector.enrich;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Plain-text detection of bots and in-app browsers in a User-Agent string, for the cases the
 * structural analysis does not classify (or names inconsistently).
 *
 * <p>Link previewers and HTTP libraries matter more to a link shortener than to a web site: every
 * link pasted into a chat is fetched by the chat's previewer before any human clicks it, and those
 * fetches must not be counted as clicks.
 */
final class UserAgentTokens {

  /**
   * Case-insensitive tokens that mark a bot wherever they occur. Kept specific on purpose: a bare
   * {@code "bot"} would also match phone brands such as Cubot.
   */
  static final List<String> BOT_TOKENS =
      List.of(
          // HTTP tools and libraries
          "curl/",
          "wget/",
          "python-requests",
          "python-urllib",
          "python-httpx",
          "aiohttp",
          "go-http-client",
          "java-http-client",
          "apache-httpclient",
          "libwww-perl",
          "node-fetch",
          "axios/",
          "postmanruntime",
          "httpie/",
          "scrapy",
          // automated browsers
          "headless",
          "phantomjs",
          "lighthouse",
          // link previewers of chats and social networks
          "facebookexternalhit",
          "facebot",
          "meta-externalagent",
          "twitterbot",
          "slackbot",
          "slack-imgproxy",
          "discordbot",
          "telegrambot",
          "linkedinbot",
          "pinterestbot",
          "skypeuripreview",
          "redditbot",
          "embedly",
          "iframely",
          "vkshare",
          // search engines
          "googlebot",
          "google-inspectiontool",
          "googleother",
          "adsbot-google",
          "mediapartners-google",
          "feedfetcher-google",
          "bingbot",
          "bingpreview",
          "msnbot",
          "applebot",
          "duckduckbot",
          "yandexbot",
          "baiduspider",
          "petalbot",
          // AI crawlers and assistants
          "bytespider",
          "gptbot",
          "chatgpt-user",
          "oai-searchbot",
          "claudebot",
          "claude-web",
          "anthropic-ai",
          "perplexitybot",
          "ccbot",
          "amazonbot",
          // SEO and monitoring
          "ahrefsbot",
          "semrushbot",
          "mj12bot",
          "dotbot",
          "uptimerobot",
          "pingdom",
          // generic words crawlers use to describe themselves
          "crawler",
          "spider");

  /**
   * Case-insensitive tokens that mark a bot only at the very start of the User-Agent: there they
   * are the whole client, while inside a longer string they are just a library an app embeds (many
   * Android apps send {@code "... okhttp/4.x"}).
   */
  static final List<String> BOT_PREFIXES =
      List.of(
          // WhatsApp's link preview; the app itself opens links in the system browser
          "whatsapp/",
          "okhttp/",
          // java.net.HttpURLConnection's default
          "java/");

  /**
   * An app recognised by any of its literal tokens; where a token alone is ambiguous, the match
   * must also satisfy {@code confirm}. Literal search first keeps this cheap: it runs on every
   * click, and regular expressions over the whole User-Agent cost several times more.
   */
  private record App(String name, List<String> tokens, @Nullable Pattern confirm) {
    boolean matches(String userAgent) {
      for (String token : tokens) {
        if (userAgent.contains(token)) {
          return confirm == null || confirm.matcher(userAgent).find();
        }
      }
      return false;
    }
  }

  /**
   * In-app browser markers, first match wins. Case-sensitive because these are product tokens with
   * fixed spelling; ordered so that Messenger wins over Facebook, whose tokens it shares.
   */
  private static final List<App> IN_APP_APPS =
      List.of(
          app("Messenger", "FBAN/Messenger", "FBAN/Orca", "FB_IAB/Orca-Android"),
          confirmed("Instagram", "\\bInstagram \\d", "Instagram "),
          // Threads identifies itself by its code name
          confirmed("Threads", "\\bBarcelona \\d", "Barcelona "),
          app("Facebook", "FBAN/", "FBAV/", "FB_IAB/", "FBIOS"),
          app("TikTok", "musical_ly", "BytedanceWebview", "TikTok", "trill_", "AppName/trill"),
          app("Snapchat", "Snapchat"),
          app("LinkedIn", "LinkedInApp"),
          app(
              "X",
              "Twitter for iPhone",
              "Twitter for iPad",
              "Twitter for Android",
              "TwitterAndroid"),
          app("Pinterest", "Pinterest/"),
          app("WeChat", "MicroMessenger"),
          // only as a product token of its own: not "Mainline/" or "Outline/"
          confirmed("Line", "(?:^|[\\s(;\\[])Line/", "Line/"),
          app("Telegram", "Telegram-Android", "Telegram-iOS"),
          confirmed("Reddit", "\\bReddit/", "Reddit/"),
          app("KakaoTalk", "KAKAOTALK"),
          // the Google app on iOS
          confirmed("Google", "\\bGSA/\\d", "GSA/"));

  private UserAgentTokens() {}

  /** Whether the User-Agent contains one of the {@link #BOT_TOKENS} or {@link #BOT_PREFIXES}. */
  static boolean isBot(String userAgent) {
    String lower = userAgent.toLowerCase(Locale.ROOT);
    for (String prefix : BOT_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return true;
      }
    }
    for (String token : BOT_TOKENS) {
      if (lower.contains(token)) {
        return true;
      }
    }
    return false;
  }

  /** The normalized name of the app whose in-app browser sent this User-Agent, or {@code ""}. */
  static String inAppApp(String userAgent) {
    for (App app : IN_APP_APPS) {
      if (app.matches(userAgent)) {
        return app.name();
      }
    }
    return "";
  }

  /**
   * Maps an app name as the structural analysis reports it ({@code "Facebook App for iOS"}, {@code
   * "Trill"}, {@code "Twitter for iPhone"}, ...) to the same normalized names {@link #inAppApp}
   * uses; names without a mapping are returned unchanged.
   */
  static String canonicalAppName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("facebook messenger") || lower.contains("orca")) {
      return "Messenger";
    }
    if (lower.startsWith("facebook")) {
      return "Facebook";
    }
    if (lower.startsWith("tiktok") || lower.startsWith("trill") || lower.startsWith("musical")) {
      return "TikTok";
    }
    if (lower.startsWith("barcelona")) {
      return "Threads";
    }
    if (lower.startsWith("twitter")) {
      return "X";
    }
    if (lower.startsWith("telegram")) {
      return "Telegram";
    }
    if (lower.startsWith("wechat") || lower.startsWith("micromessenger")) {
      return "WeChat";
    }
    return name;
  }

  private static App app(String name, String... tokens) {
    return new App(name, List.of(tokens), null);
  }

  private static App confirmed(String name, String confirmRegex, String... tokens) {
    return new App(name, List.of(tokens), Pattern.compile(confirmRegex));
  }
}
