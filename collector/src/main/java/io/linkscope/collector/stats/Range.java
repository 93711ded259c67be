package io.linkscope.collector.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A half-open range of whole UTC hours, [from, to). */
public record Range(Instant from, Instant to) {
  public Range {
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
   * Where hours are more than half of a UTC day, or days more than half of a UTC month, the day or
   * month is read instead and its part outside the range is subtracted: a year in a zone one hour
   * east of UTC reads an hour, twelve months and one subtracted hour.
   */
  List<Segment> segments() {
    List<Segment> covered = new ArrayList<>();
    cover(Level.MONTH, from, to, covered);
    List<Segment> days = mergeAdjacent(mostOf(covered, Level.HOUR, Level.DAY), Level.DAY);
    return mostOf(days, Level.DAY, Level.MONTH);
  }

  /** Replaces each added run of {@code fine} periods that is most of one {@code coarse} period. */
  private static List<Segment> mostOf(List<Segment> segments, Level fine, Level coarse) {
    List<Segment> result = new ArrayList<>();
    for (Segment segment : segments) {
      Instant start = coarse.floor(segment.from());
      Instant end = coarse.next(start);
      boolean mostOfOne =
          segment.level() == fine
              && !segment.subtract()
              && !segment.to().isAfter(end)
              && Duration.between(segment.from(), segment.to())
                      .multipliedBy(2)
                      .compareTo(Duration.between(start, end))
                  > 0;
      if (!mostOfOne) {
        result.add(segment);
        continue;
      }
      result.add(new Segment(coarse, start, end));
      if (start.isBefore(segment.from())) {
        result.add(new Segment(fine, start, segment.from(), true));
      }
      if (segment.to().isBefore(end)) {
        result.add(new Segment(fine, segment.to(), end, true));
      }
    }
    return result;
  }

  /** Joins added segments of one level that meet, so that a run of days is one segment. */
  private static List<Segment> mergeAdjacent(List<Segment> segments, Level level) {
    List<Segment> result = new ArrayList<>();
    List<Segment> ordered = new ArrayList<>(segments);
    ordered.sort(java.util.Comparator.comparing(Segment::from));
    for (Segment segment : ordered) {
      Segment last = result.isEmpty() ? null : result.getLast();
      if (last != null
          && last.level() == level
          && segment.level() == level
          && !last.subtract()
          && !segment.subtract()
          && last.to().equals(segment.from())) {
        result.set(result.size() - 1, new Segment(level, last.from(), segment.to()));
      } else {
        result.add(segment);
      }
    }
    return result;
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
