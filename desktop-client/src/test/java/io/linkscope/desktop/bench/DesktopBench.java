package io.linkscope.desktop.bench;

import atlantafx.base.theme.PrimerLight;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.RollupRow;
import io.linkscope.desktop.app.DesktopApp;
import io.linkscope.desktop.app.MainView;
import io.linkscope.desktop.app.MainViewModel;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.FxBackground;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Desktop benchmark. {@code generate DIR [links] [days]}: writes a local store as a full initial
 * sync would (1,000 links × a year of hourly cells ≈ 10M clicks, plus country, device and source
 * cells) through the store's real write path. {@code open DIR}: a cold start to a drawn dashboard
 * (from JVM start), then switches of a link's analytics view.
 */
public final class DesktopBench {
  private static final Instant NOW = Instant.parse("2026-11-20T15:30:00Z");
  private static final String[] COUNTRIES = {
    "US", "GB", "DE", "FR", "JP", "BR", "CA", "AU", "IN", "NL", "ES", "IT"
  };
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final String[] SOURCES = {
    "Instagram", "Direct", "Google", "Email", "TikTok", "Facebook"
  };

  private DesktopBench() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    switch (args[0]) {
      case "generate" ->
          generate(
              directory,
              args.length > 2 ? Integer.parseInt(args[2]) : 1000,
              args.length > 3 ? Integer.parseInt(args[3]) : 365);
      case "open" -> open(directory);
      default -> throw new IllegalArgumentException("generate DIR [links] [days] | open DIR");
    }
  }

  private static void generate(Path directory, int links, int days) throws Exception {
    ConnectionStore connections = new ConnectionStore(directory);
    Connection connection =
        new Connection("bench", "http://127.0.0.1:9", "lsk_bench", "Benchmark agency client");
    connections.save(List.of(connection));
    Files.deleteIfExists(connections.storeFile(connection));
    long started = System.nanoTime();
    long clicks = 0;
    long cells = 0;
    try (LocalStore store = LocalStore.open(connections.storeFile(connection))) {
      List<LinkView> views = new ArrayList<>();
      for (int id = 1; id <= links; id++) {
        views.add(
            new LinkView(
                id,
                "link-" + id,
                "",
                "https://go.example.com/link-" + id,
                "https://example.com/landing/" + id,
                "Campaign link " + id,
                null,
                List.of("tag-" + (id % 20)),
                302,
                null,
                null,
                null,
                null,
                true,
                0,
                NOW.minus(Duration.ofDays(400)),
                NOW));
      }
      store.upsertLinks(views, List.of());
      long[] totals = new long[2];
      // The same path as a first sync: cells in change order, aggregates computed at the end.
      store.bulkLoad(() -> load(store, links, days, totals));
      clicks = totals[0];
      cells = totals[1];
      store.putState("synced.at", NOW.toString());
      store.query(c -> c.createStatement().execute("pragma wal_checkpoint(truncate)"));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      System.out.printf(
          "generated: %,d links, %,d clicks in %,d rollup cells; store writes took %d s (%,d cells/s); store size %,d MB%n",
          links,
          clicks,
          cells,
          seconds,
          cells / Math.max(1, seconds),
          store.sizeOnDisk() / 1_000_000);
    }
  }

  /** Writes the cells of {@code links} over {@code days}; totals[0] = clicks, totals[1] = cells. */
  private static void load(LocalStore store, int links, int days, long[] totals) {
    Random random = new Random(7);
    long clicks = 0;
    long cells = 0;
    Instant end = NOW.truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(Duration.ofDays(days));
    List<RollupRow> page = new ArrayList<>(10_000);
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
          page.add(
              new RollupRow(
                  "link",
                  id,
                  hour,
                  "click",
                  "country",
                  COUNTRIES[random.nextInt(COUNTRIES.length)],
                  count,
                  count,
                  0));
          page.add(
              new RollupRow(
                  "link",
                  id,
                  hour,
                  "click",
                  "device",
                  DEVICES[random.nextInt(DEVICES.length)],
                  count,
                  count,
                  0));
          page.add(
              new RollupRow(
                  "link",
                  id,
                  hour,
                  "click",
                  "source",
                  SOURCES[random.nextInt(SOURCES.length)],
                  count,
                  count,
                  0));
        }
        clicks += count;
        if (page.size() >= 10_000) {
          store.upsertRollups(page);
          cells += page.size();
          page.clear();
        }
      }
    }
    store.upsertRollups(page);
    cells += page.size();
    totals[0] = clicks;
    totals[1] = cells;
  }

  private static void open(Path directory) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    Stage[] stage = new Stage[1];
    MainView[] view = new MainView[1];
    Platform.runLater(
        () -> {
          javafx.application.Application.setUserAgentStylesheet(
              new PrimerLight().getUserAgentStylesheet());
          MainViewModel model =
              new MainViewModel(
                  new ConnectionStore(directory),
                  new FxBackground(),
                  Clock.fixed(NOW, ZoneOffset.UTC));
          view[0] = new MainView(model, ZoneOffset.UTC, url -> {});
          stage[0] = new Stage();
          stage[0].setScene(DesktopApp.scene(view[0]));
          stage[0].show();
          model.start();
        });
    Scene scene = waitFor(() -> stage[0] == null ? null : stage[0].getScene());
    waitFor(
        () ->
            scene.lookup("#dashboard-top-links") instanceof TableView<?> t
                    && !t.getItems().isEmpty()
                ? t
                : null);
    // One more pulse: the charts and the map are laid out and drawn.
    CountDownLatch drawn = new CountDownLatch(1);
    Platform.runLater(() -> Platform.runLater(drawn::countDown));
    drawn.await();
    long coldStart =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    long cpu =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1_000_000;
    System.out.printf(
        "cold start to drawn dashboard: %d ms wall (from JVM start), %d ms CPU of the process; load average %s%n",
        coldStart, cpu, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);

    List<LinkView> links = view[0].session().store().links();
    Random random = new Random(11);
    Platform.runLater(() -> view[0].showAnalytics(links.get(0)));
    waitFor(
        () ->
            scene.lookup("#analytics-total") instanceof Label l && !l.getText().isEmpty()
                ? l
                : null);
    long[] times = new long[20];
    long[] computeTimes = new long[20];
    for (int i = 0; i < times.length; i++) {
      LinkView next = links.get(1 + random.nextInt(links.size() - 1));
      Label total = (Label) scene.lookup("#analytics-total");
      CountDownLatch shown = new CountDownLatch(1);
      String before = io.linkscope.desktop.testsupport.Screens.onFx(total::getText);
      long begin = System.nanoTime();
      Platform.runLater(
          () -> {
            total.textProperty().addListener((o, a, b) -> Platform.runLater(shown::countDown));
            view[0].showAnalytics(next);
          });
      if (!shown.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "analytics of " + next.slug() + " never showed; was " + before);
      }
      times[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
      computeTimes[i] = computeMillis(view[0], next);
    }
    Arrays.sort(times);
    System.out.printf(
        "link analytics switch (%d links): median %d ms, p90 %d ms, max %d ms%n",
        times.length,
        times[times.length / 2],
        times[(int) (times.length * 0.9)],
        times[times.length - 1]);
    Arrays.sort(computeTimes);
    System.out.printf(
        "  of which reading the store (all charts of the link, off the FX thread): median %d ms, max %d ms%n",
        computeTimes[computeTimes.length / 2], computeTimes[computeTimes.length - 1]);
    Platform.exit();
    System.exit(0);
  }

  private static long computeMillis(MainView view, LinkView link) {
    var model =
        new io.linkscope.desktop.analytics.LinkAnalyticsViewModel(view.session(), ZoneOffset.UTC);
    var range =
        io.linkscope.desktop.analytics.RangePreset.LAST_30_DAYS.range(
            view.session().clock(),
            ZoneOffset.UTC,
            io.linkscope.desktop.analytics.Granularity.DAY,
            null,
            null);
    long begin = System.nanoTime();
    model.compute(link, range);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
  }

  private static <T> T waitFor(java.util.concurrent.Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      T value = io.linkscope.desktop.testsupport.Screens.onFx(probe);
      if (value != null) {
        return value;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("timed out");
  }
}
