package io.linkscope.desktop.ui;

import java.time.ZonedDateTime;

/** One bucket of a time series, starting at {@code start} in the range's zone. */
public record SeriesPoint(ZonedDateTime start, Counts counts) {}
