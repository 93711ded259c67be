package io.linkscope.desktop.analytics;

import io.linkscope.desktop.ui.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A half-open time range [from, to) shown in one time zone at one granularity. Totals are hourly,
 * so bounds are effectively rounded down to whole UTC hours; breakdowns count whole UTC days.
 */
public record TimeRange(Instant from, Instant to, ZoneId zone, Granularity granularity) {
  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("The start of a range must be before its end.");
    }
  }

  /**
   * The range of equal length just before this one, for "change vs previous period". Ranges of
   * whole local days move back by the same number of calendar days, so that a daylight-saving
   * change inside the range does not shift the previous period by an hour.
   */
  public TimeRange previous() {
    ZonedDateTime start = from.atZone(zone);
    ZonedDateTime end = to.atZone(zone);
    if (start.toLocalTime().equals(LocalTime.MIDNIGHT)
        && end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      Period length = Period.between(start.toLocalDate(), end.toLocalDate());
      return new TimeRange(
          start.toLocalDate().minus(length).atStartOfDay(zone).toInstant(),
          from,
          zone,
          granularity);
    }
    Duration length = Duration.between(from, to);
    return new TimeRange(from.minus(length), from, zone, granularity);
  }

  long fromHour() {
    return Math.floorDiv(from.getEpochSecond(), 3600);
  }

  long toHour() {
    return Math.floorDiv(to.getEpochSecond() + 3599, 3600);
  }
}
