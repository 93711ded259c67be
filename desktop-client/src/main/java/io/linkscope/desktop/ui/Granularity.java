package io.linkscope.desktop.ui;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The bucket size of a time series, with how a local time is truncated to its bucket. */
public enum Granularity {
  HOUR("Hourly"),
  DAY("Daily"),
  WEEK("Weekly"),
  MONTH("Monthly");

  private final String label;

  Granularity(String label) {
    this.label = label;
  }

  public ZonedDateTime bucketOf(ZonedDateTime time) {
    return switch (this) {
      case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
      case DAY -> time.truncatedTo(ChronoUnit.DAYS);
      case WEEK ->
          time.truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
    };
  }

  public ZonedDateTime next(ZonedDateTime bucket) {
    return switch (this) {
      case HOUR -> bucket.plusHours(1);
      case DAY -> bucket.plusDays(1);
      case WEEK -> bucket.plusWeeks(1);
      case MONTH -> bucket.plusMonths(1);
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
