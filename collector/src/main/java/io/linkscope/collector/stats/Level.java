package io.linkscope.collector.stats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The three rollup tables: UTC hours (the {@code total} dimension only), days and months (every
 * dimension). Days and months sum exactly; hours sum to the days' totals.
 */
public enum Level {
  HOUR("rollup_hour", true),
  DAY("rollup_day", true),
  MONTH("rollup_month", false);

  public final String table;

  /** Whether upserts number their cells for the sync feed ({@code seq}). */
  public final boolean sequenced;

  Level(String table, boolean sequenced) {
    this.table = table;
    this.sequenced = sequenced;
  }

  /** The start of the UTC period containing {@code instant}. */
  public Instant floor(Instant instant) {
    LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    LocalDateTime start =
        switch (this) {
          case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
          case DAY -> time.truncatedTo(ChronoUnit.DAYS);
          case MONTH -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    return start.toInstant(ZoneOffset.UTC);
  }

  /** The first period start at or after {@code instant}. */
  Instant ceil(Instant instant) {
    Instant floor = floor(instant);
    return floor.equals(instant) ? floor : next(floor);
  }

  Instant next(Instant periodStart) {
    LocalDateTime time = LocalDateTime.ofInstant(periodStart, ZoneOffset.UTC);
    LocalDateTime next =
        switch (this) {
          case HOUR -> time.plusHours(1);
          case DAY -> time.plusDays(1);
          case MONTH -> time.plusMonths(1);
        };
    return next.toInstant(ZoneOffset.UTC);
  }
}
