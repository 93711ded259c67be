package io.linkscope.api.stats;

import java.time.Instant;
import java.util.Map;

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
    Long linkId,
    String tag,
    Long pageId,
    Instant from,
    Instant to,
    String timeZone,
    Map<String, String> filters,
    String bots) {}
