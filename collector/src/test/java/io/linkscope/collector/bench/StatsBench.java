package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.stats.LinkReport;
import io.linkscope.api.stats.Overview;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.enrich.Referrer;
import io.linkscope.collector.enrich.Utm;
import io.linkscope.collector.ingest.ClickBatch;
import io.linkscope.collector.ingest.ClickTable;
import io.linkscope.collector.ingest.RollupWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The statistics benchmark: loads a workspace of 1,000 links with clicks spread over 2025 (Zipf
 * link popularity) through the same batch writers as the click pipeline, then measures the full
 * report of the busiest link, the workspace overview and a raw CSV export through the real server
 * and client. Run by {@code bench/stats-bench.sh}.
 *
 * <p>Arguments: clicks to roll up (spread evenly over the year), load budget in seconds, measured
 * iterations. The CSV export reads one extra link given {@link #EXPORT_ROWS} raw clicks through
 * {@code ClickTable} alone (an export never reads rollups).
 */
public final class StatsBench {
  static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant YEAR_END = Instant.parse("2026-01-01T00:00:00Z");
  static final int LINKS = 1000;
  static final int BATCH = 20_000;
  static final long EXPORT_ROWS = 1_000_000;
  static final String[][] PLACES = {
    {"DE", "Berlin", "Berlin"},
    {"DE", "Bavaria", "Munich"},
    {"GB", "England", "London"},
    {"US", "California", "San Francisco"},
    {"US", "New York", "New York"},
    {"FR", "Île-de-France", "Paris"},
    {"JP", "Tokyo", "Tokyo"},
    {"BR", "São Paulo", "São Paulo"},
    {"IN", "Maharashtra", "Mumbai"},
    {"", "", ""}
  };
  static final DeviceInfo[] DEVICES = {
    new DeviceInfo("mobile", "Safari", "17", "iOS", "17", "Instagram", false),
    new DeviceInfo("mobile", "Chrome", "131", "Android", "14", "", false),
    new DeviceInfo("desktop", "Chrome", "131", "Windows", "10", "", false),
    new DeviceInfo("desktop", "Firefox", "133", "macOS", "14", "", false),
    new DeviceInfo("tablet", "Safari", "17", "iPadOS", "17", "", false),
    new DeviceInfo("mobile", "Chrome", "131", "Android", "14", "TikTok", false),
    new DeviceInfo("bot", "Googlebot", "2", "", "", "", true)
  };
  static final Referrer[] REFERRERS = {
    new Referrer("", "", "Direct"),
    new Referrer("https://l.instagram.com/", "instagram.com", "Instagram"),
    new Referrer("https://www.google.com/", "google.com", "Google"),
    new Referrer("https://t.co/x", "t.co", "X"),
    new Referrer("https://news.example.com/a", "news.example.com", "Other")
  };
  static final Utm[] UTMS = {
    Utm.NONE,
    new Utm("instagram", "social", "spring25", "", "story"),
    new Utm("newsletter", "email", "weekly", "", ""),
    new Utm("google", "cpc", "brand", "shoes", "ad1")
  };
  static final String[] LANGUAGES = {"en", "de", "fr", "ja", "pt", ""};

  private StatsBench() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    Path dir = Files.createTempDirectory("stats-bench");
    if (args.length > 0 && args[0].equals("measure")) {
      // Measures again on the database a previous run loaded.
      int iterations = Integer.parseInt(args.length > 1 ? args[1] : "50");
      CollectorConfig config =
          CollectorConfig.defaults(dir)
              .withDatabase("jdbc:mariadb://127.0.0.1:3306/ls_stats_bench", "root", "");
      try (Collector collector = Collector.start(config)) {
        long workspaceId = 0;
        long busiest = 0;
        long exportLink = 0;
        try (Connection c = collector.database().connection();
            Statement s = c.createStatement();
            var links =
                s.executeQuery(
                    "SELECT live_slug, id, workspace_id FROM link"
                        + " WHERE live_slug IN ('bench-0', 'export')")) {
          while (links.next()) {
            workspaceId = links.getLong(3);
            if (links.getString(1).equals("export")) {
              exportLink = links.getLong(2);
            } else {
              busiest = links.getLong(2);
            }
          }
        }
        String key =
            new ApiKeys(collector.database().dataSource(), Clock.systemUTC())
                .create(workspaceId, "stats benchmark", Role.ADMIN)
                .secret();
        LinkscopeClient client = new LinkscopeClient(collector.baseUrl().toString(), key);
        measureAll(out, client, busiest, exportLink, iterations);
        printTableSizes(out, collector);
      }
      return;
    }
    long targetClicks = Long.parseLong(args.length > 0 ? args[0] : "10000000");
    long budgetSeconds = Long.parseLong(args.length > 1 ? args[1] : "600");
    int iterations = Integer.parseInt(args.length > 2 ? args[2] : "50");
    CollectorConfig config =
        CollectorConfig.defaults(dir).withDatabase(freshDatabase("ls_stats_bench"), "root", "");
    try (Collector collector = Collector.start(config)) {
      LinkscopeClient client =
          new LinkscopeClient(
              collector.baseUrl().toString(), collector.bootstrapKey().orElseThrow());
      long workspaceId = client.workspace().id();
      long[] linkIds = new long[LINKS];
      for (int i = 0; i < LINKS; i++) {
        linkIds[i] =
            client
                .createLink(LinkInput.to("https://example.com/p/" + i).withSlug("bench-" + i))
                .id();
      }
      long loaded =
          load(
              collector.database().dataSource(),
              workspaceId,
              linkIds,
              targetClicks,
              budgetSeconds,
              out,
              true);
      long exportLink =
          client.createLink(LinkInput.to("https://example.com/export").withSlug("export")).id();
      load(
          collector.database().dataSource(),
          workspaceId,
          new long[] {exportLink},
          EXPORT_ROWS,
          3600,
          out,
          false);
      measureAll(out, client, linkIds[0], exportLink, iterations);
      out.println("clicks loaded: " + loaded);
      printTableSizes(out, collector);
    }
  }

  static void measureAll(
      PrintStream out, LinkscopeClient client, long busiest, long exportLink, int iterations)
      throws Exception {
    StatsQuery year = StatsQuery.link(busiest, YEAR_START, YEAR_END);
    measure(
        out,
        "full report of the busiest link, one year",
        iterations,
        () -> {
          LinkReport report = client.statsReport(year, "day", 10);
          return report.summary().current().clicks();
        });
    measure(
        out,
        "workspace overview, one year",
        iterations,
        () -> {
          Overview overview =
              client.statsOverview(StatsQuery.workspace(YEAR_START, YEAR_END), "day", 10);
          return overview.clicks().current().clicks();
        });
    // The same year in Berlin's local time: its edges fall inside UTC days, whose dimension
    // cells come from the raw clicks of those hours.
    Instant localFrom = Instant.parse("2024-12-31T23:00:00Z");
    Instant localTo = Instant.parse("2025-12-31T23:00:00Z");
    measure(
        out,
        "full report of the busiest link, one year in Europe/Berlin",
        iterations,
        () ->
            client
                .statsReport(
                    StatsQuery.link(busiest, localFrom, localTo).inZone("Europe/Berlin"), "day", 10)
                .summary()
                .current()
                .clicks());
    measure(
        out,
        "workspace overview, one year in Europe/Berlin",
        iterations,
        () ->
            client
                .statsOverview(
                    StatsQuery.workspace(localFrom, localTo).inZone("Europe/Berlin"), "day", 10)
                .clicks()
                .current()
                .clicks());
    exportCsv(out, client, StatsQuery.link(exportLink, YEAR_START, YEAR_END).withBots("include"));
  }

  static void printTableSizes(PrintStream out, Collector collector) throws Exception {
    try (Connection c = collector.database().connection();
        Statement s = c.createStatement();
        var tables =
            s.executeQuery(
                """
                SELECT table_name, table_rows, (data_length + index_length) / 1048576
                FROM information_schema.tables WHERE table_schema = DATABASE()
                  AND table_name IN ('click', 'visitor_day', 'rollup_hour', 'rollup_day',
                    'rollup_month')
                ORDER BY table_name
                """)) {
      while (tables.next()) {
        out.printf(
            "table %s: about %,d rows, %,d MB%n",
            tables.getString(1), tables.getLong(2), tables.getLong(3));
      }
    }
  }

  /** Drops and recreates a database on the local MariaDB; returns its JDBC URL. */
  static String freshDatabase(String name) throws java.sql.SQLException {
    String server = "jdbc:mariadb://127.0.0.1:3306/";
    try (Connection c = DriverManager.getConnection(server + "?user=root&sslMode=disable");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    return server + name;
  }

  /** Loads clicks in time order through ClickTable and RollupWriter, one transaction per batch. */
  static long load(
      DataSource dataSource,
      long workspaceId,
      long[] linkIds,
      long target,
      long budgetSeconds,
      PrintStream out,
      boolean rollUp)
      throws Exception {
    // A seed per link set, so that click ids of separate loads never collide.
    Random random = new Random(42 + linkIds[0]);
    double[] cumulative = zipf(linkIds.length);
    long span = YEAR_END.toEpochMilli() - YEAR_START.toEpochMilli();
    long started = System.nanoTime();
    long done = 0;
    while (done < target
        && System.nanoTime() - started < Duration.ofSeconds(budgetSeconds).toNanos()) {
      List<EnrichedClick> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        // One pass over the year in time order, as clicks arrive: a batch covers about a day
        // at 10 million clicks a year. If the load budget runs out, the rest of the year is empty.
        long at =
            YEAR_START.toEpochMilli() + (long) ((double) ((done + i) % target) / target * span);
        int link = Arrays.binarySearch(cumulative, random.nextDouble());
        batch.add(click(random, at, workspaceId, linkIds[link < 0 ? -link - 1 : link], ""));
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        ClickBatch clickBatch = new ClickBatch(batch);
        if (rollUp) {
          RollupWriter.decideUniques(c, RollupWriter.Uniques.of(clickBatch));
        }
        ClickTable.write(c, ClickTable.Rows.of(clickBatch));
        if (rollUp) {
          RollupWriter.fold(c, RollupWriter.Cells.of(clickBatch));
        }
        c.commit();
      }
      done += batch.size();
      if (done % 200_000 == 0) {
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("loaded %,d clicks in %.0f s (%.0f clicks/s)%n", done, seconds, done / seconds);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "load%s: %,d clicks in %.0f s (%.0f clicks/s)%n",
        rollUp ? " with rollups" : " of raw clicks only", done, seconds, done / seconds);
    return done;
  }

  private static double[] zipf(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  /** A click sent to {@code destinationKey} ({@code variant:<id>}; empty: the link's target). */
  static EnrichedClick click(
      Random random, long at, long workspaceId, long linkId, String destinationKey) {
    String[] place = PLACES[random.nextInt(PLACES.length)];
    byte[] ipHash = new byte[32];
    // 300,000 distinct visitors, so that many clicks repeat a visitor within a day.
    long visitor = random.nextInt(300_000);
    for (int i = 0; i < 8; i++) {
      ipHash[i] = (byte) (visitor >>> (8 * i));
    }
    DeviceInfo device = DEVICES[random.nextInt(DEVICES.length)];
    ClickEvent event =
        new ClickEvent(
            new UUID(random.nextLong(), random.nextLong()),
            at,
            ClickEvent.Kind.LINK_CLICK,
            workspaceId,
            linkId,
            0,
            0,
            "",
            "",
            "",
            "",
            ipHash,
            new GeoLocation(place[0], "", "", place[1], place[2], null, null),
            device.browser() + "/" + device.os(),
            "",
            "",
            "",
            destinationKey,
            destinationKey.isEmpty() ? "" : "https://example.com/" + destinationKey);
    return new EnrichedClick(
        event,
        device,
        REFERRERS[random.nextInt(REFERRERS.length)],
        UTMS[random.nextInt(UTMS.length)],
        LANGUAGES[random.nextInt(LANGUAGES.length)]);
  }

  /** Something measured once per iteration; returns a number so the work cannot be skipped. */
  @FunctionalInterface
  interface Measured {
    long run() throws Exception;
  }

  static void measure(PrintStream out, String what, int iterations, Measured measured)
      throws Exception {
    for (int i = 0; i < 5; i++) {
      measured.run();
    }
    long[] nanos = new long[iterations];
    long check = 0;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      check += measured.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    out.printf(
        "%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d runs, %,d clicks counted each)%n",
        what,
        nanos[iterations / 2] / 1e6,
        nanos[(int) Math.ceil(iterations * 0.95) - 1] / 1e6,
        nanos[iterations - 1] / 1e6,
        iterations,
        check / iterations);
  }

  private static void exportCsv(PrintStream out, LinkscopeClient client, StatsQuery query)
      throws Exception {
    ExportRun export = ExportRun.of(client, query);
    out.printf(
        "CSV export: %,d rows (%,d MB) in %.1f s = %,.0f rows/s; heap still in use after"
            + " collections (client and server, this JVM) peaked %,d MB above the %,d MB before%n",
        export.rows(),
        export.bytes() >> 20,
        export.seconds(),
        export.rowsPerSecond(),
        export.peakAboveBytes() >> 20,
        export.baselineBytes() >> 20);
  }
}
