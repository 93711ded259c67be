package io.linkscope.desktop.bench;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.app.DesktopApp;
import io.linkscope.desktop.app.MainView;
import io.linkscope.desktop.app.MainViewModel;
import io.linkscope.desktop.app.SyntheticStore;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.ui.FxBackground;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
  private static final Instant NOW = SyntheticStore.NOW;

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

  private static void generate(Path directory, int links, int days) {
    long started = System.nanoTime();
    SyntheticStore.Written written = SyntheticStore.write(directory, links, days);
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    System.out.printf(
        "generated: %,d links, %,d clicks in %,d rollup cells; store writes took %d s (%,d cells/s); store size %,d MB%n",
        written.links(),
        written.clicks(),
        written.cells(),
        seconds,
        written.cells() / seconds,
        written.bytes() / 1_000_000);
  }

  private static void open(Path directory) throws Exception {
    long mainEntered = sinceJvmStart();
    DesktopApp.warmUp();
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    long fxStarted = sinceJvmStart();
    Stage[] stage = new Stage[1];
    MainView[] view = new MainView[1];
    long[] windowShown = new long[1];
    Platform.runLater(
        () -> {
          MainViewModel model =
              new MainViewModel(
                  new ConnectionStore(directory),
                  new FxBackground(),
                  Clock.fixed(NOW, ZoneOffset.UTC));
          view[0] = new MainView(model, ZoneOffset.UTC, url -> {});
          // As the app does: the store opens in the background while the window is built.
          model.start();
          Stage window = new Stage();
          DesktopApp.show(window, view[0]);
          stage[0] = window;
          windowShown[0] = sinceJvmStart();
        });
    Scene scene = waitFor(() -> stage[0] == null ? null : stage[0].getScene());
    waitFor(
        () ->
            scene.lookup("#dashboard-top-links") instanceof TableView<?> t
                    && !t.getItems().isEmpty()
                ? t
                : null);
    long dataIn = sinceJvmStart();
    awaitDrawn(scene);
    long coldStart = sinceJvmStart();
    long cpu = cpuMillis();
    System.out.printf(
        "cold start to drawn dashboard: %d ms wall (from JVM start), %d ms CPU of the process; load average %s%n",
        coldStart, cpu, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    System.out.printf(
        "  main() entered %d ms, FX toolkit up %d ms, window shown %d ms, dashboard data in %d ms, drawn %d ms%n",
        mainEntered, fxStarted, windowShown[0], dataIn, coldStart);

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
    long switchCpu = 0;
    for (int i = 0; i < times.length; i++) {
      LinkView next = links.get(1 + random.nextInt(links.size() - 1));
      Label total = (Label) scene.lookup("#analytics-total");
      CountDownLatch shown = new CountDownLatch(1);
      String before = io.linkscope.desktop.testsupport.Screens.onFx(total::getText);
      long begin = System.nanoTime();
      long cpuBegin = cpuMillis();
      Platform.runLater(
          () -> {
            total
                .textProperty()
                .addListener(
                    new javafx.beans.InvalidationListener() {
                      @Override
                      public void invalidated(javafx.beans.Observable text) {
                        total.textProperty().removeListener(this);
                        // The rest of the snapshot is shown in the same FX event.
                        Platform.runLater(shown::countDown);
                      }
                    });
            view[0].showAnalytics(next);
          });
      if (!shown.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "analytics of " + next.slug() + " never showed; was " + before);
      }
      awaitDrawn(scene);
      times[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
      switchCpu += cpuMillis() - cpuBegin;
      computeTimes[i] = computeMillis(view[0], next);
    }
    Arrays.sort(times);
    System.out.printf(
        "link analytics switch to a drawn frame (%d links): median %d ms, p90 %d ms, max %d ms; %d ms CPU of the process per switch%n",
        times.length,
        times[times.length / 2],
        times[(int) (times.length * 0.9)],
        times[times.length - 1],
        switchCpu / times.length);
    Arrays.sort(computeTimes);
    System.out.printf(
        "  of which reading the store (all charts of the link, off the FX thread): median %d ms, max %d ms%n",
        computeTimes[computeTimes.length / 2], computeTimes[computeTimes.length - 1]);
    Platform.exit();
    System.exit(0);
  }

  private static long computeMillis(MainView view, LinkView link) {
    var model =
        new io.linkscope.desktop.analytics.LinkAnalyticsViewModel(
            view.session(), ZoneOffset.UTC, notice -> {});
    var range =
        io.linkscope.desktop.analytics.RangePreset.LAST_30_DAYS.range(
            view.session().clock(),
            ZoneOffset.UTC,
            io.linkscope.desktop.ui.Granularity.DAY,
            null,
            null);
    long begin = System.nanoTime();
    model.compute(link, range);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
  }

  private static long cpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  private static long sinceJvmStart() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  /**
   * Waits until the frame that shows what is in the scene now has been rendered: each pulse waits
   * for the previous frame to be drawn before it renders, so the third pulse from now lays out only
   * after the first one's frame is on screen.
   */
  private static void awaitDrawn(Scene scene) throws InterruptedException {
    CountDownLatch pulses = new CountDownLatch(3);
    Runnable[] listener = new Runnable[1];
    listener[0] =
        () -> {
          pulses.countDown();
          if (pulses.getCount() == 0) {
            scene.removePostLayoutPulseListener(listener[0]);
          } else {
            Platform.requestNextPulse();
          }
        };
    Platform.runLater(
        () -> {
          scene.addPostLayoutPulseListener(listener[0]);
          Platform.requestNextPulse();
        });
    if (!pulses.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no frame was drawn");
    }
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
