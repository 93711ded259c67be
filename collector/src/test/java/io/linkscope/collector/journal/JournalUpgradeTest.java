package io.linkscope.collector.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade: a journal left by an older collector (stopped before its clicks reached MariaDB) is
 * replayed by this one. The segment in {@code format-1/} was written by the collector of commit
 * ad173d4, before clicks carried their routing destination: segment format 1 with click records of
 * format 1, seven visits of 5 December 2026 10:00-10:06 UTC (six clicks of link 1 in workspace 1
 * from Chrome, Safari on an iPhone, Firefox and curl, one visit to an unknown slug). What the
 * pipeline adds (browser, bot flag, referrer host, UTM, language) is the current collector's.
 */
class JournalUpgradeTest {
  private static final String SEGMENT = "segment-00000000000000000000.journal";

  @TempDir Path directory;

  @Test
  void aNewerCollectorStoresTheClicksAnOlderOneLeftInItsJournal() throws Exception {
    Path journal = Files.createDirectories(directory.resolve("data").resolve("journal"));
    try (InputStream old =
        Objects.requireNonNull(getClass().getResourceAsStream("format-1/" + SEGMENT))) {
      Files.copy(old, journal.resolve(SEGMENT));
    }

    try (TestCollector collector = TestCollector.start(directory)) {
      collector.awaitBacklogDrained(Duration.ofSeconds(60));
      try (Connection c = collector.database().connect();
          Statement statement = c.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  """
                  SELECT kind, link_id, path, DATE_FORMAT(clicked_at, '%H:%i'), country, city,
                         browser, bot, referrer_host, utm_source, language, destination_key
                  FROM click ORDER BY clicked_at
                  """)) {
        List<String> stored = new ArrayList<>();
        while (rows.next()) {
          stored.add(
              String.join(
                  "|",
                  rows.getString(1),
                  String.valueOf(rows.getString(2)),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getString(7),
                  rows.getString(8),
                  rows.getString(9),
                  rows.getString(10),
                  rows.getString(11),
                  String.valueOf(rows.getString(12))));
        }
        assertThat(stored)
            .containsExactly(
                "1|1||10:00|DE|Berlin|Chrome|0|instagram.com||de|null",
                "1|1||10:01|FR|Paris|Safari|0||newsletter|de|null",
                "1|1||10:02|||Firefox|0|instagram.com||fr|null",
                "1|1||10:03|DE|Berlin|Curl|1|||de|null",
                "1|1||10:04|FR|Paris|Chrome|0|instagram.com||de|null",
                "1|1||10:05|||Safari|0|||de|null",
                "2|null|no-such-link|10:06|DE|Berlin|Firefox|0|instagram.com||de|null");
        RollupRecount.assertRollupsMatchRawClicks(c, "after replaying a journal of format 1");
      }
    }
  }
}
