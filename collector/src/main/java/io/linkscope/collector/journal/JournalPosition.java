package io.linkscope.collector.journal;

import java.util.Comparator;

/**
 * A position in the journal: a segment number and a byte offset inside that segment.
 *
 * <p>Positions returned by the journal are record boundaries; they are what a consumer checkpoints
 * and later passes to {@link Journal#reader(JournalPosition)} and {@link Journal#release}. The
 * position at the end of one segment and the first position of the next one denote the same point
 * in the log even though they compare as different values.
 *
 * @param segment the segment number, never negative
 * @param offset the byte offset inside the segment file, never negative
 */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {

  /** The position before every record; reading from it starts at the oldest retained record. */
  public static final JournalPosition START = new JournalPosition(0, 0);

  private static final Comparator<JournalPosition> ORDER =
      Comparator.comparingLong(JournalPosition::segment).thenComparingLong(JournalPosition::offset);

  public JournalPosition {
    if (segment < 0 || offset < 0) {
      throw new IllegalArgumentException("negative position: " + segment + "/" + offset);
    }
  }

  @Override
  public int compareTo(JournalPosition other) {
    return ORDER.compare(this, other);
  }

  /** Whether this position lies strictly after {@code other}. */
  public boolean isAfter(JournalPosition other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return segment + "/" + offset;
  }
}
