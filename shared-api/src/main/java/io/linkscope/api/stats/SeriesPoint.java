package io.linkscope.api.stats;

import java.time.Instant;

/** One bucket of a time series; {@code start} is the bucket's first instant in the time zone. */
public record SeriesPoint(Instant start, String label, long clicks, long uniques) {}
