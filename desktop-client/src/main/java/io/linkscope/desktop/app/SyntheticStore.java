package io.linkscope.desktop.app;

import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.RollupRow;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.store.LocalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A workspace of made-up links and clicks, written to a local store the way a first sync writes one
 * (cells in change order through {@link LocalStore}, aggregates computed at the end). The
 * benchmark's store and the start-up training run of the packaged app use it; the connection points
 * at a port where no collector answers, so the app opens it offline.
 */
public final class SyntheticStore {
  /** The fixed "now" of the data: open the store with a clock at this instant. */
  public static final Instant NOW = Instant.parse("2026-11-20T15:30:00Z");

  private static final String[] COUNTRIES = {
    "US", "GB", "DE", "FR", "JP", "BR", "CA", "AU", "IN", "NL", "ES", "IT"
  };
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final String[] SOURCES = {
    "Instagram", "Direct", "Google", "Email", "TikTok", "Facebook"
  };

  /** What was written. */
  public record Written(int links, long clicks, long cells, long bytes) {}

  private SyntheticStore() {}

  /**
   * Writes {@code links} links with hourly clicks over the {@code days} before {@link #NOW} (about
   * 1.14 clicks per link-hour, plus daily country, device and source cells, as the collector sends
   * them) into a connection directory, replacing any store there.
   */
  public static Written write(Path directory, int links, int days) {
    ConnectionStore connections = new ConnectionStore(directory);
    Connection connection =
        new Connection("bench", "http://127.0.0.1:9", "lsk_bench", "Benchmark agency client");
    connections.save(List.of(connection));
    try {
      Files.deleteIfExists(connections.storeFile(connection));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (LocalStore store = LocalStore.open(connections.storeFile(connection))) {
      List<LinkView> views = new ArrayList<>();
      for (int id = 1; id <= links; id++) {
        views.add(
            LinkView.builder()
                .id(id)
                .slug("link-" + id)
                .shortUrl("https://go.example.com/link-" + id)
                .targetUrl("https://example.com/landing/" + id)
                .title("Campaign link " + id)
                .tags(List.of("tag-" + (id % 20)))
                .createdAt(NOW.minus(Duration.ofDays(400)))
                .updatedAt(NOW)
                .build());
      }
      store.upsertLinks(views, List.of());
      long[] totals = new long[2];
      store.bulkLoad(() -> load(store, links, days, totals));
      store.putState("synced.at", NOW.toString());
      store.query(c -> c.createStatement().execute("pragma wal_checkpoint(truncate)"));
      return new Written(links, totals[0], totals[1], store.sizeOnDisk());
    }
  }

  /** Writes the cells of {@code links} over {@code days}; totals[0] = clicks, totals[1] = cells. */
  private static void load(LocalStore store, int links, int days, long[] totals) {
    Random random = new Random(7);
    long clicks = 0;
    Instant end = NOW.truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(Duration.ofDays(days));
    List<RollupRow> page = new ArrayList<>(10_000);
    // The day's country, device and source counts of each link: the collector sends dimension
    // cells per UTC day, hourly cells only for totals.
    List<Map<String, Long>> day = new ArrayList<>();
    for (int id = 0; id <= links; id++) {
      day.add(new HashMap<>());
    }
    long[] cells = {0};
    // Rows arrive in the collector's order: by change, i.e. roughly by hour across all links.
    for (Instant hour = start; hour.isBefore(end); hour = hour.plusSeconds(3600)) {
      int localHour = hour.atZone(ZoneOffset.UTC).getHour();
      double rhythm = 0.4 + Math.pow(Math.sin(Math.PI * ((localHour + 17) % 24) / 24.0), 2);
      for (int id = 1; id <= links; id++) {
        // Mean about 1.14 clicks per link-hour: 10M clicks a year over 1,000 links.
        long count = Math.round(rhythm * 1.14 * (0.5 + random.nextDouble()));
        page.add(
            new RollupRow(
                "link", id, hour, "click", "total", "", count, Math.max(0, count - 1), 0));
        if (count > 0) {
          day.get(id).merge("country\t" + pick(random, COUNTRIES), count, Long::sum);
          day.get(id).merge("device\t" + pick(random, DEVICES), count, Long::sum);
          day.get(id).merge("source\t" + pick(random, SOURCES), count, Long::sum);
        }
        clicks += count;
        flushIfFull(store, page, cells);
      }
      Instant next = hour.plusSeconds(3600);
      if (next.equals(next.truncatedTo(ChronoUnit.DAYS)) || !next.isBefore(end)) {
        Instant dayStart = hour.truncatedTo(ChronoUnit.DAYS);
        for (int id = 1; id <= links; id++) {
          for (Map.Entry<String, Long> cell : day.get(id).entrySet()) {
            String[] key = cell.getKey().split("\t");
            page.add(cell(id, dayStart, key[0], key[1], cell.getValue()));
            flushIfFull(store, page, cells);
          }
          day.get(id).clear();
        }
      }
    }
    store.upsertRollups(page);
    totals[0] = clicks;
    totals[1] = cells[0] + page.size();
  }

  private static void flushIfFull(LocalStore store, List<RollupRow> page, long[] cells) {
    if (page.size() >= 10_000) {
      store.upsertRollups(page);
      cells[0] += page.size();
      page.clear();
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static RollupRow cell(long id, Instant hour, String dimension, String value, long count) {
    return new RollupRow("link", id, hour, "click", dimension, value, count, count, 0);
  }
}
