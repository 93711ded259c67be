package io.linkscope.api.stats;

import java.util.Locale;
import java.util.Optional;

/** A property of a click that statistics break down and filter by; the wire name is lower-case. */
public enum Dimension {
  COUNTRY,
  REGION,
  CITY,
  DEVICE,
  BROWSER,
  OS,
  IN_APP,
  SOURCE,
  REFERRER_HOST,
  UTM_SOURCE,
  UTM_MEDIUM,
  UTM_CAMPAIGN,
  UTM_TERM,
  UTM_CONTENT,
  LANGUAGE,
  /**
   * Which routing rule or A/B variant of a link sent a click: {@code rule:<id>}, {@code
   * variant:<id>}, or {@code target} for the link's own target.
   */
  DESTINATION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Dimension> parse(String text) {
    for (Dimension dimension : values()) {
      if (dimension.wireName().equals(text)) {
        return Optional.of(dimension);
      }
    }
    return Optional.empty();
  }
}
