package io.linkscope.api.stats;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a statistics request is about. Exactly one scope: a link, a tag (campaign), a bio page, or
 * (all null) the whole workspace.
 *
 * @param from inclusive start; {@code to} exclusive end
 * @param timeZone an IANA zone id such as {@code Europe/Berlin}; days and hours are counted in it
 * @param filters dimension wire name → value, e.g. {@code country=DE}; all must match
 * @param bots {@code exclude} (default), {@code include} or {@code only}
 */
public record StatsQuery(
    @Nullable Long linkId,
    @Nullable String tag,
    @Nullable Long pageId,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String timeZone,
    @Nullable Map<String, String> filters,
    @Nullable String bots) {

  public static StatsQuery workspace(Instant from, Instant to) {
    return new StatsQuery(null, null, null, from, to, null, Map.of(), null);
  }

  public static StatsQuery link(long linkId, Instant from, Instant to) {
    return new StatsQuery(linkId, null, null, from, to, null, Map.of(), null);
  }

  public static StatsQuery tag(String tag, Instant from, Instant to) {
    return new StatsQuery(null, tag, null, from, to, null, Map.of(), null);
  }

  public StatsQuery inZone(String zone) {
    return new StatsQuery(linkId, tag, pageId, from, to, zone, filters, bots);
  }

  /** This query with one more filter, e.g. {@code where("country", "DE")}. */
  public StatsQuery where(String dimension, String value) {
    Map<String, String> all = new java.util.LinkedHashMap<>(filters == null ? Map.of() : filters);
    all.put(dimension, value);
    return new StatsQuery(linkId, tag, pageId, from, to, timeZone, Map.copyOf(all), bots);
  }

  public StatsQuery withBots(String bots) {
    return new StatsQuery(linkId, tag, pageId, from, to, timeZone, filters, bots);
  }
}
