package io.linkscope.collector.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Validates the segment files found when a journal is opened and sets damaged tails aside.
 *
 * <p>Each segment is scanned record by record; at the first record whose length is implausible,
 * which runs past the end of the file, or whose checksum does not match, the rest of that file is
 * copied to {@code <segment>.damaged-<timestamp>} (made durable first) and only then is the segment
 * truncated. Segments are independent files, so damage in one does not stop the scan of the next.
 */
final class Recovery {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  /** The repaired segments (oldest first, all sealed) and the report. */
  record Result(List<Segment> segments, JournalRecovery report, boolean lastSegmentReusable) {}

  private record Scan(long validEnd, long records, @Nullable String damage) {}

  private final Path dir;
  private final Clock clock;
  private final List<String> messages = new ArrayList<>();
  private long recordsRecovered;
  private int damagedSegments;
  private long bytesSetAside;
  private boolean changedDirectory;

  private Recovery(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  static Result run(Path dir, Clock clock) throws IOException {
    return new Recovery(dir, clock).run();
  }

  private Result run() throws IOException {
    List<Path> files = segmentFiles();
    List<Segment> segments = new ArrayList<>(files.size());
    boolean lastReusable = false;
    for (Path file : files) {
      long number = number(file);
      long size = Files.size(file);
      Scan scan = scan(file, size);
      recordsRecovered += scan.records();
      boolean damaged = scan.damage() != null;
      if (damaged) {
        setAside(file, scan, size);
      }
      long finalSize = scan.validEnd();
      if (finalSize == 0) {
        // An empty file (crash right after creation, or damage from byte 0): give it a header so
        // every retained segment has the same shape for the reader.
        writeHeader(file);
        finalSize = Format.SEGMENT_HEADER_BYTES;
      }
      segments.add(new Segment(number, file, finalSize));
      lastReusable = !damaged && scan.records() == 0;
    }
    if (changedDirectory) {
      Journal.syncDirectory(dir);
    }
    JournalRecovery report =
        new JournalRecovery(
            files.size(), recordsRecovered, damagedSegments, bytesSetAside, messages);
    return new Result(segments, report, lastReusable);
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(p -> Segment.parseNumber(p.getFileName().toString()).isPresent())
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparingLong(Recovery::number))
          .toList();
    }
  }

  private static long number(Path file) {
    return Segment.parseNumber(file.getFileName().toString()).orElseThrow();
  }

  private static Scan scan(Path file, long size) throws IOException {
    if (size == 0) {
      return new Scan(0, 0, null);
    }
    if (size < Format.SEGMENT_HEADER_BYTES) {
      return new Scan(0, 0, "incomplete segment header");
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      int version = in.readInt();
      if (magic != Format.MAGIC) {
        return new Scan(0, 0, String.format("not a journal segment (magic 0x%08x)", magic));
      }
      if (version != Format.VERSION) {
        // Data written by another format version is not ours to cut: refuse instead of repairing.
        throw new IOException(file + ": unsupported journal format version " + version);
      }
      long offset = Format.SEGMENT_HEADER_BYTES;
      long records = 0;
      byte[] buffer = new byte[Format.RECORD_HEADER_BYTES + 4096];
      while (offset < size) {
        if (size - offset < Format.RECORD_HEADER_BYTES) {
          return new Scan(offset, records, "torn record header");
        }
        in.readFully(buffer, 0, Format.RECORD_HEADER_BYTES);
        int length = ByteBuffer.wrap(buffer).getInt(0);
        int crc = ByteBuffer.wrap(buffer).getInt(4);
        if (!Format.saneLength(length)) {
          return new Scan(offset, records, "implausible record length " + length);
        }
        if (offset + Format.RECORD_HEADER_BYTES + length > size) {
          return new Scan(offset, records, "record of " + length + " bytes runs past end of file");
        }
        if (buffer.length < Format.RECORD_HEADER_BYTES + length) {
          buffer = Arrays.copyOf(buffer, Format.RECORD_HEADER_BYTES + length);
        }
        in.readFully(buffer, Format.RECORD_HEADER_BYTES, length);
        if (Format.checksum(buffer, 0) != crc) {
          return new Scan(offset, records, "checksum mismatch");
        }
        offset += Format.RECORD_HEADER_BYTES + length;
        records++;
      }
      return new Scan(offset, records, null);
    } catch (EOFException shrunk) {
      throw new IOException(file + " changed size while being recovered", shrunk);
    }
  }

  /** Copies the damaged tail to a side file, makes that durable, then truncates the segment. */
  private void setAside(Path file, Scan scan, long size) throws IOException {
    long from = scan.validEnd();
    long length = size - from;
    Path aside = createAsideFile(file);
    try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel target = FileChannel.open(aside, StandardOpenOption.WRITE)) {
      long copied = 0;
      while (copied < length) {
        copied += source.transferTo(from + copied, length - copied, target);
      }
      target.force(true);
    }
    Journal.syncDirectory(dir);
    try (FileChannel segment = FileChannel.open(file, StandardOpenOption.WRITE)) {
      segment.truncate(from);
      segment.force(true);
    }
    changedDirectory = true;
    damagedSegments++;
    bytesSetAside += length;
    messages.add(
        String.format(
            "%s: %s at offset %d; kept %d intact records before it, moved %d bytes to %s",
            file.getFileName(), scan.damage(), from, scan.records(), length, aside.getFileName()));
  }

  private Path createAsideFile(Path file) throws IOException {
    String base = file.getFileName() + ".damaged-" + STAMP.format(clock.instant());
    for (int attempt = 0; ; attempt++) {
      Path candidate = dir.resolve(attempt == 0 ? base : base + "-" + attempt);
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException taken) {
        // Two repairs of the same segment within one millisecond: pick the next free name.
      }
    }
  }

  private void writeHeader(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(0);
      ByteBuffer header = ByteBuffer.wrap(Format.segmentHeader());
      while (header.hasRemaining()) {
        channel.write(header, header.position());
      }
      channel.force(true);
    }
    changedDirectory = true;
  }
}
