package io.linkscope.collector.journal;

import static io.linkscope.collector.journal.JournalTesting.readAll;
import static io.linkscope.collector.journal.JournalTesting.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing process with SIGKILL and checks that no acknowledged record is lost. */
class JournalKillTest {

  private static final int THREADS = 4;
  private static final int ACKS_BEFORE_KILL = 30_000;
  private static final Pattern ACK = Pattern.compile("ack (\\d+) (\\d+) \\.");
  private static final Pattern PAYLOAD = Pattern.compile("click (\\d+) (\\d+) \\.+");

  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedRecordSurvivesSigkillExactlyOnce() throws Exception {
    Path dir = tmp.resolve("journal");
    Path stderr = tmp.resolve("child-stderr.txt");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                JournalKillTarget.class.getName(),
                dir.toString(),
                Integer.toString(THREADS))
            .redirectError(stderr.toFile())
            .start();

    long[] highestAck = new long[THREADS];
    Arrays.fill(highestAck, -1);
    int acks = 0;
    boolean killed = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        Matcher ack = ACK.matcher(line);
        // A line cut by the kill lacks its terminator and proves nothing.
        if (!ack.matches()) {
          continue;
        }
        int thread = Integer.parseInt(ack.group(1));
        long seq = Long.parseLong(ack.group(2));
        highestAck[thread] = Math.max(highestAck[thread], seq);
        if (++acks == ACKS_BEFORE_KILL && !killed) {
          // Through the handle: Process.destroyForcibly would also close our end of the pipe,
          // and the acknowledgements still buffered in it count too.
          child.toHandle().destroyForcibly();
          killed = true;
        }
      }
    }
    child.waitFor();
    assertThat(killed).as("child stopped early: %s", Files.readString(stderr)).isTrue();
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

    try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
      JournalRecovery recovery = journal.recovery();
      // Only the single write in flight at the kill can be torn.
      assertThat(recovery.damagedSegments()).isLessThanOrEqualTo(1);
      assertThat(recovery.segmentsScanned()).isGreaterThan(1);

      List<List<Long>> seen = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        seen.add(new ArrayList<>());
      }
      for (JournalEntry entry : readAll(journal, JournalPosition.START)) {
        Matcher payload = PAYLOAD.matcher(text(entry));
        assertThat(payload.matches()).as("intact payload %s", text(entry)).isTrue();
        assertThat(entry.payload()).hasSize(JournalKillTarget.PAYLOAD_BYTES);
        seen.get(Integer.parseInt(payload.group(1))).add(Long.parseLong(payload.group(2)));
      }
      for (int t = 0; t < THREADS; t++) {
        List<Long> sequence = seen.get(t);
        // Each thread appends 0, 1, 2, ... one at a time, so the journal must hold exactly that
        // prefix: every acknowledged number, each once, plus at most the one append that
        // completed but was not acknowledged before the kill.
        assertThat(sequence)
            .as("thread %d", t)
            .hasSizeGreaterThan((int) highestAck[t])
            .hasSizeLessThanOrEqualTo((int) highestAck[t] + 2);
        for (int i = 0; i < sequence.size(); i++) {
          assertThat(sequence.get(i)).as("thread %d record %d", t, i).isEqualTo(i);
        }
      }
      assertThat(Arrays.stream(highestAck).sum() + THREADS)
          .isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    }
  }
}
