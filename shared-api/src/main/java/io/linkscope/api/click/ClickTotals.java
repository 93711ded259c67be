package io.linkscope.api.click;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Click counts of one link over a time range ({@code null} bounds mean unbounded). */
public record ClickTotals(
    long linkId, @Nullable Instant from, @Nullable Instant to, long clicks, long botClicks) {}
