package io.linkscope.api.routing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When a visit happens. Every part given must match.
 *
 * @param start from this instant on
 * @param end before this instant
 * @param weekdays days of the week in {@code zone}: {@code MON} ... {@code SUN}
 * @param fromHour from this hour of the day in {@code zone} (0-23)
 * @param toHour before this hour (1-24); smaller than {@code fromHour} wraps past midnight
 * @param zone an IANA time zone such as {@code Europe/Berlin}; UTC when absent
 */
public record TimeWindow(
    @Nullable Instant start,
    @Nullable Instant end,
    @Nullable List<String> weekdays,
    @Nullable Integer fromHour,
    @Nullable Integer toHour,
    @Nullable String zone) {}
