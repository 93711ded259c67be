package io.linkscope.collector.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The bucket size of a time series in a time zone. Buckets are local: a day is a local calendar day
 * (23 or 25 hours across a DST change), a week starts on Monday.
 */
enum Granularity {
  HOUR,
  DAY,
  WEEK,
  MONTH;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The start of the local bucket containing {@code instant}. */
  Instant bucket(Instant instant, ZoneId zone) {
    ZonedDateTime time = instant.atZone(zone);
    ZonedDateTime start =
        switch (this) {
          case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
          case DAY -> time.toLocalDate().atStartOfDay(zone);
          case WEEK ->
              time.toLocalDate()
                  .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                  .atStartOfDay(zone);
          case MONTH -> time.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        };
    return start.toInstant();
  }

  /** The start of the bucket after the one starting at {@code bucketStart}. */
  Instant next(Instant bucketStart, ZoneId zone) {
    return switch (this) {
      case HOUR -> bucketStart.plus(1, ChronoUnit.HOURS);
      case DAY -> bucketStart.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
      case WEEK ->
          bucketStart.atZone(zone).toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
      case MONTH ->
          bucketStart.atZone(zone).toLocalDate().plusMonths(1).atStartOfDay(zone).toInstant();
    };
  }

  /** A bucket's name in the time zone: 2026-03-29T02:00+02:00, 2026-03-29, 2026-W13, 2026-03. */
  String label(Instant bucketStart, ZoneId zone) {
    ZonedDateTime time = bucketStart.atZone(zone);
    return switch (this) {
      case HOUR -> time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx"));
      case DAY -> time.toLocalDate().toString();
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              time.get(IsoFields.WEEK_BASED_YEAR),
              time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> time.format(DateTimeFormatter.ofPattern("yyyy-MM"));
    };
  }
}
