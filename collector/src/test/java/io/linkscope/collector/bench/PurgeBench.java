package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.retention.PurgeReport;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.retention.Retention;
import io.linkscope.collector.workspace.Workspaces;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Raw click purge benchmark: a fresh database "ls_purge_bench" on the MariaDB at 127.0.0.1:3306
 * (dropped and recreated), four workspaces each given {@code rows} raw clicks over 2025 (loaded as
 * the statistics benchmark loads them), then all of each deleted three ways, timed: one {@code
 * DELETE} statement (the baseline: fastest, but one transaction that locks every row it deletes
 * until it ends), the retention purge in chunks of 1,000 and of 5,000 without pauses, and the
 * retention purge as the collector runs it (a pause as long as each chunk).
 *
 * <p>Run with {@code bench/purge-bench.sh [rows]}.
 */
public final class PurgeBench {
  /** Retention of one day on this date covers every click of 2025. */
  private static final Clock LATER =
      Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  private PurgeBench() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args.length > 0 ? args[0] : "300000");
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    Path dir = Files.createTempDirectory("purge-bench");
    CollectorConfig config =
        CollectorConfig.defaults(dir)
            .withDatabase(StatsBench.freshDatabase("ls_purge_bench"), "root", "");
    try (Collector collector = Collector.start(config)) {
      DataSource dataSource = collector.database().dataSource();
      long[] workspaces = new long[4];
      for (int i = 0; i < 4; i++) {
        long workspace = new Workspaces(dataSource, LATER).create("purge-" + i, "Purge " + i).id();
        String key = new ApiKeys(dataSource, LATER).create(workspace, "bench", Role.ADMIN).secret();
        LinkscopeClient client = new LinkscopeClient(collector.baseUrl().toString(), key);
        long link = client.createLink(LinkInput.to("https://example.com/purge/" + i)).id();
        StatsBench.load(dataSource, workspace, new long[] {link}, rows, 3600, out, false);
        workspaces[i] = workspace;
      }

      // The full export of a workspace before it goes: its memory must not grow with its clicks.
      LinkscopeClient exporting =
          new LinkscopeClient(
              collector.baseUrl().toString(),
              new ApiKeys(dataSource, LATER).create(workspaces[0], "export", Role.ADMIN).secret());
      ExportRun export = ExportRun.of(exporting::exportWorkspace);
      out.printf(
          "workspace export of %,d clicks: %,d bytes (zip) in %.2f s, JVM CPU %.2f s (client and"
              + " server); live heap peaked %,d MB above the %,d MB before%n",
          rows,
          export.bytes(),
          export.seconds(),
          export.cpuSeconds(),
          export.peakAboveBytes() >> 20,
          export.baselineBytes() >> 20);

      long started = System.nanoTime();
      long deleted;
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        deleted = s.executeUpdate("DELETE FROM click WHERE workspace_id = " + workspaces[0]);
      }
      report(out, "one DELETE statement (baseline)", deleted, System.nanoTime() - started);

      purge(
          out,
          "retention purge, chunks of 1,000, no pause",
          new Retention(dataSource, LATER, 1_000, 0.0),
          workspaces[1]);
      purge(
          out,
          "retention purge, chunks of 5,000, no pause",
          new Retention(dataSource, LATER, 5_000, 0.0),
          workspaces[3]);
      purge(
          out,
          "retention purge as the collector runs it (pause = chunk time)",
          new Retention(dataSource, LATER),
          workspaces[2]);
    }
  }

  private static void purge(PrintStream out, String what, Retention retention, long workspace)
      throws Exception {
    retention.setRawClickDays(workspace, 1);
    long started = System.nanoTime();
    PurgeReport report = retention.purgeWorkspace(workspace).orElseThrow();
    report(out, what, report.rows(), System.nanoTime() - started);
  }

  private static void report(PrintStream out, String what, long rows, long nanos) {
    double seconds = nanos / 1e9;
    out.printf("%s: %,d rows in %.2f s = %,.0f rows/s%n", what, rows, seconds, rows / seconds);
  }
}
