package io.linkscope.desktop.ui;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.RollupRow;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.analytics.RangePreset;
import io.linkscope.desktop.app.DesktopApp;
import io.linkscope.desktop.app.MainView;
import io.linkscope.desktop.app.MainViewModel;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Screens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.PieChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The charts as a user sees them in the app, saved to docs/screenshots/charts-*.png: the dashboard
 * at 1280×800 and 1024×640 with a long link title, a week of hours, breakdowns with an "Other" row
 * and a pie of three device types, a link without clicks, and a link whose countries are all
 * unknown. Each screenshot also asserts what it shows.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final String LONG_TITLE =
      "Black Friday 2026 – every single-origin coffee, grinder and brewer at 30 % off for"
          + " newsletter subscribers";

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(Theme.userAgentStylesheet());
  }

  private static LinkView link(long id, String slug, String title) {
    Instant created = SampleWorkspace.NOW.minus(Duration.ofDays(10));
    return LinkView.builder()
        .id(id)
        .slug(slug)
        .shortUrl("https://go.acme-coffee.example/" + slug)
        .targetUrl("https://shop.acme-coffee.example/" + slug)
        .title(title)
        .tags(List.of("campaign-black-friday"))
        .createdAt(created)
        .build();
  }

  /** The sample, plus a link without clicks and a busy one whose clicks have no country. */
  private static final LinkView EMPTY =
      link(101, "winter-teaser", "Winter teaser (not yet shared)");

  private static final LinkView NO_GEOIP = link(102, "black-friday", LONG_TITLE);

  private static void addLinks(Path storeFile) {
    try (LocalStore store = LocalStore.open(storeFile)) {
      store.upsertLinks(List.of(EMPTY, NO_GEOIP), List.of());
      List<RollupRow> rows = new ArrayList<>();
      Instant end = SampleWorkspace.NOW.truncatedTo(ChronoUnit.HOURS);
      for (Instant hour = end.minus(Duration.ofDays(20));
          !hour.isAfter(end);
          hour = hour.plusSeconds(3600)) {
        int local = hour.atZone(ZoneOffset.UTC).getHour();
        long clicks = 6 + (local * 7L) % 11;
        long mobile = clicks * 6 / 10;
        long desktop = clicks * 3 / 10;
        rows.add(row(hour, "total", "", clicks));
        rows.add(row(hour, "country", "unknown", clicks));
        rows.add(row(hour, "device", "mobile", mobile));
        rows.add(row(hour, "device", "desktop", desktop));
        rows.add(row(hour, "device", "tablet", clicks - mobile - desktop));
        rows.add(row(hour, "source", "Email", clicks));
        rows.add(row(hour, "os", "iOS", mobile));
        rows.add(row(hour, "os", "Mac OS", clicks - mobile));
      }
      store.upsertRollups(rows);
    }
  }

  private static RollupRow row(Instant hour, String dimension, String value, long clicks) {
    return new RollupRow("link", 102, hour, "click", dimension, value, clicks, clicks, 0);
  }

  private MainView window(ConnectionStore connections) {
    MainViewModel model =
        new MainViewModel(
            connections, new FxBackground(), Clock.fixed(SampleWorkspace.NOW, ZoneOffset.UTC));
    MainView view = new MainView(model, ZONE, url -> {});
    onFx(
        () -> {
          Scene scene = DesktopApp.scene(view);
          stage.setScene(scene);
          stage.setWidth(1280);
          stage.setHeight(800);
          stage.show();
          model.start();
        });
    return view;
  }

  private void resize(Scene scene, double width, double height) {
    onFx(
        () -> {
          stage.setWidth(width);
          stage.setHeight(height);
        });
    await("the window is " + width + " wide", () -> scene.getWidth() == width);
  }

  @SuppressWarnings("unchecked")
  private static <T> ComboBox<T> combo(Scene scene, String id) {
    return (ComboBox<T>) scene.lookup(id);
  }

  private static void scrollTo(Scene scene, String id) {
    onFx(
        () -> {
          Node node = scene.lookup(id);
          Parent parent = node.getParent();
          while (parent != null && !(parent instanceof ScrollPane)) {
            parent = parent.getParent();
          }
          if (parent instanceof ScrollPane scroll) {
            scroll.layout();
            double content = scroll.getContent().getBoundsInLocal().getHeight();
            double viewport = scroll.getViewportBounds().getHeight();
            double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            double top = id.equals("#analytics-total") ? 0 : y;
            scroll.setVvalue(Math.min(1, Math.max(0, top / Math.max(1, content - viewport))));
          }
        });
  }

  @Test
  void drawsTheChartsAsAUserSeesThem(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      ConnectionStore connections = new ConnectionStore(home.resolve("app"));
      Connection connection =
          new Connection("acme", collector.baseUrl(), collector.adminKey(), "Acme Coffee Roasters");
      connections.save(List.of(connection));
      SampleWorkspace.copyTo(connections.storeFile(connection));
      addLinks(connections.storeFile(connection));
      MainView view = window(connections);
      Scene scene = stage.getScene();
      await("the dashboard shows clicks", () -> Screens.rows(scene, "#dashboard-top-links") > 0);
      await(
          "the first sync finished",
          () -> !Screens.text(scene, "#sync-progress").startsWith("Syncing"));
      await(
          "the dashboard finished loading", () -> !scene.lookup("#dashboard-loading").isVisible());
      TimeSeriesChart trend = onFx(() -> (TimeSeriesChart) scene.lookup("#dashboard-trend"));
      assertThat(onFx(() -> trend.getData().getFirst().getData().size())).isEqualTo(30);
      assertThat(onFx(() -> trend.getXAxis().getTickLabelRotation())).isZero();
      WorldMap map = onFx(() -> (WorldMap) scene.lookup("#dashboard-map"));
      assertThat(onFx(map::unknownText)).endsWith("clicks of unknown country");
      Screens.save(scene, OUT.resolve("charts-dashboard-1280x800.png"));
      // The long title is cut to its column and shown whole on hover.
      javafx.scene.control.TableCell<?, ?> longTitle =
          onFx(
              () ->
                  scene.lookup("#dashboard-top-links").lookupAll(".table-cell").stream()
                      .map(node -> (javafx.scene.control.TableCell<?, ?>) node)
                      .filter(cell -> LONG_TITLE.equals(cell.getText()))
                      .findFirst()
                      .orElseThrow());
      assertThat(onFx(() -> longTitle.getTooltip().getText())).isEqualTo(LONG_TITLE);

      resize(scene, 1024, 640);
      Screens.save(scene, OUT.resolve("charts-dashboard-1024x640.png"));
      resize(scene, 1280, 800);

      LinkView springSale = SampleWorkspace.links().getFirst();
      onFx(() -> view.showAnalytics(springSale));
      await(
          "the analytics total is shown",
          () -> Screens.text(scene, "#analytics-total").contains("clicks"));
      onFx(
          () -> {
            combo(scene, "#analytics-range").setValue(RangePreset.LAST_7_DAYS);
            combo(scene, "#analytics-granularity").setValue(Granularity.HOUR);
          });
      TimeSeriesChart series = onFx(() -> (TimeSeriesChart) scene.lookup("#analytics-series"));
      await("a week of hours is drawn", () -> series.getData().getFirst().getData().size() == 168);
      Screens.save(scene, OUT.resolve("charts-hourly-7-days.png"));

      // Hover texts are windows of their own: saved as they pop up over the chart and a cell.
      robot.moveTo(onFx(() -> series.lookup(".chart-plot-background")));
      await("the series hover text shows", () -> series.tooltip().isShowing());
      assertThat(onFx(() -> series.tooltip().getText())).contains("This period: ");
      Screens.save(series.tooltip().getScene(), OUT.resolve("charts-hover-series.png"));
      robot.moveTo(onFx(() -> scene.lookup("#analytics-total")));
      await("the series hover text hides", () -> !series.tooltip().isShowing());
      Node cell = onFx(() -> scene.lookup("#heatmap-5-18"));
      robot.moveTo(cell);
      javafx.scene.control.Tooltip cellTip =
          onFx(
              () ->
                  (javafx.scene.control.Tooltip)
                      cell.getProperties().get("javafx.scene.control.Tooltip"));
      await("the heatmap hover text shows", cellTip::isShowing);
      assertThat(onFx(cellTip::getText)).startsWith("Sat ").endsWith(" clicks");
      Screens.save(cellTip.getScene(), OUT.resolve("charts-hover-heatmap.png"));
      robot.moveTo(onFx(() -> scene.lookup("#analytics-total")));

      scrollTo(scene, "#breakdown-country");
      PieChart devices =
          onFx(
              () ->
                  ((Parent) scene.lookup("#breakdown-device"))
                      .getChildrenUnmodifiable().stream()
                          .filter(PieChart.class::isInstance)
                          .map(PieChart.class::cast)
                          .findFirst()
                          .orElseThrow());
      assertThat(onFx(() -> devices.getData().size())).isEqualTo(3);
      assertThat(onFx(devices::isLegendVisible)).isTrue();
      Screens.save(scene, OUT.resolve("charts-breakdowns-other-and-devices.png"));

      onFx(() -> view.showAnalytics(EMPTY));
      await("the empty link is shown", () -> series.isEmpty());
      scrollTo(scene, "#analytics-total");
      Screens.save(scene, OUT.resolve("charts-empty-link.png"));

      onFx(() -> view.showAnalytics(NO_GEOIP));
      WorldMap analyticsMap = onFx(() -> (WorldMap) scene.lookup("#analytics-map"));
      await("the map explains the unknown countries", analyticsMap::showsNoCountries);
      scrollTo(scene, "#analytics-total");
      Screens.save(scene, OUT.resolve("charts-all-unknown-countries.png"));
    }
  }
}
