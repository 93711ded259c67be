package io.linkscope.collector.journal;

import static io.linkscope.collector.journal.JournalTesting.bytes;
import static io.linkscope.collector.journal.JournalTesting.padded;
import static io.linkscope.collector.journal.JournalTesting.readAllTexts;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JournalRecoveryTest {

  /** Ten records "record-0" .. "record-9", each framed in 8 + 20 bytes. */
  private static final int RECORDS = 10;

  private static final int FRAME = Format.RECORD_HEADER_BYTES + 20;

  @TempDir Path dir;

  private List<JournalPosition> writeRecords(JournalOptions options) throws IOException {
    List<JournalPosition> ends = new ArrayList<>();
    try (Journal journal = Journal.open(dir, options)) {
      for (int i = 0; i < RECORDS; i++) {
        ends.add(journal.append(padded("record-" + i, 20)));
      }
    }
    return ends;
  }

  private static List<String> expectedTexts(int... indexes) {
    return Arrays.stream(indexes)
        .mapToObj(i -> new String(padded("record-" + i, 20), UTF_8))
        .toList();
  }

  private static int[] upTo(int exclusive) {
    return IntStream.range(0, exclusive).toArray();
  }

  private Path segment(long number) {
    return dir.resolve(Segment.fileName(number));
  }

  private List<Path> damagedFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains(".damaged-")).toList();
    }
  }

  @ParameterizedTest(name = "last record cut after {0} of its 28 bytes")
  @ValueSource(ints = {1, 4, 7, 8, 9, 15, 27})
  void tornTailIsSetAsideAndEverythingBeforeItRecovered(int keptBytes) throws Exception {
    writeRecords(JournalOptions.defaults());
    Path last = segment(0);
    byte[] original = Files.readAllBytes(last);
    long lastRecordStart = original.length - FRAME;
    try (RandomAccessFile file = new RandomAccessFile(last.toFile(), "rw")) {
      file.setLength(lastRecordStart + keptBytes);
    }

    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      JournalRecovery recovery = journal.recovery();
      assertThat(recovery.clean()).isFalse();
      assertThat(recovery.segmentsScanned()).isEqualTo(1);
      assertThat(recovery.recordsRecovered()).isEqualTo(RECORDS - 1);
      assertThat(recovery.damagedSegments()).isEqualTo(1);
      assertThat(recovery.bytesSetAside()).isEqualTo(keptBytes);
      assertThat(recovery.messages())
          .singleElement(InstanceOfAssertFactories.STRING)
          .contains(last.getFileName().toString())
          .contains("offset " + lastRecordStart);

      assertThat(damagedFiles())
          .singleElement()
          .satisfies(
              aside -> {
                assertThat(aside.getFileName().toString())
                    .startsWith(last.getFileName() + ".damaged-");
                assertThat(Files.readAllBytes(aside))
                    .isEqualTo(
                        Arrays.copyOfRange(
                            original, (int) lastRecordStart, (int) lastRecordStart + keptBytes));
              });
      assertThat(last).hasSize(lastRecordStart);
      assertThat(readAllTexts(journal)).isEqualTo(expectedTexts(upTo(RECORDS - 1)));

      JournalPosition appended = journal.append(bytes("after recovery"));
      assertThat(appended.segment()).as("never appends into a damaged segment").isEqualTo(1);
      assertThat(readAllTexts(journal)).last().isEqualTo("after recovery");
    }
    try (Journal reopened = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(reopened.recovery().clean()).isTrue();
      assertThat(reopened.recovery().recordsRecovered()).isEqualTo(RECORDS);
    }
  }

  @Test
  void flippedPayloadByteFailsTheChecksumAndCutsTheSegmentThere() throws Exception {
    List<JournalPosition> ends = writeRecords(JournalOptions.defaults());
    long fifthStart = ends.get(3).offset();
    long sizeBefore = Files.size(segment(0));
    flipByte(segment(0), fifthStart + Format.RECORD_HEADER_BYTES + 5);

    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      JournalRecovery recovery = journal.recovery();
      assertThat(recovery.recordsRecovered()).isEqualTo(4);
      assertThat(recovery.damagedSegments()).isEqualTo(1);
      assertThat(recovery.bytesSetAside()).isEqualTo(sizeBefore - fifthStart);
      assertThat(recovery.messages().getFirst()).contains("checksum mismatch");
      assertThat(readAllTexts(journal)).isEqualTo(expectedTexts(0, 1, 2, 3));
    }
  }

  @ParameterizedTest(name = "length field {0}")
  @ValueSource(ints = {0x7fffffff, -1, Integer.MIN_VALUE, (1 << 20) + 1, 100_000, 21})
  void garbageLengthFieldIsTreatedAsDamageWithoutHugeAllocation(int length) throws Exception {
    List<JournalPosition> ends = writeRecords(JournalOptions.defaults());
    long thirdStart = ends.get(1).offset();
    try (RandomAccessFile file = new RandomAccessFile(segment(0).toFile(), "rw")) {
      file.seek(thirdStart);
      file.writeInt(length);
    }

    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(journal.recovery().recordsRecovered()).isEqualTo(2);
      assertThat(journal.recovery().damagedSegments()).isEqualTo(1);
      assertThat(readAllTexts(journal)).isEqualTo(expectedTexts(0, 1));
    }
  }

  @Test
  void damageInAnEarlierSegmentKeepsTheLaterSegmentsReadable() throws Exception {
    // Three records per segment: 0-2, 3-5, 6-8, 9.
    JournalOptions options =
        JournalOptions.defaults().withSegmentBytes(Format.SEGMENT_HEADER_BYTES + 3L * FRAME);
    List<JournalPosition> ends = writeRecords(options);
    assertThat(ends.get(4).segment()).isEqualTo(1);
    flipByte(segment(1), ends.get(3).offset() + Format.RECORD_HEADER_BYTES);

    try (Journal journal = Journal.open(dir, options)) {
      JournalRecovery recovery = journal.recovery();
      assertThat(recovery.segmentsScanned()).isEqualTo(4);
      assertThat(recovery.damagedSegments()).isEqualTo(1);
      assertThat(recovery.recordsRecovered()).isEqualTo(RECORDS - 2);
      assertThat(recovery.bytesSetAside()).isEqualTo(2L * FRAME);
      assertThat(readAllTexts(journal)).isEqualTo(expectedTexts(0, 1, 2, 3, 6, 7, 8, 9));

      journal.append(bytes("next"));
      assertThat(readAllTexts(journal)).last().isEqualTo("next");
    }
  }

  @Test
  void zeroLengthAndHeaderOnlySegmentsAreNotDamage() throws Exception {
    Files.createDirectories(dir);
    Files.write(segment(0), new byte[0]);
    Files.write(segment(1), Format.segmentHeader());

    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(journal.recovery().clean()).isTrue();
      assertThat(journal.recovery().segmentsScanned()).isEqualTo(2);
      assertThat(journal.recovery().recordsRecovered()).isZero();
      assertThat(damagedFiles()).isEmpty();
      journal.append(bytes("first"));
      assertThat(readAllTexts(journal)).containsExactly("first");
    }
    try (Journal reopened = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(readAllTexts(reopened)).containsExactly("first");
    }
  }

  @Test
  void tornSegmentHeaderIsSetAside() throws Exception {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      journal.append(bytes("kept"));
    }
    Files.write(segment(1), Arrays.copyOf(Format.segmentHeader(), 3));

    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(journal.recovery().damagedSegments()).isEqualTo(1);
      assertThat(journal.recovery().bytesSetAside()).isEqualTo(3);
      assertThat(damagedFiles()).hasSize(1);
      assertThat(readAllTexts(journal)).containsExactly("kept");
      assertThat(journal.append(bytes("new")).segment()).isEqualTo(2);
    }
  }

  @Test
  void segmentOfAnUnknownFormatVersionIsRefusedAndLeftUntouched() throws Exception {
    Files.createDirectories(dir);
    byte[] future = ByteBuffer.allocate(12).putInt(Format.MAGIC).putInt(99).putInt(7).array();
    Files.write(segment(0), future);

    assertThatThrownBy(() -> Journal.open(dir, JournalOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 99");
    assertThat(Files.readAllBytes(segment(0))).isEqualTo(future);
    assertThat(damagedFiles()).isEmpty();
  }

  @Test
  void damagedFilesAreIgnoredOnLaterOpens() throws Exception {
    writeRecords(JournalOptions.defaults());
    try (RandomAccessFile file = new RandomAccessFile(segment(0).toFile(), "rw")) {
      file.setLength(file.length() - 1);
    }
    Journal.open(dir, JournalOptions.defaults()).close();

    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(journal.recovery().clean()).isTrue();
      assertThat(journal.recovery().segmentsScanned()).isEqualTo(2);
      assertThat(damagedFiles()).hasSize(1);
      assertThat(readAllTexts(journal)).isEqualTo(expectedTexts(upTo(RECORDS - 1)));
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int value = raf.read();
      raf.seek(offset);
      raf.write(value ^ 0x5a);
    }
  }
}
