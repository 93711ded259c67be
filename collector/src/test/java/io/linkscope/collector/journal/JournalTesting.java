package io.linkscope.collector.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the journal tests. */
final class JournalTesting {

  private JournalTesting() {}

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static String text(JournalEntry entry) {
    return new String(entry.payload(), UTF_8);
  }

  /** A payload of exactly {@code length} bytes starting with {@code label}. */
  static byte[] padded(String label, int length) {
    StringBuilder builder = new StringBuilder(label);
    while (builder.length() < length) {
      builder.append('.');
    }
    return bytes(builder.substring(0, length));
  }

  /** Everything currently readable from {@code from}, without waiting. */
  static List<JournalEntry> readAll(Journal journal, JournalPosition from)
      throws IOException, InterruptedException {
    List<JournalEntry> all = new ArrayList<>();
    try (JournalReader reader = journal.reader(from)) {
      while (true) {
        List<JournalEntry> batch = reader.poll(1000, Duration.ZERO);
        if (batch.isEmpty()) {
          return all;
        }
        all.addAll(batch);
      }
    }
  }

  static List<String> readAllTexts(Journal journal) throws IOException, InterruptedException {
    return readAll(journal, JournalPosition.START).stream().map(JournalTesting::text).toList();
  }
}
