package io.linkscope.collector.enrich;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

  private record App(Pattern token, String name) {}

  /**
   * In-app browser markers, first match wins. Case-sensitive because these are product tokens with
   * fixed spelling; ordered so that Messenger wins over Facebook, whose tokens it shares.
   */
  private static final List<App> IN_APP_TOKENS =
      List.of(
          app("FBAN/Messenger|FBAN/Orca|FB_IAB/Orca-Android", "Messenger"),
          app("\\bInstagram \\d", "Instagram"),
          // Threads identifies itself by its code name
          app("\\bBarcelona \\d", "Threads"),
          app("FBAN/|FBAV/|FB_IAB/|FBIOS", "Facebook"),
          app("musical_ly|BytedanceWebview|TikTok|\\btrill_|AppName/trill", "TikTok"),
          app("Snapchat", "Snapchat"),
          app("LinkedInApp", "LinkedIn"),
          app("Twitter for (?:iPhone|iPad|Android)|TwitterAndroid", "X"),
          app("Pinterest/", "Pinterest"),
          app("MicroMessenger", "WeChat"),
          app("(?:^|[\\s(;\\[])Line/", "Line"),
          app("Telegram-(?:Android|iOS)", "Telegram"),
          app("\\bReddit/", "Reddit"),
          app("KAKAOTALK", "KakaoTalk"),
          // the Google app on iOS
          app("\\bGSA/\\d", "Google"));

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
    for (App app : IN_APP_TOKENS) {
      if (app.token().matcher(userAgent).find()) {
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

  private static App app(String regex, String name) {
    return new App(Pattern.compile(regex), name);
  }
}
