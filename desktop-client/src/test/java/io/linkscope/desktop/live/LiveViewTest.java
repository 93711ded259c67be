package io.linkscope.desktop.live;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Live screen on a real collector: clicks made during the test appear as lines, count in the
 * chart and pulse on the map; pause holds them; an unreachable collector is shown offline. Saves
 * docs/screenshots/live-*.png (busy, empty, offline).
 */
@ExtendWith(ApplicationExtension.class)
class LiveViewTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");

  @TempDir Path home;
  private Stage stage;
  private TestCollector collector;
  private Session session;
  private LiveViewModel model;
  private final List<Notice> notices = new CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @AfterEach
  void stop() {
    if (model != null) {
      model.close();
    }
    if (session != null) {
      session.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  private Scene show(String url, String key) {
    session =
        new Session(
            new Connection("test", url, key, "Acme Coffee Roasters"),
            new LinkscopeClient(url, key),
            LocalStore.open(home.resolve("store.sqlite")),
            new FxBackground(),
            Clock.systemUTC());
    model = new LiveViewModel(session, ZoneOffset.UTC, notices::add);
    return onFx(
        () -> {
          Scene scene = new Scene(new LiveView(model).load(), 1280, 800);
          stage.setScene(scene);
          stage.show();
          return scene;
        });
  }

  @Test
  void clicksMadeDuringTheTestAppearAndPulseOnTheMap(FxRobot robot) throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    LinkView spring =
        collector
            .client()
            .createLink(
                LinkInput.to("https://shop.example.com/spring")
                    .withSlug("spring")
                    .withTitle("Spring sale"));
    LinkView bio =
        collector
            .client()
            .createLink(
                LinkInput.to("https://shop.example.com/bio").withSlug("bio").withTitle("Bio link"));
    Scene scene = show(collector.baseUrl(), collector.adminKey());
    session.store().upsertLinks(List.of(spring, bio), List.of());
    await("the stream is live", () -> model.stateProperty().get() == LiveViewModel.State.LIVE);
    Screens.save(scene, OUT.resolve("live-empty.png"));
    ListView<?> events = onFx(() -> (ListView<?>) scene.lookup("#live-events"));
    assertThat(onFx(() -> events.getItems().size())).isZero();

    Visits.visit(collector, "spring", TestGeoDatabase.LONDON_IP, 4);
    Visits.visit(collector, "bio", TestGeoDatabase.TOKYO_IP, 3);
    Visits.visit(collector, "spring", TestGeoDatabase.BERLIN_IP, 2);
    await("nine lines", () -> events.getItems().size() == 9);
    assertThat(onFx(() -> ((Label) scene.lookup("#live-status")).getText())).isEqualTo("Live");
    assertThat(onFx(() -> ((Label) scene.lookup("#live-seen")).getText())).startsWith("9 visits");
    assertThat(onFx(() -> ((LiveViewModel.Line) events.getItems().getFirst()).text()))
        .contains("clicked Spring sale (spring)")
        .contains("Berlin, Germany");
    // A line longer than the list wraps: no sideways scrolling.
    String longest =
        onFx(
            () ->
                events.getItems().stream()
                    .map(line -> ((LiveViewModel.Line) line).text())
                    .max(java.util.Comparator.comparingInt(String::length))
                    .orElseThrow());
    assertThat(onFx(() -> new javafx.scene.text.Text(longest).getLayoutBounds().getWidth()))
        .isGreaterThan(onFx(events::getWidth) / 2);
    assertThat(
            onFx(
                () ->
                    events.lookupAll(".scroll-bar").stream()
                        .filter(
                            bar ->
                                bar instanceof javafx.scene.control.ScrollBar scroll
                                    && scroll.getOrientation()
                                        == javafx.geometry.Orientation.HORIZONTAL
                                    && scroll.isVisible())
                        .count()))
        .isZero();
    // The visits per minute are one line without a "Previous period" to compare with.
    var perMinute =
        onFx(() -> (io.linkscope.desktop.ui.TimeSeriesChart) scene.lookup("#live-per-minute"));
    assertThat(onFx(() -> perMinute.getData().stream().map(series -> series.getName()).toList()))
        .doesNotContain("Previous period")
        .hasSize(1);
    assertThat(onFx(perMinute::isLegendVisible)).isFalse();
    // One more visit, not waited for in MariaDB: its pulse lasts a second and a half.
    WorldMap map = onFx(() -> (WorldMap) scene.lookup("#live-map"));
    try (Response response =
        collector.send(
            collector
                .request("/bio")
                .header("X-Forwarded-For", TestGeoDatabase.BERLIN_IP)
                .header("User-Agent", Visits.IPHONE)
                .build())) {
      assertThat(response.code()).isEqualTo(302);
    }
    await("a pulse on the map", () -> map.pulsesShown() > 0);
    Screens.save(scene, OUT.resolve("live-busy.png"));

    robot.clickOn("#live-pause");
    assertThat(onFx(() -> ((ToggleButton) scene.lookup("#live-pause")).getText()))
        .isEqualTo("Resume");
    Visits.visit(collector, "spring", TestGeoDatabase.LONDON_IP, 1);
    await(
        "the held visit is counted",
        () -> ((Label) scene.lookup("#live-seen")).getText().contains("1 new while paused"));
    assertThat(onFx(() -> events.getItems().size())).isEqualTo(10);
    robot.clickOn("#live-pause");
    await("the held visit is shown", () -> events.getItems().size() == 11);
    assertThat(notices).isEmpty();
  }

  @Test
  void anUnreachableCollectorIsShownOffline() {
    Scene scene = show(Sessions.UNREACHABLE, "lsk_unused");
    await("offline", () -> model.stateProperty().get() == LiveViewModel.State.OFFLINE);
    assertThat(onFx(() -> ((Label) scene.lookup("#live-status")).getText()))
        .startsWith("Offline")
        .contains("Reconnecting");
    Screens.save(scene, OUT.resolve("live-offline.png"));
  }
}
