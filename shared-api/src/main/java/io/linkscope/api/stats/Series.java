package io.linkscope.api.stats;

import java.util.List;

/**
 * A time series at hour, day, week or month granularity, and the same buckets of the previous
 * period of equal length (same count of points, shifted back) for comparison.
 */
public record Series(String granularity, List<SeriesPoint> points, List<SeriesPoint> previous) {}
