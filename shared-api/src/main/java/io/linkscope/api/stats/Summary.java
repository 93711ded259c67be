package io.linkscope.api.stats;

/** Totals of a range and of the previous range of equal length, with the relative change. */
public record Summary(Totals current, Totals previous, Double clicksChange, Double uniquesChange) {}
