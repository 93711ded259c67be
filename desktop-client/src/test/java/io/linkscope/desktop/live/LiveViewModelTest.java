package io.linkscope.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Live screen's model, without a screen, on a real collector and its real stream. */
class LiveViewModelTest {
  @TempDir Path directory;
  private TestCollector collector;
  private Session session;
  private LiveViewModel live;
  private final List<Notice> notices = new CopyOnWriteArrayList<>();
  private final List<LiveViewModel.Line> pulses = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    if (live != null) {
      live.close();
    }
    if (session != null) {
      session.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  private LiveViewModel open(String url, String key) {
    session =
        new Session(
            new Connection("test", url, key, "Acme Coffee Roasters"),
            new LinkscopeClient(url, key),
            LocalStore.open(directory.resolve("store.sqlite")),
            Background.inline(),
            Clock.systemUTC());
    live = new LiveViewModel(session, ZoneOffset.UTC, notices::add);
    live.setOnVisit(pulses::add);
    live.start();
    return live;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  private static long chartTotal(LiveViewModel live) {
    return live.perMinuteProperty().get().stream().mapToLong(p -> p.counts().clicks()).sum();
  }

  @Test
  void clicksAppearAsLinesCountPerMinuteAndPulseWhereTheyLand() throws Exception {
    collector = TestCollector.start(directory.resolve("collector"));
    LinkView link =
        collector
            .client()
            .createLink(
                LinkInput.to("https://shop.example.com/spring")
                    .withSlug("spring")
                    .withTitle("Spring sale"));
    open(collector.baseUrl(), collector.adminKey());
    session.store().upsertLinks(List.of(link), List.of());
    await("the stream is live", () -> live.stateProperty().get() == LiveViewModel.State.LIVE);
    assertThat(live.statusProperty().get()).isEqualTo("Live");
    assertThat(live.perMinuteProperty().get()).hasSize(60);

    Visits.visit(collector, "spring", TestGeoDatabase.LONDON_IP, 3);
    await("three lines", () -> live.lines().size() == 3);
    LiveViewModel.Line line = live.lines().getFirst();
    assertThat(line.text())
        .contains("Safari")
        .contains("clicked Spring sale (spring)")
        .contains("London, United Kingdom");
    assertThat(chartTotal(live)).isEqualTo(3);
    assertThat(live.countriesProperty().get()).containsEntry("GB", 3L);
    assertThat(live.visitsSeenProperty().get()).isEqualTo(3);
    assertThat(pulses).hasSize(3).allMatch(p -> p.country().equals("GB") && p.latitude() != null);

    live.pausedProperty().set(true);
    assertThat(live.statusProperty().get()).isEqualTo("Paused");
    Visits.visit(collector, "spring", TestGeoDatabase.TOKYO_IP, 2);
    await("the held events are counted", () -> live.heldProperty().get() == 2);
    assertThat(live.lines()).hasSize(3);
    assertThat(chartTotal(live)).isEqualTo(5);

    live.pausedProperty().set(false);
    assertThat(live.lines()).hasSize(5);
    assertThat(live.lines().getFirst().where()).isEqualTo("Tokyo, Japan");
    assertThat(live.heldProperty().get()).isZero();
    assertThat(notices).isEmpty();

    collector.close();
    collector = null;
    await(
        "the screen says it is offline",
        () -> live.stateProperty().get() == LiveViewModel.State.OFFLINE);
    assertThat(live.statusProperty().get()).startsWith("Offline").contains("Reconnecting");
    await("the user is told", () -> !notices.isEmpty());
    assertThat(notices.getFirst().level()).isEqualTo(Notice.Level.INFO);
    assertThat(live.lines()).hasSize(5);
  }

  @Test
  void anUnreachableCollectorIsShownOffline() throws Exception {
    open(Sessions.UNREACHABLE, "lsk_unused");
    await(
        "the screen says it is offline",
        () -> live.stateProperty().get() == LiveViewModel.State.OFFLINE);
    assertThat(live.statusProperty().get()).contains("Cannot reach the collector");
    assertThat(live.lines()).isEmpty();
  }

  @Test
  void aRevokedKeyStopsTheStreamWithAnError() throws Exception {
    collector = TestCollector.start(directory.resolve("collector"));
    open(collector.baseUrl(), "lsk_not_a_key");
    await("the refusal", () -> live.stateProperty().get() == LiveViewModel.State.REFUSED);
    assertThat(notices).hasSize(1);
    assertThat(notices.getFirst().level()).isEqualTo(Notice.Level.ERROR);
    assertThat(notices.getFirst().title()).isEqualTo("The live view stopped");
  }
}
