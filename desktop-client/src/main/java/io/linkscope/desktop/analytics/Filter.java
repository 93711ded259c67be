package io.linkscope.desktop.analytics;

import java.util.Objects;

/**
 * A drill-down filter: only clicks whose {@code dimension} (wire name, e.g. "device") has {@code
 * value} (as stored: an empty value is "unknown").
 */
public record Filter(String dimension, String value) {
  public Filter {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(value, "value");
  }

  /** The value as the collector's API names it in a filter ("unknown" for an empty value). */
  public String apiValue() {
    return value.isEmpty() ? "unknown" : value;
  }
}
