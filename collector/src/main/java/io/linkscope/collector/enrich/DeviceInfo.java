package io.linkscope.collector.enrich;

import java.util.Objects;

/**
 * What a click's User-Agent says about the device, browser, operating system and in-app browser
 * that produced it, and whether it came from a bot.
 *
 * <p>All strings are non-null; a value the User-Agent does not reveal is {@code ""}.
 *
 * @param deviceType one of {@code desktop}, {@code mobile}, {@code tablet}, {@code tv}, {@code
 *     console}, {@code wearable}, {@code bot}, {@code other}; always {@code bot} when {@code bot}
 *     is true, so that no bot is ever counted as a desktop or phone
 * @param browser the agent name, e.g. {@code Chrome}, {@code Safari}, {@code Instagram}
 * @param browserVersion the agent's major version, e.g. {@code 120}
 * @param os the operating system name, e.g. {@code iOS}, {@code Android}, {@code Windows}, {@code
 *     Mac OS}
 * @param osVersion the operating system's major version, e.g. {@code 17}; may be a lower bound such
 *     as {@code >=10.15} where the User-Agent is frozen and cannot tell more
 * @param inAppApp the app whose embedded browser opened the link, e.g. {@code Instagram}, {@code
 *     Facebook}, {@code TikTok}; {@code ""} for a regular browser
 * @param bot whether the click came from a crawler, link previewer, script or HTTP library
 */
public record DeviceInfo(
    String deviceType,
    String browser,
    String browserVersion,
    String os,
    String osVersion,
    String inAppApp,
    boolean bot) {

  /** Device type of desktop and laptop computers. */
  public static final String DESKTOP = "desktop";

  /** Device type of phones, including phablets (large phones are still phones). */
  public static final String MOBILE = "mobile";

  /** Device type of tablets. */
  public static final String TABLET = "tablet";

  /** Device type of smart TVs and set-top boxes. */
  public static final String TV = "tv";

  /** Device type of game consoles, home and handheld. */
  public static final String CONSOLE = "console";

  /** Device type of watches and AR/VR headsets. */
  public static final String WEARABLE = "wearable";

  /** Device type of every click flagged as {@link #bot()}. */
  public static final String BOT = "bot";

  /** Device type when the User-Agent does not reveal one of the others. */
  public static final String OTHER = "other";

  /** The result when nothing could be learned, e.g. because analysis failed. */
  public static final DeviceInfo UNKNOWN = new DeviceInfo(OTHER, "", "", "", "", "", false);

  /**
   * The result for an absent or blank User-Agent. Every real browser and in-app browser sends one,
   * so a click without it comes from a script or a stripped-down HTTP client: it is counted as a
   * bot.
   */
  public static final DeviceInfo NO_USER_AGENT = new DeviceInfo(BOT, "", "", "", "", "", true);

  public DeviceInfo {
    Objects.requireNonNull(deviceType, "deviceType");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(browserVersion, "browserVersion");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(inAppApp, "inAppApp");
  }
}
