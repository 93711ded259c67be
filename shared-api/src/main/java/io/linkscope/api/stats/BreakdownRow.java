package io.linkscope.api.stats;

/** One value of a dimension with its counts and share of all clicks in the breakdown. */
public record BreakdownRow(String value, long clicks, long uniques, double share) {}
