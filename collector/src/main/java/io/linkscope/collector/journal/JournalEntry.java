package io.linkscope.collector.journal;

import java.util.Objects;

/**
 * One record read back from the journal.
 *
 * <p>The payload array belongs to the receiver; the journal keeps no reference to it. Like every
 * record holding an array, {@code equals} compares the array by identity.
 *
 * @param position where the record starts
 * @param next the position right after the record: checkpoint this once the payload is stored
 * @param payload the bytes given to {@link Journal#append(byte[])}
 */
public record JournalEntry(JournalPosition position, JournalPosition next, byte[] payload) {

  public JournalEntry {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(payload, "payload");
  }
}
