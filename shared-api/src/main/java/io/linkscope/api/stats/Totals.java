package io.linkscope.api.stats;

/**
 * Counts over a range. A unique click is the first click of a visitor (keyed IP hash + User-Agent)
 * on a link or page within one UTC day; uniques over longer ranges are the sum of daily uniques.
 */
public record Totals(long clicks, long uniques) {}
