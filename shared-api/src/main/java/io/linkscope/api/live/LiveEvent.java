package io.linkscope.api.live;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event of a workspace's live stream: a click, page view, tap or conversion as it is recorded,
 * or a notice that the stream missed some. There is no IP address in it, not even its hash: where
 * is the GeoIP answer only.
 *
 * @param id monotonic per collector; what {@code Last-Event-ID} resumes after
 * @param type {@link #CLICK}, {@link #PAGE_VIEW}, {@link #TAP}, {@link #CONVERSION} or {@link
 *     #MISSED}
 * @param at when the visit was captured, or the conversion reported
 * @param linkId the link clicked (or converted on), 0 when none
 * @param pageId the bio page viewed or tapped on, 0 when none
 * @param widgetId the bio widget tapped, 0 when none
 * @param path the bio page's path for page views and taps, empty for link clicks (the client knows
 *     its links by id)
 * @param country ISO 3166 alpha-2 code, or {@code "unknown"}
 * @param referrerSource a named channel (Instagram, Google, Email, Direct, Other ...)
 * @param conversion the conversion's event name, for conversions only
 * @param value the conversion's value, when reported
 */
public record LiveEvent(
    long id,
    String type,
    Instant at,
    long linkId,
    long pageId,
    long widgetId,
    String domain,
    String path,
    String widgetTitle,
    String country,
    String countryName,
    String city,
    @Nullable Double latitude,
    @Nullable Double longitude,
    String deviceType,
    String browser,
    String os,
    String referrerSource,
    String utmSource,
    String utmCampaign,
    boolean bot,
    @Nullable String conversion,
    @Nullable BigDecimal value,
    @Nullable String currency) {

  public static final String CLICK = "click";
  public static final String PAGE_VIEW = "page_view";
  public static final String TAP = "tap";
  public static final String CONVERSION = "conversion";

  /**
   * The stream could not resume where the client asked (the id is older than what the collector
   * keeps, or from before a restart): some events were missed, the stream goes on from now.
   */
  public static final String MISSED = "missed";

  /** A visit: a click, page view or tap. */
  public boolean visit() {
    return type.equals(CLICK) || type.equals(PAGE_VIEW) || type.equals(TAP);
  }

  /** A reported conversion on a click of {@code linkId} (0 when the click is not known). */
  public static LiveEvent conversion(
      long id,
      Instant at,
      long linkId,
      String conversion,
      @Nullable BigDecimal value,
      @Nullable String currency) {
    return new LiveEvent(
        id,
        CONVERSION,
        at,
        linkId,
        0,
        0,
        "",
        "",
        "",
        "",
        "",
        "",
        null,
        null,
        "",
        "",
        "",
        "",
        "",
        "",
        false,
        conversion,
        value,
        currency);
  }

  /** The notice that events were missed, carrying the id the stream goes on after. */
  public static LiveEvent missed(long id, Instant at) {
    return new LiveEvent(
        id, MISSED, at, 0, 0, 0, "", "", "", "", "", "", null, null, "", "", "", "", "", "", false,
        null, null, null);
  }
}
