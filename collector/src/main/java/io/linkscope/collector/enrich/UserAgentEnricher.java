package io.linkscope.collector.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives a click's {@link DeviceInfo} from its User-Agent header, using Yauaa for the structural
 * analysis, {@link UserAgentTokens} for in-app browsers, and for bots Yauaa's agent classes, {@link
 * UserAgentTokens} and a maintained list of {@link BotPatterns}.
 *
 * <p>Construction loads Yauaa's rule set: it takes seconds and on the order of a hundred megabytes
 * of heap, so create one instance per process and share it.
 *
 * <p>Thread-safe. Yauaa serialises the analysis of User-Agents it has not seen before internally,
 * while answers from its cache are served concurrently. Since a few hundred distinct User-Agents
 * typically make up almost all traffic, most calls are cache hits and one shared instance suffices;
 * a pool of analyzers would multiply the memory for little gain.
 */
public final class UserAgentEnricher {

  /**
   * User-Agents are cropped to this many characters before analysis. Real browsers and in-app
   * browsers stay well below it (the long Facebook and Instagram ones are around 300); anything
   * longer is padding or an attack, and cropping keeps both the analysis time and the memory of
   * every cache entry bounded.
   */
  static final int MAX_USER_AGENT_LENGTH = 512;

  private static final Logger LOG = LoggerFactory.getLogger(UserAgentEnricher.class);

  /** Yauaa's device and agent classes that denote a bot or an attack tool. */
  private static final Set<String> BOT_CLASSES =
      Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker", "Cloud Application");

  private final UserAgentAnalyzer analyzer;
  private final int cacheSize;
  private final BotPatternSource botPatterns;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  /** The bot patterns and the results computed with them, replaced together on a reload. */
  private volatile Generation generation;

  /**
   * Finished results by User-Agent: Yauaa caches its own analysis, but the token checks for bots
   * and in-app browsers are regular expressions that would otherwise run for every click and were
   * the pipeline's largest CPU cost under load. {@code results} is null when caching is disabled.
   */
  private record Generation(BotPatterns bots, @Nullable Cache<String, DeviceInfo> results) {}

  /**
   * Builds the analyzer.
   *
   * @param cacheSize how many distinct User-Agents to keep analysed results for; 0 disables the
   *     cache
   * @throws IllegalArgumentException if {@code cacheSize} is negative
   */
  public UserAgentEnricher(int cacheSize) {
    this(analyzer(cacheSize), cacheSize, BotPatternSource.bundled());
  }

  private UserAgentEnricher(
      UserAgentAnalyzer analyzer, int cacheSize, BotPatternSource botPatterns) {
    this.analyzer = analyzer;
    this.cacheSize = cacheSize;
    this.botPatterns = botPatterns;
    this.generation = newGeneration(botPatterns.current());
  }

  private static UserAgentAnalyzer analyzer(int cacheSize) {
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must not be negative: " + cacheSize);
    }
    var builder =
        UserAgentAnalyzer.newBuilder()
            .hideMatcherLoadStats()
            // Asking only for the fields used below lets Yauaa skip most of its rules, which
            // makes it both faster and much smaller.
            .withFields(
                UserAgent.DEVICE_CLASS,
                UserAgent.AGENT_CLASS,
                UserAgent.AGENT_NAME,
                UserAgent.AGENT_VERSION_MAJOR,
                UserAgent.OPERATING_SYSTEM_NAME,
                UserAgent.OPERATING_SYSTEM_VERSION_MAJOR,
                UserAgent.WEBVIEW_APP_NAME);
    if (cacheSize == 0) {
      builder.withoutCache();
    } else {
      builder.withCache(cacheSize);
    }
    // Pay the start-up cost now rather than on the first click.
    return builder.immediateInitialization().build();
  }

  /**
   * An enricher that shares this one's analyzer (and so its memory and start-up cost) but takes its
   * bot patterns from {@code botPatterns}.
   */
  public UserAgentEnricher withBotPatterns(BotPatternSource botPatterns) {
    return new UserAgentEnricher(analyzer, cacheSize, botPatterns);
  }

  /**
   * Analyses one User-Agent header.
   *
   * <p>Never throws: if the analysis fails the failure is logged (once at WARN, afterwards at
   * DEBUG) and {@link DeviceInfo#UNKNOWN} is returned, because a click is worth recording even
   * without device details.
   *
   * @param userAgentOrNull the raw header; {@code null} or blank yields {@link
   *     DeviceInfo#NO_USER_AGENT}, i.e. a bot
   */
  public DeviceInfo parse(String userAgentOrNull) {
    if (userAgentOrNull == null || userAgentOrNull.isBlank()) {
      return DeviceInfo.NO_USER_AGENT;
    }
    try {
      String userAgent = crop(userAgentOrNull.strip());
      Generation current = currentGeneration();
      return current.results() == null
          ? analyse(userAgent, current.bots())
          : current.results().get(userAgent, ua -> analyse(ua, current.bots()));
    } catch (RuntimeException e) {
      if (failureLogged.compareAndSet(false, true)) {
        LOG.warn(
            "User-Agent analysis failed; such clicks are recorded without device details."
                + " Further failures are logged at DEBUG.",
            e);
      } else {
        LOG.debug("User-Agent analysis failed", e);
      }
      return DeviceInfo.UNKNOWN;
    }
  }

  /**
   * The generation of the bot patterns in effect. Cached results are dropped with the patterns they
   * were computed with; two threads that see a reload at once both start a generation, and the
   * results one of them caches are computed again later, which is harmless.
   */
  private Generation currentGeneration() {
    BotPatterns bots = botPatterns.current();
    Generation current = generation;
    if (current.bots() != bots) {
      current = newGeneration(bots);
      generation = current;
    }
    return current;
  }

  private Generation newGeneration(BotPatterns bots) {
    return new Generation(
        bots, cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build());
  }

  private DeviceInfo analyse(String userAgent, BotPatterns bots) {
    UserAgent result = analyzer.parse(userAgent);
    String deviceClass = result.getValue(UserAgent.DEVICE_CLASS);
    boolean bot =
        isBotClass(deviceClass)
            || isBotClass(result.getValue(UserAgent.AGENT_CLASS))
            || UserAgentTokens.isBot(userAgent)
            || bots.matches(userAgent);
    String inApp = inAppApp(userAgent, result);
    String agent = known(result.getValue(UserAgent.AGENT_NAME));
    boolean agentIsTheApp = UserAgentTokens.canonicalAppName(agent).equals(inApp);
    return new DeviceInfo(
        bot ? DeviceInfo.BOT : deviceType(deviceClass),
        inApp.isEmpty() ? agent : inApp,
        inApp.isEmpty() || agentIsTheApp
            ? known(result.getValue(UserAgent.AGENT_VERSION_MAJOR))
            : "",
        osName(known(result.getValue(UserAgent.OPERATING_SYSTEM_NAME))),
        known(result.getValue(UserAgent.OPERATING_SYSTEM_VERSION_MAJOR)),
        inApp,
        bot);
  }

  // Set.of(...).contains(null) throws, and Yauaa may return null for a field it did not compute.
  private static boolean isBotClass(String yauaaClass) {
    return yauaaClass != null && BOT_CLASSES.contains(yauaaClass);
  }

  /** Maps Yauaa's DeviceClass to a {@link DeviceInfo#deviceType()}. */
  static String deviceType(String deviceClass) {
    return switch (deviceClass == null ? "" : deviceClass) {
      case "Desktop" -> DeviceInfo.DESKTOP;
      // A phablet is a phone with a large screen: it is used like, and counted as, a phone.
      case "Phone", "Mobile", "Phablet" -> DeviceInfo.MOBILE;
      case "Tablet" -> DeviceInfo.TABLET;
      case "TV", "Set-top box" -> DeviceInfo.TV;
      case "Game Console", "Handheld Game Console" -> DeviceInfo.CONSOLE;
      case "Watch", "Augmented Reality", "Virtual Reality" -> DeviceInfo.WEARABLE;
      case "Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker" -> DeviceInfo.BOT;
      default -> DeviceInfo.OTHER;
    };
  }

  /**
   * The in-app browser's app, which also names the browser: the web view inside it ({@code
   * UIWebView}, {@code Chrome Webview}) says nothing about where the visitor was, and its version
   * is the engine's, so an in-app browser keeps a version only where it is the app's own.
   *
   * <p>Explicit tokens first, because they give consistent names across iOS and Android, then what
   * Yauaa knows as the webview's app or as a mobile app agent.
   */
  private static String inAppApp(String userAgent, UserAgent result) {
    String byToken = UserAgentTokens.inAppApp(userAgent);
    if (!byToken.isEmpty()) {
      return byToken;
    }
    String webviewApp = known(result.getValue(UserAgent.WEBVIEW_APP_NAME));
    if (!webviewApp.isEmpty()) {
      return UserAgentTokens.canonicalAppName(webviewApp);
    }
    if ("Mobile App".equals(result.getValue(UserAgent.AGENT_CLASS))) {
      return UserAgentTokens.canonicalAppName(known(result.getValue(UserAgent.AGENT_NAME)));
    }
    return "";
  }

  /** Yauaa calls Windows by its kernel's name; reports should say what users call it. */
  private static String osName(String name) {
    return "Windows NT".equals(name) ? "Windows" : name;
  }

  /**
   * The value, or {@code ""} for Yauaa's placeholders ({@code Unknown}, {@code ??}, {@code Unknown
   * Webview App}, and {@code Hacker}, which it puts into every field of a malicious User-Agent).
   */
  static String known(String value) {
    if (value == null) {
      return "";
    }
    String v = value.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()
        || lower.equals("??")
        || lower.equals("unknown")
        || lower.startsWith("unknown ")
        || lower.equals("hacker")) {
      return "";
    }
    return v;
  }

  /** Crops to {@link #MAX_USER_AGENT_LENGTH}, never splitting a surrogate pair. */
  static String crop(String userAgent) {
    if (userAgent.length() <= MAX_USER_AGENT_LENGTH) {
      return userAgent;
    }
    int end = MAX_USER_AGENT_LENGTH;
    if (Character.isHighSurrogate(userAgent.charAt(end - 1))) {
      end--;
    }
    return userAgent.substring(0, end);
  }
}
