package io.linkscope.desktop.app;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static io.linkscope.desktop.testsupport.Screens.rows;
import static io.linkscope.desktop.testsupport.Screens.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.FxBackground;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The agency's day, end to end: a real collector with a real MariaDB, the real app driven through
 * its controls. Connect, create a link in the dialog, click it, sync, read the numbers and the map;
 * then the collector goes away and a restarted app still shows the same numbers from its store.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopEndToEndTest {
  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  private MainView openApp() {
    MainViewModel model =
        new MainViewModel(
            new ConnectionStore(home.resolve("app")), new FxBackground(), Clock.systemUTC());
    MainView view = new MainView(model, ZoneOffset.UTC, url -> {});
    onFx(
        () -> {
          stage.setScene(DesktopApp.scene(view));
          stage.show();
          stage.toFront();
          model.start();
        });
    return view;
  }

  @Test
  void connectCreateClickSyncReadThenBrowseTheSameNumbersOffline(FxRobot robot) throws Exception {
    TestCollector collector = TestCollector.start(home.resolve("collector"));
    String linkTotal;
    try {
      MainView view = openApp();
      Scene scene = stage.getScene();

      robot.clickOn("#connect-url").write(collector.baseUrl());
      robot.clickOn("#connect-key").write(collector.adminKey());
      robot.clickOn("#connect-button");
      await(
          "the workspace is open and online",
          () -> text(scene, "#connection-status").startsWith("Online · synced"));
      assertThat(onFx(() -> view.model().selectedProperty().get().workspaceName()))
          .isEqualTo("Default workspace");

      robot.clickOn("#nav-links");
      robot.clickOn("#new-link");
      await("the link dialog is open", () -> dialogNode("#link-target") != null);
      robot.clickOn(dialogNode("#link-target")).write("example.com/spring");
      robot.clickOn(dialogNode("#link-slug")).write("spring-e2e");
      robot.clickOn(dialogNode("#link-title")).write("Spring campaign");
      robot.clickOn(dialogNode("#link-save"));
      await(
          "the missing scheme is shown inline",
          () -> dialogText("#link-target-error").contains("https://"));
      robot
          .doubleClickOn(dialogNode("#link-target"))
          .eraseText(40)
          .write("https://example.com/spring");
      onFx(
          () ->
              ((javafx.scene.control.TextField) dialogNode("#link-target"))
                  .setText("https://example.com/spring"));
      robot.clickOn(dialogNode("#link-save"));
      await("the dialog closed", () -> dialogNode("#link-target") == null);
      await("the new link is in the table", () -> tableHasSlug(scene, "spring-e2e"));

      Visits.visit(collector, "spring-e2e", TestGeoDatabase.BERLIN_IP, 3);
      Visits.visit(collector, "spring-e2e", TestGeoDatabase.TOKYO_IP, 2);
      robot.clickOn("#sync-button");
      await("the sync finished", () -> !view.session().syncingProperty().get());

      onFx(() -> selectSlug(scene, "spring-e2e"));
      robot.clickOn("#open-analytics");
      await(
          "the chart counts the clicks",
          () -> text(scene, "#analytics-total").startsWith("5 clicks"));
      linkTotal = text(scene, "#analytics-total");
      WorldMap map = onFx(() -> (WorldMap) scene.lookup("#analytics-map"));
      robot.moveTo(onFx(() -> scene.lookup("#country-DE")));
      await("hovering Germany names it with its count", () -> map.hoverLabel().isVisible());
      assertThat(onFx(() -> map.hoverLabel().getText())).isEqualTo("Germany · 3 clicks");
      assertThat(onFx(() -> map.hoverText("JP"))).isEqualTo("Japan · 2 clicks");
      long chartSum =
          onFx(
              () -> {
                @SuppressWarnings("unchecked")
                var chart =
                    (javafx.scene.chart.LineChart<String, Number>)
                        scene.lookup("#analytics-series");
                return chart.getData().getFirst().getData().stream()
                    .mapToLong(d -> d.getYValue().longValue())
                    .sum();
              });
      assertThat(chartSum).isEqualTo(5);
    } finally {
      collector.close();
    }

    // The app is restarted while the collector is gone.
    onFx(() -> stage.hide());
    MainView offline = openApp();
    Scene scene = stage.getScene();
    await(
        "the app says it is offline",
        () -> text(scene, "#connection-status").startsWith("Offline — data as of "));
    assertThat(onFx(() -> scene.lookup("#offline-banner").isVisible())).isTrue();
    robot.clickOn("#nav-links");
    await("the link is listed from the local store", () -> tableHasSlug(scene, "spring-e2e"));
    onFx(() -> selectSlug(scene, "spring-e2e"));
    robot.clickOn("#open-analytics");
    await(
        "the same numbers are shown offline",
        () -> text(scene, "#analytics-total").equals(linkTotal));
    assertThat(onFx(() -> ((WorldMap) scene.lookup("#analytics-map")).hoverText("DE")))
        .isEqualTo("Germany · 3 clicks");

    robot.clickOn("#nav-links");
    await(
        "new links are disabled offline, saying why",
        () ->
            scene.lookup("#new-link").isDisabled()
                && text(scene, "#links-offline-reason").startsWith("You are offline"));
    assertThat(offline.session().store().links())
        .extracting(LinkView::slug)
        .containsExactly("spring-e2e");
  }

  private static Node dialogNode(String id) {
    return Window.getWindows().stream()
        .filter(window -> window.isShowing() && window.getScene() != null)
        .map(window -> window.getScene().lookup("#link-editor"))
        .filter(java.util.Objects::nonNull)
        .map(pane -> pane.lookup(id))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private static String dialogText(String id) {
    return dialogNode(id) instanceof javafx.scene.control.Labeled labeled ? labeled.getText() : "";
  }

  @SuppressWarnings("unchecked")
  private static boolean tableHasSlug(Scene scene, String slug) {
    return rows(scene, "#links-table") > 0
        && ((TableView<LinkView>) scene.lookup("#links-table"))
            .getItems().stream().anyMatch(link -> link.slug().equals(slug));
  }

  @SuppressWarnings("unchecked")
  private static void selectSlug(Scene scene, String slug) {
    TableView<LinkView> table = (TableView<LinkView>) scene.lookup("#links-table");
    table.getItems().stream()
        .filter(link -> link.slug().equals(slug))
        .findFirst()
        .ifPresent(
            link -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(link)));
  }
}
