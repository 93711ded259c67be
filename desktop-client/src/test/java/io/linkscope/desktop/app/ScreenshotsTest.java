package io.linkscope.desktop.app;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.links.LinkEditorView;
import io.linkscope.desktop.links.LinkEditorViewModel;
import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.HeatmapGrid;
import io.linkscope.desktop.ui.Theme;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Draws every screen at 1280×800 with realistic data (and offline, and empty) and saves them to
 * docs/screenshots/ for the README. Each screenshot also asserts what it shows.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");
  private static final ZoneId ZONE = ZoneId.of("Europe/London");

  @TempDir Path home;
  private Stage stage;
  private final Locale formatLocale = Locale.getDefault(Locale.Category.FORMAT);

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  /** The screenshots show British dates ("20 Nov 2026", "15:02") whatever the machine's locale. */
  @BeforeEach
  void britishDates() {
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
  }

  @AfterEach
  void restoreLocaleAndTheme() {
    Locale.setDefault(Locale.Category.FORMAT, formatLocale);
    onFx(Theme.LIGHT::apply);
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
          stage.show();
          model.start();
        });
    return view;
  }

  private static Connection sampleConnection(ConnectionStore connections, String url, String key) {
    Connection connection = new Connection("acme", url, key, "Acme Coffee Roasters");
    connections.save(List.of(connection));
    SampleWorkspace.copyTo(connections.storeFile(connection));
    return connection;
  }

  @Test
  void drawsEveryScreenWithRealisticDataOnlineAndOffline() throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      ConnectionStore connections = new ConnectionStore(home.resolve("app"));
      sampleConnection(connections, collector.baseUrl(), collector.adminKey());
      MainView view = window(connections);
      Scene scene = stage.getScene();
      await("the dashboard shows clicks", () -> Screens.rows(scene, "#dashboard-top-links") > 0);
      await(
          "the first sync finished",
          () -> !Screens.text(scene, "#sync-progress").startsWith("Syncing"));
      await(
          "the dashboard finished loading", () -> !scene.lookup("#dashboard-loading").isVisible());
      Screens.save(scene, OUT.resolve("desktop-dashboard.png"));

      WorldMap map = onFx(() -> (WorldMap) scene.lookup("#dashboard-map"));
      onFx(() -> map.showHoverFor("DE"));
      assertThat(onFx(() -> map.hoverLabel().getText()))
          .startsWith("Germany · ")
          .endsWith(" clicks");
      Screens.save(scene, OUT.resolve("desktop-map-tooltip.png"));

      onFx(view::showLinks);
      await("the links table is filled", () -> Screens.rows(scene, "#links-table") == 12);
      Screens.save(scene, OUT.resolve("desktop-links.png"));

      LinkView springSale = SampleWorkspace.links().getFirst();
      onFx(() -> view.showAnalytics(springSale));
      await(
          "the analytics total is shown",
          () -> Screens.text(scene, "#analytics-total").contains("clicks"));
      Screens.save(scene, OUT.resolve("desktop-analytics.png"));

      Dialog<LinkView> dialog =
          onFx(
              () -> {
                LinkEditorViewModel editor =
                    new LinkEditorViewModel(view.session(), view.notifier(), ZONE, null);
                editor.targetProperty().set("shop.acme-coffee.example/winter");
                editor.slugProperty().set("winter sale!");
                editor.titleProperty().set("Winter sale – Instagram story");
                editor.tagsProperty().set("campaign-winter, #promo");
                editor.maxClicksProperty().set("-5");
                editor.utmProperty("utm_source").set("instagram");
                editor.validate();
                Dialog<LinkView> shown = new LinkEditorView(editor).dialog(stage);
                shown.show();
                return shown;
              });
      await("the dialog is showing", dialog::isShowing);
      assertThat(
              onFx(() -> ((Label) dialog.getDialogPane().lookup("#link-target-error")).getText()))
          .contains("https://");
      Screens.save(dialog.getDialogPane().getScene(), OUT.resolve("desktop-link-dialog.png"));
      onFx(dialog::close);
    }
  }

  @Test
  void drawsTheOfflineBannerAndTheEmptyState() throws Exception {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    // Nothing listens on port 9 of this machine: the collector is "unreachable".
    sampleConnection(connections, "http://127.0.0.1:9", "lsk_offline");
    MainView view = window(connections);
    Scene scene = stage.getScene();
    await("the offline banner shows", () -> scene.lookup("#offline-banner").isVisible());
    await("the dashboard shows clicks", () -> Screens.rows(scene, "#dashboard-top-links") > 0);
    assertThat(onFx(() -> Screens.text(scene, "#connection-status")))
        .isEqualTo("Offline — data as of 15:02");
    assertThat(
            onFx(
                () ->
                    ((javafx.scene.control.ComboBox<?>) scene.lookup("#connection-switcher"))
                        .getTooltip()
                        .getText()))
        .isEqualTo("Acme Coffee Roasters — 127.0.0.1:9");
    Screens.save(scene, OUT.resolve("desktop-offline.png"));

    onFx(() -> view.showAnalytics(SampleWorkspace.links().get(2)));
    await(
        "the analytics total is shown offline",
        () -> Screens.text(scene, "#analytics-total").contains("clicks"));
    Screens.save(scene, OUT.resolve("desktop-offline-analytics.png"));

    onFx(view::showPages);
    await(
        "the bio page shows its taps",
        () ->
            Screens.text(scene, "#page-views").endsWith("page views in the last 30 days")
                && Screens.rows(scene, "#tap-table") == 6);
    Screens.save(scene, OUT.resolve("desktop-offline-pages.png"));

    Connection empty = new Connection("empty", "http://127.0.0.1:9", "lsk_x", "New client (empty)");
    connections.save(List.of(connections.load().getFirst(), empty));
    onFx(() -> view.model().connections().setAll(connections.load()));
    onFx(() -> view.model().selectedProperty().set(view.model().connections().get(1)));
    onFx(view::showDashboard);
    await(
        "the empty state shows",
        () -> scene.lookup("#dashboard-top-links") != null && onEmpty(scene));
    Screens.save(scene, OUT.resolve("desktop-empty.png"));
  }

  @Test
  void drawsTheMapAndTheChartsReadablyInTheDarkThemeAsInTheLight() throws Exception {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    sampleConnection(connections, "http://127.0.0.1:9", "lsk_offline");
    MainView view = window(connections);
    Scene scene = stage.getScene();
    await("the dashboard shows clicks", () -> Screens.rows(scene, "#dashboard-top-links") > 0);
    await("the dashboard finished loading", () -> !scene.lookup("#dashboard-loading").isVisible());
    WorldMap map = onFx(() -> (WorldMap) scene.lookup("#dashboard-map"));
    // Greenland has no clicks in the sample workspace.
    assertThat(onFx(() -> map.hoverText("GL"))).isEqualTo("Greenland · 0 clicks");
    Color lightNoData = onFx(() -> map.fillOf("GL"));
    Screens.save(scene, OUT.resolve("polish-light-dashboard.png"));

    onFx(() -> view.model().darkThemeProperty().set(true));
    assertThat(onFx(() -> Theme.currentProperty().get())).isEqualTo(Theme.DARK);
    assertThat(onFx(() -> map.fillOf("GL")))
        .isEqualTo(Theme.DARK.palette().mapNoData())
        .isNotEqualTo(lightNoData);
    onFx(() -> map.showHoverFor("DE"));
    Screens.save(scene, OUT.resolve("polish-dark-dashboard.png"));

    onFx(() -> view.showAnalytics(SampleWorkspace.links().getFirst()));
    await(
        "the analytics total is shown",
        () -> Screens.text(scene, "#analytics-total").contains("clicks"));
    HeatmapGrid heatmap = onFx(() -> (HeatmapGrid) scene.lookup(".heatmap"));
    assertThat(onFx(() -> colours(heatmap)))
        .as("the busiest hour in the dark theme's brightest blue")
        .contains(Theme.DARK.palette().heatHigh())
        .doesNotContain(Theme.LIGHT.palette().heatHigh(), Theme.LIGHT.palette().heatLow());
    Screens.save(scene, OUT.resolve("polish-dark-analytics.png"));
    ScrollPane scroll =
        onFx(
            () ->
                (ScrollPane)
                    scene.getRoot().lookupAll(".scroll-pane").stream()
                        .filter(
                            node ->
                                node.isVisible()
                                    && ((ScrollPane) node).getContent() != null
                                    && ((ScrollPane) node).getContent().lookup(".heatmap") != null)
                        .findFirst()
                        .orElseThrow());
    onFx(() -> scroll.setVvalue(1));
    Screens.save(scene, OUT.resolve("polish-dark-analytics-breakdowns.png"));

    onFx(() -> view.model().darkThemeProperty().set(false));
    assertThat(onFx(() -> colours(heatmap))).contains(Theme.LIGHT.palette().heatHigh());
    Screens.save(scene, OUT.resolve("polish-light-analytics-breakdowns.png"));
  }

  private static List<Color> colours(HeatmapGrid heatmap) {
    List<Color> colours = new java.util.ArrayList<>();
    for (int day = 0; day < 7; day++) {
      for (int hour = 0; hour < 24; hour++) {
        colours.add(heatmap.colorOf(day, hour));
      }
    }
    return colours;
  }

  private static boolean onEmpty(Scene scene) {
    return scene.getRoot().lookupAll(".empty-title").stream()
        .anyMatch(
            node ->
                node.isVisible()
                    && node.getParent().isVisible()
                    && ((Label) node).getText().startsWith("No links"));
  }
}
