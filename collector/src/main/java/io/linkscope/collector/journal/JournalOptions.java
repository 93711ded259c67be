package io.linkscope.collector.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning knobs of a {@link Journal}.
 *
 * @param segmentBytes a segment is rolled when the next record would take it beyond this size (a
 *     single record larger than this still gets a segment of its own)
 * @param fsyncInterval how often the background thread forces written data to the device; this is
 *     the window of acknowledged records an operating-system crash or power loss can take away
 * @param diskBudgetBytes upper bound of the bytes held by retained segment files; an append that
 *     would go beyond it fails with {@link JournalFullException}
 */
public record JournalOptions(long segmentBytes, Duration fsyncInterval, long diskBudgetBytes) {

  /** Smallest accepted segment size: a header and one small record. */
  static final long MIN_SEGMENT_BYTES = 64;

  public JournalOptions {
    Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    if (segmentBytes < MIN_SEGMENT_BYTES) {
      throw new IllegalArgumentException("segmentBytes must be >= " + MIN_SEGMENT_BYTES);
    }
    if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
      throw new IllegalArgumentException("fsyncInterval must be positive");
    }
    if (diskBudgetBytes < MIN_SEGMENT_BYTES) {
      throw new IllegalArgumentException("diskBudgetBytes must be >= " + MIN_SEGMENT_BYTES);
    }
  }

  /** 64 MiB segments, a group fsync every 20 ms and a 1 GiB disk budget. */
  public static JournalOptions defaults() {
    return new JournalOptions(64L << 20, Duration.ofMillis(20), 1L << 30);
  }

  JournalOptions withSegmentBytes(long value) {
    return new JournalOptions(value, fsyncInterval, diskBudgetBytes);
  }

  JournalOptions withFsyncInterval(Duration value) {
    return new JournalOptions(segmentBytes, value, diskBudgetBytes);
  }

  JournalOptions withDiskBudgetBytes(long value) {
    return new JournalOptions(segmentBytes, fsyncInterval, value);
  }
}
