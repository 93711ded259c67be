package io.linkscope.desktop.analytics;

import io.linkscope.desktop.ui.Granularity;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The date ranges offered in the range pickers; all end with the current day. */
public enum RangePreset {
  LAST_24_HOURS("Last 24 hours", Granularity.HOUR),
  LAST_7_DAYS("Last 7 days", Granularity.DAY),
  LAST_30_DAYS("Last 30 days", Granularity.DAY),
  LAST_90_DAYS("Last 90 days", Granularity.WEEK),
  LAST_12_MONTHS("Last 12 months", Granularity.MONTH),
  CUSTOM("Custom range", Granularity.DAY);

  private final String label;
  private final Granularity granularity;

  RangePreset(String label, Granularity granularity) {
    this.label = label;
    this.granularity = granularity;
  }

  /** The granularity a chart of this range reads best in. */
  public Granularity granularity() {
    return granularity;
  }

  /**
   * The range now, in {@code zone}. {@code customFrom}/{@code customTo} (inclusive days) are used
   * only by {@link #CUSTOM}.
   */
  public TimeRange range(
      Clock clock,
      ZoneId zone,
      Granularity chosen,
      @Nullable LocalDate customFrom,
      @Nullable LocalDate customTo) {
    ZonedDateTime now = clock.instant().atZone(zone);
    ZonedDateTime endOfToday = now.truncatedTo(ChronoUnit.DAYS).plusDays(1);
    ZonedDateTime start =
        switch (this) {
          case LAST_24_HOURS -> now.truncatedTo(ChronoUnit.HOURS).minusHours(23);
          case LAST_7_DAYS -> endOfToday.minusDays(7);
          case LAST_30_DAYS -> endOfToday.minusDays(30);
          case LAST_90_DAYS -> endOfToday.minusDays(90);
          case LAST_12_MONTHS -> endOfToday.minusMonths(12);
          case CUSTOM ->
              Objects.requireNonNull(customFrom, "a custom range has days").atStartOfDay(zone);
        };
    ZonedDateTime end =
        switch (this) {
          case LAST_24_HOURS -> now.truncatedTo(ChronoUnit.HOURS).plusHours(1);
          case CUSTOM ->
              Objects.requireNonNull(customTo, "a custom range has days")
                  .plusDays(1)
                  .atStartOfDay(zone);
          default -> endOfToday;
        };
    return new TimeRange(start.toInstant(), end.toInstant(), zone, chosen);
  }

  @Override
  public String toString() {
    return label;
  }
}
