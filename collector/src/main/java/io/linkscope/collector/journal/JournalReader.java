package io.linkscope.collector.journal;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads committed records of a {@link Journal} in log order, for one consuming thread.
 *
 * <p>It only ever reads bytes before the end the writer has published, so it never sees a record
 * that is still being written, and it verifies each record's checksum. It takes no lock the writer
 * needs: appends are not slowed down by reading. Not thread-safe; obtain one per consumer with
 * {@link Journal#reader(JournalPosition)}.
 */
public final class JournalReader implements AutoCloseable {

  private static final int INITIAL_BUFFER_BYTES = 256 << 10;

  private final Journal journal;
  private Segment segment;
  private @Nullable RandomAccessFile file;

  /** Offset in the segment of the next record. */
  private long offset;

  /**
   * Bytes of the current segment read ahead: {@code buffer[bufferPosition, bufferLimit)} holds the
   * file range starting at {@link #offset}. Committed bytes never change, so they stay valid across
   * polls.
   */
  private byte[] buffer = new byte[INITIAL_BUFFER_BYTES];

  private int bufferPosition;
  private int bufferLimit;
  private boolean closed;

  JournalReader(Journal journal, Segment segment, long offset) {
    this.journal = journal;
    this.segment = segment;
    this.offset = offset;
  }

  /**
   * Returns up to {@code maxRecords} complete records following the previous ones, waiting up to
   * {@code maxWait} for at least one to be appended. Returns an empty list when none arrived in
   * time or the journal was closed.
   *
   * @throws IOException if a segment cannot be read or a record fails its checksum
   * @throws InterruptedException if interrupted while waiting
   */
  public List<JournalEntry> poll(int maxRecords, Duration maxWait)
      throws IOException, InterruptedException {
    if (maxRecords <= 0) {
      throw new IllegalArgumentException("maxRecords must be positive");
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (closed) {
      throw new IllegalStateException("reader is closed");
    }
    long deadline = System.nanoTime() + Math.max(0, TimeUnit.NANOSECONDS.convert(maxWait));
    while (true) {
      List<JournalEntry> entries = readAvailable(maxRecords);
      if (!entries.isEmpty()) {
        return entries;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || !journal.awaitBeyond(position(), remaining)) {
        return List.of();
      }
    }
  }

  /** Where the next record will be read from. */
  public JournalPosition position() {
    return new JournalPosition(segment.number, offset);
  }

  private List<JournalEntry> readAvailable(int maxRecords) throws IOException {
    JournalPosition end = journal.end();
    List<JournalEntry> entries = new ArrayList<>(Math.min(maxRecords, 1024));
    while (entries.size() < maxRecords) {
      long limit;
      if (segment.number < end.segment()) {
        // A later segment exists, so this one is sealed and its size is final.
        limit = segment.sealedSize();
        if (offset >= limit) {
          nextSegment();
          continue;
        }
      } else {
        limit = end.offset();
        if (offset >= limit) {
          break;
        }
      }
      try {
        entries.add(readRecord(limit));
      } catch (IOException e) {
        if (entries.isEmpty()) {
          throw e;
        }
        // Hand out the good records first; the position stays at the bad one, so the next poll
        // reports it.
        break;
      }
    }
    return entries;
  }

  private JournalEntry readRecord(long limit) throws IOException {
    JournalPosition position = position();
    ensureBuffered(Format.RECORD_HEADER_BYTES, limit);
    ByteBuffer view = ByteBuffer.wrap(buffer);
    int length = view.getInt(bufferPosition);
    int crc = view.getInt(bufferPosition + 4);
    if (!Format.saneLength(length) || offset + Format.RECORD_HEADER_BYTES + length > limit) {
      throw corrupt(position, "implausible record length " + length);
    }
    int framed = Format.RECORD_HEADER_BYTES + length;
    ensureBuffered(framed, limit);
    if (Format.checksum(buffer, bufferPosition) != crc) {
      throw corrupt(position, "checksum mismatch");
    }
    int payloadStart = bufferPosition + Format.RECORD_HEADER_BYTES;
    byte[] payload = Arrays.copyOfRange(buffer, payloadStart, payloadStart + length);
    bufferPosition += framed;
    offset += framed;
    return new JournalEntry(position, position(), payload);
  }

  /** Makes at least {@code needed} bytes from {@link #offset} available in the buffer. */
  private void ensureBuffered(int needed, long limit) throws IOException {
    if (bufferLimit - bufferPosition >= needed) {
      return;
    }
    if (offset + needed > limit) {
      throw corrupt(position(), "record extends beyond the committed end " + limit);
    }
    int buffered = bufferLimit - bufferPosition;
    if (buffer.length < needed) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
    System.arraycopy(buffer, bufferPosition, buffer, 0, buffered);
    bufferPosition = 0;
    bufferLimit = buffered;
    long readFrom = offset + buffered;
    int toRead = (int) Math.min(buffer.length - buffered, limit - readFrom);
    RandomAccessFile in = openFile();
    in.seek(readFrom);
    int read = 0;
    while (read < toRead) {
      int n = in.read(buffer, bufferLimit, toRead - read);
      if (n < 0) {
        throw new EOFException(segment + " ends before the committed position " + limit);
      }
      read += n;
      bufferLimit += n;
      if (bufferLimit - bufferPosition >= needed) {
        break;
      }
    }
  }

  private RandomAccessFile openFile() throws IOException {
    if (file == null) {
      // RandomAccessFile rather than FileChannel: an interrupt of the consumer thread must not
      // close the file under it.
      file = new RandomAccessFile(segment.path.toFile(), "r");
    }
    return file;
  }

  private void nextSegment() throws IOException {
    Segment next = journal.segmentAfter(segment.number);
    if (next == null) {
      throw new IllegalStateException("no segment after " + segment + " although the end is later");
    }
    closeFile();
    segment = next;
    offset = Format.SEGMENT_HEADER_BYTES;
    bufferPosition = 0;
    bufferLimit = 0;
  }

  private IOException corrupt(JournalPosition position, String reason) {
    return new IOException(
        "corrupt journal record at " + position + " in " + segment + ": " + reason);
  }

  private void closeFile() throws IOException {
    if (file != null) {
      RandomAccessFile toClose = file;
      file = null;
      toClose.close();
    }
  }

  /** Closes the open segment file. Idempotent. */
  @Override
  public void close() throws IOException {
    closed = true;
    closeFile();
  }
}
