package io.linkscope.collector.journal;

import static io.linkscope.collector.journal.JournalTesting.bytes;
import static io.linkscope.collector.journal.JournalTesting.padded;
import static io.linkscope.collector.journal.JournalTesting.readAll;
import static io.linkscope.collector.journal.JournalTesting.readAllTexts;
import static io.linkscope.collector.journal.JournalTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalTest {

  /** Frames of 100 bytes (92 payload + 8 header): three fit in a 308-byte segment. */
  private static final int PAYLOAD = 92;

  private static final long THREE_RECORD_SEGMENT = Format.SEGMENT_HEADER_BYTES + 3 * 100;

  @TempDir Path dir;

  private static JournalOptions small(long segmentBytes) {
    return JournalOptions.defaults().withSegmentBytes(segmentBytes);
  }

  @Test
  void appendedRecordsAreReadBackInOrderWithTheirPositions() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      JournalPosition first = journal.append(bytes("first"));
      JournalPosition second = journal.append(bytes("second"));
      JournalPosition empty = journal.append(new byte[0]);

      List<JournalEntry> entries = readAll(journal, JournalPosition.START);

      assertThat(entries).extracting(JournalTesting::text).containsExactly("first", "second", "");
      assertThat(entries).extracting(JournalEntry::next).containsExactly(first, second, empty);
      assertThat(entries.get(1).position()).isEqualTo(first);
      assertThat(first).isLessThan(second);
      assertThat(journal.end()).isEqualTo(empty);
      assertThat(journal.appendedRecords()).isEqualTo(3);
    }
  }

  @Test
  void segmentFilesAreNamedByNumberAndStartWithTheHeader() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      journal.append(bytes("x"));
    }
    Path segment = dir.resolve("segment-00000000000000000000.journal");
    assertThat(segment).exists();
    byte[] content = Files.readAllBytes(segment);
    assertThat(content).startsWith(Format.segmentHeader());
    assertThat(content).hasSize(Format.SEGMENT_HEADER_BYTES + Format.RECORD_HEADER_BYTES + 1);
  }

  @Test
  void readingFromAMiddlePositionStartsAtTheFollowingRecord() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      List<JournalPosition> positions = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        positions.add(journal.append(bytes("r" + i)));
      }

      List<JournalEntry> rest = readAll(journal, positions.get(3));

      assertThat(rest)
          .extracting(JournalTesting::text)
          .containsExactly("r4", "r5", "r6", "r7", "r8", "r9");
      assertThat(rest.getFirst().position()).isEqualTo(positions.get(3));
    }
  }

  @Test
  void readerFollowsRecordsAcrossSegmentRolls() throws Exception {
    try (Journal journal = Journal.open(dir, small(THREE_RECORD_SEGMENT))) {
      for (int i = 0; i < 20; i++) {
        journal.append(padded("r" + i, PAYLOAD));
      }
      assertThat(segmentFiles()).hasSize(7);

      List<JournalEntry> entries = new ArrayList<>();
      try (JournalReader reader = journal.reader(JournalPosition.START)) {
        List<JournalEntry> batch;
        while (!(batch = reader.poll(4, Duration.ZERO)).isEmpty()) {
          assertThat(batch).hasSizeLessThanOrEqualTo(4);
          entries.addAll(batch);
        }
      }

      assertThat(entries).hasSize(20);
      for (int i = 0; i < 20; i++) {
        assertThat(text(entries.get(i))).startsWith("r" + i + ".");
        assertThat(entries.get(i).position().segment()).isEqualTo(i / 3);
      }
    }
  }

  @Test
  void recordLargerThanASegmentGetsASegmentOfItsOwn() throws Exception {
    try (Journal journal = Journal.open(dir, small(THREE_RECORD_SEGMENT))) {
      journal.append(bytes("small"));
      JournalPosition big = journal.append(new byte[1000]);
      journal.append(bytes("after"));

      assertThat(big.segment()).isEqualTo(1);
      assertThat(readAll(journal, JournalPosition.START))
          .extracting(e -> e.payload().length)
          .containsExactly(5, 1000, 5);
    }
  }

  @Test
  void payloadAboveTheMaximumIsRejectedWithoutWriting() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      assertThatThrownBy(() -> journal.append(new byte[Journal.MAX_PAYLOAD_BYTES + 1]))
          .isInstanceOf(IllegalArgumentException.class);
      journal.append(new byte[Journal.MAX_PAYLOAD_BYTES]);

      assertThat(readAll(journal, JournalPosition.START)).hasSize(1);
    }
  }

  @Test
  void pollReturnsEmptyWhenNothingArrivesInTime() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults());
        JournalReader reader = journal.reader(JournalPosition.START)) {
      assertThat(reader.poll(10, Duration.ofMillis(50))).isEmpty();
    }
  }

  @Test
  void waitingReaderWakesUpWhenARecordIsAppended() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults());
        JournalReader reader = journal.reader(journal.end())) {
      CompletableFuture<List<JournalEntry>> polled =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return reader.poll(10, Duration.ofMinutes(5));
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(200);
      assertThat(polled).as("poll must wait while there is nothing to read").isNotDone();

      journal.append(bytes("wake up"));

      // Far below the five minutes the reader was allowed to wait: only a signal can do this.
      List<JournalEntry> entries = polled.get(20, TimeUnit.SECONDS);
      assertThat(entries).extracting(JournalTesting::text).containsExactly("wake up");
    }
  }

  @Test
  void concurrentAppendersAreEachReadExactlyOnceInPerThreadOrder() throws Exception {
    int threads = 16;
    int perThread = 5_000;
    try (Journal journal = Journal.open(dir, small(256 << 10));
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
      Future<List<JournalEntry>> consumed =
          pool.submit(
              () -> {
                List<JournalEntry> all = new ArrayList<>();
                try (JournalReader reader = journal.reader(JournalPosition.START)) {
                  while (all.size() < threads * perThread) {
                    List<JournalEntry> batch = reader.poll(500, Duration.ofSeconds(10));
                    if (batch.isEmpty()) {
                      break;
                    }
                    all.addAll(batch);
                  }
                }
                return all;
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(
            pool.submit(
                () -> {
                  for (int seq = 0; seq < perThread; seq++) {
                    journal.append(padded(thread + ":" + seq + ":", 48));
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
      List<JournalEntry> entries = consumed.get();

      assertThat(entries).hasSize(threads * perThread);
      assertThat(journal.appendedRecords()).isEqualTo(threads * perThread);
      assertThat(segmentFiles()).hasSizeGreaterThan(10);
      int[] nextSeq = new int[threads];
      JournalPosition previous = JournalPosition.START;
      for (JournalEntry entry : entries) {
        String[] parts = text(entry).split(":");
        int thread = Integer.parseInt(parts[0]);
        assertThat(Integer.parseInt(parts[1])).isEqualTo(nextSeq[thread]);
        nextSeq[thread]++;
        assertThat(entry.position()).isGreaterThan(previous);
        previous = entry.position();
      }
      assertThat(nextSeq).containsOnly(perThread);
    }
  }

  @Test
  void reopenedJournalKeepsEverythingAndAppendsAfterTheOldEnd() throws Exception {
    JournalPosition oldEnd;
    try (Journal journal = Journal.open(dir, small(THREE_RECORD_SEGMENT))) {
      for (int i = 0; i < 5; i++) {
        journal.append(padded("a" + i, PAYLOAD));
      }
      oldEnd = journal.end();
    }

    try (Journal journal = Journal.open(dir, small(THREE_RECORD_SEGMENT))) {
      assertThat(journal.recovery().clean()).isTrue();
      assertThat(journal.recovery().recordsRecovered()).isEqualTo(5);
      assertThat(journal.recovery().segmentsScanned()).isEqualTo(2);
      JournalPosition appended = journal.append(padded("b0", PAYLOAD));
      journal.append(padded("b1", PAYLOAD));

      assertThat(appended).isGreaterThan(oldEnd);
      assertThat(readAllTexts(journal))
          .extracting(s -> s.substring(0, 2))
          .containsExactly("a0", "a1", "a2", "a3", "a4", "b0", "b1");
      assertThat(readAll(journal, oldEnd))
          .extracting(e -> text(e).substring(0, 2))
          .containsExactly("b0", "b1");
    }
  }

  @Test
  void reopeningWithoutAppendsReusesTheEmptyActiveSegment() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      journal.append(bytes("one"));
    }
    for (int i = 0; i < 3; i++) {
      Journal.open(dir, JournalOptions.defaults()).close();
    }

    assertThat(segmentFiles()).hasSize(2);
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(readAllTexts(journal)).containsExactly("one");
    }
  }

  @Test
  void appendBeyondTheDiskBudgetFailsWithoutLosingAnythingAndSucceedsAfterRelease()
      throws Exception {
    // Budget of two full segments: 2 headers + 6 frames.
    long budget = 2 * THREE_RECORD_SEGMENT;
    JournalOptions options = small(THREE_RECORD_SEGMENT).withDiskBudgetBytes(budget);
    try (Journal journal = Journal.open(dir, options)) {
      List<JournalPosition> positions = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        positions.add(journal.append(padded("r" + i, PAYLOAD)));
      }
      assertThat(journal.retainedBytes()).isEqualTo(budget);
      JournalPosition endBefore = journal.end();

      // The seventh record would need a third segment: header + frame beyond the budget.
      assertThatThrownBy(() -> journal.append(padded("r6", PAYLOAD)))
          .isInstanceOfSatisfying(
              JournalFullException.class,
              e -> {
                assertThat(e.retainedBytes()).isEqualTo(budget);
                assertThat(e.requestedBytes()).isEqualTo(Format.SEGMENT_HEADER_BYTES + 100);
                assertThat(e.budgetBytes()).isEqualTo(budget);
              });
      assertThat(journal.end()).isEqualTo(endBefore);
      assertThat(journal.retainedBytes()).isEqualTo(budget);
      assertThat(segmentFiles()).hasSize(2);

      // Releasing within the first segment frees nothing, so appends still fail.
      journal.release(positions.get(1));
      assertThatThrownBy(() -> journal.append(padded("r6", PAYLOAD)))
          .isInstanceOf(JournalFullException.class);

      journal.release(positions.get(2));
      assertThat(journal.retainedBytes()).isEqualTo(THREE_RECORD_SEGMENT);
      journal.append(padded("r6", PAYLOAD));

      assertThat(readAllTexts(journal))
          .extracting(s -> s.substring(0, 2))
          .containsExactly("r3", "r4", "r5", "r6");
    }
    try (Journal reopened = Journal.open(dir, options)) {
      assertThat(reopened.recovery().clean()).isTrue();
      assertThat(reopened.recovery().recordsRecovered()).isEqualTo(4);
    }
  }

  @Test
  void releaseDeletesOnlyFullyConsumedSegmentsAndNeverTheActiveOne() throws Exception {
    try (Journal journal = Journal.open(dir, small(THREE_RECORD_SEGMENT))) {
      List<JournalPosition> positions = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        positions.add(journal.append(padded("r" + i, PAYLOAD)));
      }
      Path first = dir.resolve(Segment.fileName(0));
      Path second = dir.resolve(Segment.fileName(1));
      Path active = dir.resolve(Segment.fileName(2));
      long total = journal.retainedBytes();

      journal.release(positions.get(1));
      assertThat(first).exists();

      journal.release(positions.get(2));
      assertThat(first).doesNotExist();
      assertThat(journal.retainedBytes()).isEqualTo(total - THREE_RECORD_SEGMENT);

      journal.release(positions.get(4));
      assertThat(second).exists();

      journal.release(journal.end());
      assertThat(second).doesNotExist();
      assertThat(active).exists();
      assertThat(journal.retainedBytes()).isEqualTo(Format.SEGMENT_HEADER_BYTES + 2 * 100);

      assertThat(readAllTexts(journal))
          .extracting(s -> s.substring(0, 2))
          .containsExactly("r6", "r7");
      assertThatThrownBy(() -> journal.release(new JournalPosition(journal.end().segment() + 1, 0)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void readerPositionedAtAReleasedSegmentBoundaryContinuesInTheNextSegment() throws Exception {
    try (Journal journal = Journal.open(dir, small(THREE_RECORD_SEGMENT))) {
      List<JournalPosition> positions = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        positions.add(journal.append(padded("r" + i, PAYLOAD)));
      }
      JournalPosition checkpoint = positions.get(2);
      journal.release(checkpoint);

      assertThat(readAll(journal, checkpoint))
          .extracting(e -> text(e).substring(0, 2))
          .containsExactly("r3", "r4");
    }
  }

  @Test
  void readerHandsOutGoodRecordsBeforeReportingACorruptOne() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      journal.append(bytes("good-0"));
      JournalPosition corruptStart = journal.append(bytes("good-1"));
      journal.append(bytes("bad-2"));
      try (RandomAccessFile file =
          new RandomAccessFile(dir.resolve(Segment.fileName(0)).toFile(), "rw")) {
        file.seek(corruptStart.offset() + Format.RECORD_HEADER_BYTES);
        file.write('X');
      }

      try (JournalReader reader = journal.reader(JournalPosition.START)) {
        assertThat(reader.poll(10, Duration.ZERO))
            .extracting(JournalTesting::text)
            .containsExactly("good-0", "good-1");
        assertThatThrownBy(() -> reader.poll(10, Duration.ZERO))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("checksum mismatch")
            .hasMessageContaining(corruptStart.toString());
        assertThat(reader.position()).isEqualTo(corruptStart);
      }
    }
  }

  @Test
  void groupFsyncRunsOnlyWhenThereWereWrites() throws Exception {
    JournalOptions options = JournalOptions.defaults().withFsyncInterval(Duration.ofMillis(5));
    try (Journal journal = Journal.open(dir, options)) {
      Thread.sleep(100);
      assertThat(journal.fsyncCount()).isZero();

      journal.append(bytes("x"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (journal.fsyncCount() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }

      assertThat(journal.fsyncCount()).isEqualTo(1);
      assertThat(journal.lastFsyncDuration()).isPositive();
      Thread.sleep(100);
      assertThat(journal.fsyncCount()).isEqualTo(1);
    }
  }

  @Test
  void interruptedAppenderStillWritesAndLeavesTheJournalUsable() throws Exception {
    try (Journal journal = Journal.open(dir, small(THREE_RECORD_SEGMENT))) {
      for (int i = 0; i < 4; i++) {
        // The fourth append rolls the segment while the thread is interrupted.
        Thread.currentThread().interrupt();
        try {
          journal.append(padded("r" + i, PAYLOAD));
        } finally {
          assertThat(Thread.interrupted()).isTrue();
        }
      }
      journal.append(padded("r4", PAYLOAD));

      assertThat(readAllTexts(journal)).hasSize(5);
    }
  }

  @Test
  void closeIsIdempotentAndLaterAppendsFail() throws Exception {
    Journal journal = Journal.open(dir, JournalOptions.defaults());
    journal.append(bytes("x"));
    journal.close();
    journal.close();

    assertThatThrownBy(() -> journal.append(bytes("y"))).isInstanceOf(IOException.class);
    try (Journal reopened = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(readAllTexts(reopened)).containsExactly("x");
    }
  }

  @Test
  void aDirectoryCanOnlyBeOpenedOnceAtATime() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      assertThatThrownBy(() -> Journal.open(dir, JournalOptions.defaults()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("already open");
      journal.append(bytes("still fine"));
    }
    Journal.open(dir, JournalOptions.defaults()).close();
  }

  @Test
  void readerRejectsAPositionBeyondTheEnd() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      journal.append(bytes("x"));
      JournalPosition beyond =
          new JournalPosition(journal.end().segment(), journal.end().offset() + 1);

      assertThatThrownBy(() -> journal.reader(beyond)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void positionsOrderBySegmentThenOffset() {
    List<JournalPosition> positions =
        new ArrayList<>(
            List.of(
                new JournalPosition(2, 8),
                new JournalPosition(1, 500),
                new JournalPosition(1, 8),
                JournalPosition.START));
    Collections.sort(positions);

    assertThat(positions)
        .containsExactly(
            JournalPosition.START,
            new JournalPosition(1, 8),
            new JournalPosition(1, 500),
            new JournalPosition(2, 8));
    assertThatThrownBy(() -> new JournalPosition(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".journal")).sorted().toList();
    }
  }
}
