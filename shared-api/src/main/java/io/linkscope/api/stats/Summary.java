package io.linkscope.api.stats;

import org.jspecify.annotations.Nullable;

/**
 * Totals of a range and of the previous range of equal length, with the relative change (null when
 * the previous range has nothing to compare with).
 */
public record Summary(
    Totals current,
    Totals previous,
    @Nullable Double clicksChange,
    @Nullable Double uniquesChange) {}
