package io.linkscope.collector.journal;

import java.util.List;

/**
 * What {@link Journal#open} found and repaired in the existing segment files.
 *
 * @param segmentsScanned how many segment files were validated
 * @param recordsRecovered how many intact records they hold (all readable)
 * @param damagedSegments how many segments had a torn or corrupt part moved aside
 * @param bytesSetAside how many bytes were moved into {@code .damaged-*} files
 * @param messages one line per finding, naming the file, the offset and the reason
 */
public record JournalRecovery(
    int segmentsScanned,
    long recordsRecovered,
    int damagedSegments,
    long bytesSetAside,
    List<String> messages) {

  public JournalRecovery {
    messages = List.copyOf(messages);
  }

  /** Whether every scanned byte was intact. */
  public boolean clean() {
    return damagedSegments == 0;
  }
}
