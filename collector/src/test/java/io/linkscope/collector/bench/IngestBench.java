package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.click.ClickCapture;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.ingest.ClickPipeline;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The sustained-ingest benchmark: clicks arrive at a fixed rate through {@link ClickCapture}, the
 * call the redirect handler makes (geolocation, IP hashing, journal append with group fsync), and
 * the real pipeline enriches them with Yauaa and writes them with their rollups into MariaDB. It
 * reports the rate stored, each click's lag from capture to the commit of its row, and its lag
 * until it is in the rollups too. Run by {@code bench/ingest-bench.sh}; no HTTP, so that the two
 * cores of a small machine go to the ingest path alone (the redirect benchmark measures HTTP).
 *
 * <p>Arguments: clicks per second, seconds, links, User-Agent file, and optionally the seconds of
 * warm-up left out of the lag percentiles (2 by default: the JIT, Yauaa's first parses).
 */
public final class IngestBench {
  private static final String[] REFERRERS = {
    "", "https://l.instagram.com/", "https://www.google.com/", "https://t.co/x", ""
  };
  private static final String[] QUERIES = {
    "", "utm_source=instagram&utm_medium=social&utm_campaign=spring", "utm_source=newsletter", ""
  };
  private static final String[] LANGUAGES = {"en-GB,en;q=0.9", "de-DE", "fr", "ja", ""};

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int linkCount = Integer.parseInt(args[2]);
    List<String> agents =
        Files.readAllLines(Path.of(args[3])).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
    int warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    PrintStream out = System.out;
    Path dir = Files.createTempDirectory("ingest-bench");
    Path geo = dir.resolve("geo.mmdb");
    TestGeoDatabase.write(geo);
    CollectorConfig config =
        CollectorConfig.defaults(dir)
            .withDatabase(StatsBench.freshDatabase("ls_ingest_bench"), "root", "")
            .withGeoip(geo);
    try (Collector collector = Collector.start(config)) {
      LinkscopeClient client =
          new LinkscopeClient(
              collector.baseUrl().toString(), collector.bootstrapKey().orElseThrow());
      long workspaceId = client.workspace().id();
      long[] links = new long[linkCount];
      for (int i = 0; i < linkCount; i++) {
        links[i] = client.createLink(LinkInput.to("https://example.com/p/" + i)).id();
      }
      Random random = new Random(7);
      List<InetAddress> addresses = new ArrayList<>();
      for (String ip :
          List.of(
              TestGeoDatabase.LONDON_IP,
              TestGeoDatabase.BERLIN_IP,
              TestGeoDatabase.TOKYO_IP,
              TestGeoDatabase.PARIS_IPV6)) {
        addresses.add(InetAddress.getByName(ip));
      }
      for (int i = 0; i < 50_000; i++) {
        addresses.add(
            InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
      }
      ClickCapture capture = collector.capture();
      ClickPipeline pipeline = collector.pipeline();
      long total = (long) rate * seconds;
      // capturedAt[n]: when click n was captured; storedAt[n]: first sample that saw it stored;
      // foldedAt[n]: first sample that saw it in the rollups too.
      long[] capturedAt = new long[(int) total];
      long[] storedAt = new long[(int) total];
      long[] foldedAt = new long[(int) total];
      long[] captured = {0};
      Thread sampler =
          Thread.ofPlatform()
              .name("ingest-sampler")
              .start(
                  () -> {
                    int next = 0;
                    int nextFolded = 0;
                    while (nextFolded < total) {
                      long now = System.nanoTime();
                      long count;
                      long folded;
                      synchronized (captured) {
                        // The stored backlog first: a click joins the fold's backlog before it
                        // leaves the stored one, so a click is never seen in neither.
                        long backlog = pipeline.backlogRecords();
                        long unfolded = pipeline.rollupBacklogRecords();
                        count = captured[0] - backlog;
                        folded = count - unfolded;
                      }
                      while (next < count && next < total) {
                        storedAt[next++] = now;
                      }
                      while (nextFolded < folded && nextFolded < total) {
                        foldedAt[nextFolded++] = now;
                      }
                      LockSupport.parkNanos(5_000_000);
                    }
                  });
      long start = System.nanoTime();
      long interval = 1_000_000_000L / rate;
      for (int n = 0; n < total; n++) {
        long due = start + n * interval;
        long wait = due - System.nanoTime();
        if (wait > 50_000) {
          LockSupport.parkNanos(wait);
        }
        String agent = agents.get(random.nextInt(agents.size()));
        Visitor visitor =
            new Visitor(
                addresses.get(random.nextInt(addresses.size())),
                "127.0.0.1",
                agent,
                REFERRERS[random.nextInt(REFERRERS.length)],
                QUERIES[random.nextInt(QUERIES.length)],
                LANGUAGES[random.nextInt(LANGUAGES.length)]);
        ClickTarget target = ClickTarget.link(workspaceId, links[zipf(random, linkCount)]);
        synchronized (captured) {
          capturedAt[n] = System.nanoTime();
          if (!capture.capture("GET", visitor, target)) {
            throw new IllegalStateException("the collector refused to track click " + n);
          }
          captured[0]++;
        }
      }
      double feedSeconds = (System.nanoTime() - start) / 1e9;
      sampler.join();
      double storeSeconds = (storedAt[(int) total - 1] - start) / 1e9;
      long[] lagMicros = new long[(int) total];
      long[] foldLagMicros = new long[(int) total];
      for (int n = 0; n < total; n++) {
        lagMicros[n] = (storedAt[n] - capturedAt[n]) / 1000;
        foldLagMicros[n] = (foldedAt[n] - capturedAt[n]) / 1000;
      }
      // The first seconds warm the JIT and the caches; lags are over the rest.
      int from = (int) Math.min(total - 1, (long) rate * warmUpSeconds);
      long[] steady = Arrays.copyOfRange(lagMicros, from, (int) total);
      Arrays.sort(steady);
      long[] steadyFold = Arrays.copyOfRange(foldLagMicros, from, (int) total);
      Arrays.sort(steadyFold);
      long rows;
      try (Connection c = collector.database().connection();
          Statement s = c.createStatement();
          var r = s.executeQuery("SELECT COUNT(*) FROM click")) {
        r.next();
        rows = r.getLong(1);
      }
      out.printf(
          "| %,d | %d | %,d | %,.0f | %,.0f | %.0f | %.0f | %.0f | %.0f | %.0f / %.0f | %,d |%n",
          rate,
          seconds,
          linkCount,
          total / feedSeconds,
          total / storeSeconds,
          steady[steady.length / 2] / 1000.0,
          steady[(int) (steady.length * 0.99)] / 1000.0,
          steady[steady.length - 1] / 1000.0,
          Arrays.stream(lagMicros).max().orElse(0) / 1000.0,
          steadyFold[steadyFold.length / 2] / 1000.0,
          steadyFold[(int) (steadyFold.length * 0.99)] / 1000.0,
          rows);
      if (rows != total) {
        throw new IllegalStateException(rows + " rows for " + total + " clicks");
      }
    }
  }

  /** A link index with Zipf-like popularity: the first links get most clicks. */
  private static int zipf(Random random, int n) {
    return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, random.nextDouble()) - 1));
  }
}
