package io.linkscope.collector.journal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process for {@link JournalKillTest}: appends numbered records from several threads as fast
 * as it can and prints {@code ack <thread> <seq> .} only after {@code append} returned, until it is
 * killed.
 */
final class JournalKillTarget {

  static final int PAYLOAD_BYTES = 100;

  private JournalKillTarget() {}

  static byte[] payload(int thread, long seq) {
    return JournalTesting.padded("click " + thread + " " + seq + " ", PAYLOAD_BYTES);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    JournalOptions options =
        JournalOptions.defaults()
            .withSegmentBytes(256 << 10)
            .withFsyncInterval(Duration.ofMillis(20));
    Journal journal = Journal.open(dir, options);
    List<Thread> appenders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      appenders.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (long seq = 0; ; seq++) {
                        journal.append(payload(thread, seq));
                        synchronized (out) {
                          out.println("ack " + thread + " " + seq + " .");
                          out.flush();
                        }
                      }
                    } catch (Exception e) {
                      e.printStackTrace();
                      System.exit(2);
                    }
                  }));
    }
    for (Thread appender : appenders) {
      appender.join();
    }
  }
}
