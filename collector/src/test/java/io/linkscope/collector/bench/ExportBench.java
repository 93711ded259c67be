package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.ClickTable;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.enrich.Referrer;
import io.linkscope.collector.enrich.Utm;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CSV export benchmark: a fresh database "ls_export_bench" on the MariaDB at 127.0.0.1:3306
 * (dropped and recreated), one link given {@code rows} raw clicks over 2025 through {@code
 * ClickTable} alone (an export reads only raw clicks, so no rollups are loaded), then {@code runs}
 * exports of all of them through the real HTTP server and {@code LinkscopeClient}, each timed from
 * request to last byte, with the live heap sampled during the export.
 *
 * <p>Run with {@code bench/export-bench.sh [rows] [runs]}.
 */
public final class ExportBench {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
  private static final int BATCH = 20_000;
  private static final String[][] PLACES = {
    {"US", "California", "San Francisco"},
    {"DE", "Berlin", "Berlin"},
    {"GB", "England", "London"},
    {"FR", "Île-de-France", "Paris"},
    {"JP", "Tokyo", "Tokyo"},
    {"", "", ""}
  };
  private static final DeviceInfo[] DEVICES = {
    new DeviceInfo("mobile", "Safari", "17", "iOS", "17", "Instagram", false),
    new DeviceInfo("mobile", "Chrome", "131", "Android", "14", "", false),
    new DeviceInfo("desktop", "Firefox", "133", "macOS", "14", "", false),
    new DeviceInfo("bot", "Googlebot", "2", "", "", "", true)
  };
  private static final Referrer[] REFERRERS = {
    new Referrer("", "", "Direct"),
    new Referrer("https://l.instagram.com/", "instagram.com", "Instagram"),
    new Referrer("https://news.example.com/a", "news.example.com", "Other")
  };
  private static final Utm[] UTMS = {
    Utm.NONE, new Utm("newsletter", "email", "weekly, spring", "", ""),
  };
  private static final String[] LANGUAGES = {"en", "de", "ja", ""};

  private ExportBench() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args.length > 0 ? args[0] : "1000000");
    int runs = Integer.parseInt(args.length > 1 ? args[1] : "3");
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    String server = "jdbc:mariadb://127.0.0.1:3306/";
    try (Connection c = DriverManager.getConnection(server + "?user=root&sslMode=disable");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS ls_export_bench");
      s.execute("CREATE DATABASE ls_export_bench CHARACTER SET utf8mb4");
    }
    Path dir = Files.createTempDirectory("export-bench");
    CollectorConfig config =
        CollectorConfig.defaults(dir).withDatabase(server + "ls_export_bench", "root", "");
    try (Collector collector = Collector.start(config)) {
      LinkscopeClient client =
          new LinkscopeClient(
              collector.baseUrl().toString(), collector.bootstrapKey().orElseThrow());
      long workspaceId = client.workspace().id();
      long linkId =
          client.createLink(LinkInput.to("https://example.com/export").withSlug("export")).id();
      long loadStart = System.nanoTime();
      Random random = new Random(42);
      long span = END.toEpochMilli() - START.toEpochMilli();
      ClickTable table = new ClickTable();
      for (long done = 0; done < rows; done += BATCH) {
        List<EnrichedClick> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH && done + i < rows; i++) {
          long at = START.toEpochMilli() + (long) ((double) (done + i) / rows * span);
          batch.add(click(random, at, workspaceId, linkId));
        }
        try (Connection c = collector.database().dataSource().getConnection()) {
          c.setAutoCommit(false);
          table.write(c, batch);
          c.commit();
        }
      }
      out.printf("loaded %,d clicks in %.0f s%n", rows, (System.nanoTime() - loadStart) / 1e9);
      StatsQuery query = StatsQuery.link(linkId, START, END).withBots("include");
      for (int run = 1; run <= runs; run++) {
        export(out, run, client, query);
      }
    }
  }

  private static EnrichedClick click(Random random, long at, long workspaceId, long linkId) {
    String[] place = PLACES[random.nextInt(PLACES.length)];
    byte[] ipHash = new byte[32];
    random.nextBytes(ipHash);
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
            "");
    return new EnrichedClick(
        event,
        device,
        REFERRERS[random.nextInt(REFERRERS.length)],
        UTMS[random.nextInt(UTMS.length)],
        LANGUAGES[random.nextInt(LANGUAGES.length)]);
  }

  private static void export(PrintStream out, int run, LinkscopeClient client, StatsQuery query)
      throws Exception {
    System.gc();
    long baseline = liveHeap();
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    peak.accumulateAndGet(liveHeap(), Math::max);
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    long[] counts = {0, 0}; // lines, bytes
    OutputStream counter =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            counts[1] += len;
            for (int i = off; i < off + len; i++) {
              if (b[i] == '\n') {
                counts[0]++;
              }
            }
          }
        };
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    client.exportCsv("clicks", query, counter);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    running.set(false);
    sampler.join();
    long rows = counts[0] - 1;
    out.printf(
        "run %d: %,d rows (%,d MB) in %.2f s = %,.0f rows/s, JVM CPU %.2f s (client and server);"
            + " live heap peaked %,d MB above the %,d MB before%n",
        run,
        rows,
        counts[1] >> 20,
        seconds,
        rows / seconds,
        cpuSeconds,
        (peak.get() - baseline) >> 20,
        baseline >> 20);
  }

  private static long liveHeap() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }
}
