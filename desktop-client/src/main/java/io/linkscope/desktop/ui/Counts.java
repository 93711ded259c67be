package io.linkscope.desktop.ui;

import org.jspecify.annotations.Nullable;

/**
 * Clicks (or views/taps) and unique visitors. Uniques are summed over hourly cells, so a visitor
 * who came back in another hour counts again.
 */
public record Counts(long clicks, long uniques) {
  public static final Counts ZERO = new Counts(0, 0);

  public Counts plus(Counts other) {
    return new Counts(clicks + other.clicks, uniques + other.uniques);
  }

  /** Relative change from {@code before} in percent, or null when there was nothing before. */
  public static @Nullable Double changePercent(long now, long before) {
    return before == 0 ? null : (now - before) * 100.0 / before;
  }
}
