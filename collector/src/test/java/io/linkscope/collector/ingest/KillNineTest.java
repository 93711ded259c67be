package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.ChildCollector;
import io.linkscope.collector.testsupport.ClickAudit;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector process killed with SIGKILL under load, then started again on the same journal and
 * database: every redirected click reaches MariaDB exactly once, and a journal damaged while the
 * process was down costs exactly the damaged records.
 */
class KillNineTest {
  private static final Logger log = LoggerFactory.getLogger(KillNineTest.class);
  private static final Pattern MARKER = Pattern.compile("utm_content=([^&]+)");
  private static final Pattern REPLAYED = Pattern.compile("Replaying (\\d+) journaled clicks");

  @TempDir Path directory;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyRedirectedClickIsStoredExactlyOnceAfterSigkillUnderLoad() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      String key = ChildCollector.prepare(database);
      ChildCollector first = ChildCollector.start(directory, database.url(), key);
      first.client().createLink(LinkInput.to("https://shop.example.com/a").withSlug("k9"));

      ClickLoad load = ClickLoad.start(first.baseUrl(), "k9", "k9", 16);
      load.awaitRedirected(5_000, Duration.ofSeconds(60));
      int exit = first.kill();
      load.stop();
      assertThat(exit).as("killed by SIGKILL").isEqualTo(128 + 9);

      try (ChildCollector second = ChildCollector.start(directory, database.url(), key)) {
        second.awaitBacklogDrained(Duration.ofSeconds(60));
        ClickAudit audit = ClickAudit.of(load, database, "k9");
        Matcher replayed = REPLAYED.matcher(second.log());
        log.info(
            "kill -9 under load: {}; replayed from the journal at restart: {}",
            audit,
            replayed.find() ? replayed.group(1) : "0");
        assertThat(load.otherStatuses()).isEmpty();
        assertThat(audit.redirected()).hasSizeGreaterThanOrEqualTo(5_000);
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.duplicated()).isEmpty();
        assertThat(audit.invented()).isEmpty();
        try (Connection c = database.connect()) {
          RollupRecount.assertRollupsMatchRawClicks(c, "after kill -9 and restart");
        }
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void storesEverythingBeforeJournalDamageAndReportsTheDamage() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      String key = ChildCollector.prepare(database);
      String dbUrl = proxy.jdbcUrl(database.url());
      ChildCollector first = ChildCollector.start(directory, dbUrl, key);
      first.client().createLink(LinkInput.to("https://shop.example.com/t").withSlug("torn"));
      // Resolved once, so the link is in memory while MariaDB is away.
      try (ClickLoad warm = ClickLoad.start(first.baseUrl(), "torn", "warm", 1)) {
        warm.awaitRedirected(1, Duration.ofSeconds(30));
      }
      first.awaitBacklogDrained(Duration.ofSeconds(30));

      proxy.cut();
      ClickLoad load = ClickLoad.start(first.baseUrl(), "torn", "torn", 4);
      load.awaitRedirected(600, Duration.ofSeconds(60));
      first.kill();
      load.stop();
      assertThat(load.otherStatuses()).isEmpty();

      Path segment = lastSegment(directory.resolve("data/journal"));
      List<Frame> frames = frames(segment);
      assertThat(frames.size()).isGreaterThanOrEqualTo(600);
      Frame damaged = frames.get(frames.size() / 2);
      flipByteInPayload(segment, damaged);
      Set<String> beforeDamage = new HashSet<>();
      for (Frame frame : frames.subList(0, frames.size() / 2)) {
        // The segment also holds the warm-up click, stored before the outage.
        if (frame.marker().startsWith("torn-")) {
          beforeDamage.add(frame.marker());
        }
      }
      long damagedBytes = Files.size(segment) - damaged.offset();

      proxy.restore();
      try (ChildCollector second = ChildCollector.start(directory, dbUrl, key)) {
        second.awaitBacklogDrained(Duration.ofSeconds(60));
        ClickAudit audit = ClickAudit.of(load, database, "torn");
        log.info("journal damaged at record {} of {}: {}", frames.size() / 2, frames.size(), audit);
        assertThat(audit.stored().keySet()).isEqualTo(beforeDamage);
        assertThat(audit.duplicated()).isEmpty();
        assertThat(second.metric("linkscope_journal_damaged_bytes")).isEqualTo(damagedBytes);
        assertThat(second.health().getAsJsonObject("details").get("journalDamageAtStart"))
            .as("damage listed in /health details")
            .isNotNull();
        assertThat(second.log()).contains(segment.getFileName().toString()).contains("damaged");
        try (Stream<Path> files = Files.list(segment.getParent())) {
          assertThat(files.map(Path::toString)).anyMatch(name -> name.contains(".damaged-"));
        }
      }
    }
  }

  /** One journal record: where it starts in its segment and the visit marker it carries. */
  private record Frame(long offset, int payloadLength, String marker) {}

  private static Path lastSegment(Path journal) throws IOException {
    try (Stream<Path> files = Files.list(journal)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".journal"))
          .max(Path::compareTo)
          .orElseThrow();
    }
  }

  /** Walks the segment by its framing (8-byte header, then [length][crc][payload] records). */
  private static List<Frame> frames(Path segment) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
    List<Frame> frames = new ArrayList<>();
    int offset = 8;
    while (offset + 8 <= bytes.limit()) {
      int length = bytes.getInt(offset);
      if (length <= 0 || offset + 8 + length > bytes.limit()) {
        break;
      }
      byte[] payload = new byte[length];
      bytes.get(offset + 8, payload);
      Matcher marker = MARKER.matcher(ClickEvent.decode(payload).query());
      if (!marker.find()) {
        throw new AssertionError("a journaled click without marker at " + offset);
      }
      frames.add(new Frame(offset, length, marker.group(1)));
      offset += 8 + length;
    }
    return frames;
  }

  private static void flipByteInPayload(Path segment, Frame frame) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      long position = frame.offset() + 8 + frame.payloadLength() / 2;
      file.seek(position);
      int value = file.read();
      file.seek(position);
      file.write(value ^ 0x5a);
    }
  }
}
