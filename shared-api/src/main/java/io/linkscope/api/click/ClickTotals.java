package io.linkscope.api.click;

import java.time.Instant;

/** Click counts of one link over a time range ({@code null} bounds mean unbounded). */
public record ClickTotals(long linkId, Instant from, Instant to, long clicks, long botClicks) {}
