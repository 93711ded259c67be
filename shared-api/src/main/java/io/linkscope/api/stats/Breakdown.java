package io.linkscope.api.stats;

import java.util.List;

/**
 * The top values of one dimension; everything below the top N is summed into {@code other}. Empty
 * values (unknown country, no UTM tag) are reported as {@code "unknown"}.
 */
public record Breakdown(
    String dimension, List<BreakdownRow> rows, BreakdownRow other, Totals total) {}
