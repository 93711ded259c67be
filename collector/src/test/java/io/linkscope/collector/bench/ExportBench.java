package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * CSV export benchmark: a fresh database "ls_export_bench" on the MariaDB at 127.0.0.1:3306
 * (dropped and recreated), one link given {@code rows} raw clicks over 2025 through {@code
 * ClickTable} alone, loaded as the statistics benchmark loads its export link (an export reads only
 * raw clicks, so no rollups are loaded), then {@code runs} exports of all of them through the real
 * HTTP server and {@code LinkscopeClient}, each timed from request to last byte, with the live heap
 * sampled during the export.
 *
 * <p>Run with {@code bench/export-bench.sh [rows] [runs]}.
 */
public final class ExportBench {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

  private ExportBench() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args.length > 0 ? args[0] : "1000000");
    int runs = Integer.parseInt(args.length > 1 ? args[1] : "3");
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    Path dir = Files.createTempDirectory("export-bench");
    CollectorConfig config =
        CollectorConfig.defaults(dir)
            .withDatabase(StatsBench.freshDatabase("ls_export_bench"), "root", "");
    try (Collector collector = Collector.start(config)) {
      LinkscopeClient client =
          new LinkscopeClient(
              collector.baseUrl().toString(), collector.bootstrapKey().orElseThrow());
      long workspaceId = client.workspace().id();
      long linkId =
          client.createLink(LinkInput.to("https://example.com/export").withSlug("export")).id();
      StatsBench.load(
          collector.database().dataSource(),
          workspaceId,
          new long[] {linkId},
          rows,
          3600,
          out,
          false);
      StatsQuery query = StatsQuery.link(linkId, START, END).withBots("include");
      for (int run = 1; run <= runs; run++) {
        export(out, run, client, query);
      }
    }
  }

  private static void export(PrintStream out, int run, LinkscopeClient client, StatsQuery query)
      throws Exception {
    ExportRun export = ExportRun.of(client, query);
    out.printf(
        "run %d: %,d rows (%,d MB) in %.2f s = %,.0f rows/s, JVM CPU %.2f s (client and server);"
            + " live heap peaked %,d MB above the %,d MB before%n",
        run,
        export.rows(),
        export.bytes() >> 20,
        export.seconds(),
        export.rowsPerSecond(),
        export.cpuSeconds(),
        export.peakAboveBytes() >> 20,
        export.baselineBytes() >> 20);
  }
}
