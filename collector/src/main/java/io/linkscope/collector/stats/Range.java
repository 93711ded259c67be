package io.linkscope.collector.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A half-open range of whole UTC hours, [from, to). */
record Range(Instant from, Instant to) {
  Range {
    if (!Level.HOUR.floor(from).equals(from) || !Level.HOUR.floor(to).equals(to)) {
      throw new IllegalArgumentException("ranges are whole hours: " + from + " " + to);
    }
  }

  /** The range of equal length just before this one. */
  Range previous() {
    return new Range(from.minus(Duration.between(from, to)), from);
  }

  boolean isEmpty() {
    return !from.isBefore(to);
  }

  /**
   * A period of one rollup level inside a range, added to the answer or, when {@code subtract},
   * taken from it.
   */
  record Segment(Level level, Instant from, Instant to, boolean subtract) {
    Segment(Level level, Instant from, Instant to) {
      this(level, from, to, false);
    }
  }

  /**
   * The fewest rollup periods that cover this range exactly: whole UTC months from the monthly
   * table, whole days around them from the daily one, the remaining hours from the hourly one.
   * Where those hours are more than half of a UTC day, the day is read instead and the hours of it
   * outside the range are subtracted: a 23-hour edge reads one day and one hour.
   */
  List<Segment> segments() {
    List<Segment> covered = new ArrayList<>();
    cover(Level.MONTH, from, to, covered);
    List<Segment> segments = new ArrayList<>();
    for (Segment segment : covered) {
      Instant day = Level.DAY.floor(segment.from());
      Instant dayEnd = Level.DAY.next(day);
      boolean mostOfOneDay =
          segment.level() == Level.HOUR
              && !segment.to().isAfter(dayEnd)
              && Duration.between(segment.from(), segment.to()).toHours() > 12;
      if (!mostOfOneDay) {
        segments.add(segment);
        continue;
      }
      segments.add(new Segment(Level.DAY, day, dayEnd));
      if (day.isBefore(segment.from())) {
        segments.add(new Segment(Level.HOUR, day, segment.from(), true));
      }
      if (segment.to().isBefore(dayEnd)) {
        segments.add(new Segment(Level.HOUR, segment.to(), dayEnd, true));
      }
    }
    return segments;
  }

  private static void cover(Level level, Instant from, Instant to, List<Segment> out) {
    if (!from.isBefore(to)) {
      return;
    }
    if (level == Level.HOUR) {
      out.add(new Segment(level, from, to));
      return;
    }
    Level finer = level == Level.MONTH ? Level.DAY : Level.HOUR;
    Instant start = level.ceil(from);
    Instant end = level.floor(to);
    if (!start.isBefore(end)) {
      cover(finer, from, to, out);
      return;
    }
    cover(finer, from, start, out);
    out.add(new Segment(level, start, end));
    cover(finer, end, to, out);
  }
}
