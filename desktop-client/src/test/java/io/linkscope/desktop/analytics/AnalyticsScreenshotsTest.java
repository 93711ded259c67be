package io.linkscope.desktop.analytics;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.app.DesktopApp;
import io.linkscope.desktop.app.MainView;
import io.linkscope.desktop.app.MainViewModel;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.Theme;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The analytics screen's hard cases in the real window, offline (the local copy alone): the link
 * picker over 312 links, a drill-down filter the copy can only partly answer, links compared, and
 * the smallest window with a custom range. Saved to docs/screenshots/analytics-*.png.
 */
@ExtendWith(ApplicationExtension.class)
class AnalyticsScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final String DESKTOP =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(Theme.userAgentStylesheet());
  }

  private MainView window() {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    Connection connection =
        new Connection("acme", Sessions.UNREACHABLE, "lsk_offline", "Acme Coffee Roasters");
    connections.save(List.of(connection));
    SampleWorkspace.copyTo(connections.storeFile(connection));
    try (LocalStore store = LocalStore.open(connections.storeFile(connection))) {
      ManyLinks.addTo(store, 300);
    }
    return window(connections, Clock.fixed(SampleWorkspace.NOW, ZoneOffset.UTC));
  }

  private MainView window(ConnectionStore connections, Clock clock) {
    MainViewModel model = new MainViewModel(connections, new FxBackground(), clock);
    MainView view = new MainView(model, ZONE, url -> {});
    onFx(
        () -> {
          stage.setScene(DesktopApp.scene(view));
          stage.show();
          model.start();
        });
    return view;
  }

  @Test
  void drawsAFilterAppliedOnlineToEveryChart(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      LinkView link =
          collector
              .client()
              .createLink(
                  LinkInput.to("https://shop.example.com/winter")
                      .withSlug("winter-sale")
                      .withTitle("Winter sale – Instagram story"));
      Visits.visit(collector, "winter-sale", TestGeoDatabase.BERLIN_IP, 3);
      Visits.visit(collector, "winter-sale", TestGeoDatabase.LONDON_IP, 2);
      for (int i = 0; i < 2; i++) {
        try (Response response =
            collector.send(
                collector
                    .request("/winter-sale")
                    .header("X-Forwarded-For", TestGeoDatabase.TOKYO_IP)
                    .header("User-Agent", DESKTOP)
                    .build())) {
          assertThat(response.code()).isEqualTo(302);
        }
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      // The collector holds back link changes younger than a second from the sync.
      Thread.sleep(1_100);
      ConnectionStore connections = new ConnectionStore(home.resolve("app"));
      connections.save(
          List.of(
              new Connection("acme", collector.baseUrl(), collector.adminKey(), "Acme Coffee")));
      MainView view = window(connections, Clock.systemUTC());
      Scene scene = stage.getScene();
      await(
          "the first sync finished",
          () -> view.session() != null && !view.session().syncingProperty().get());
      onFx(() -> view.showAnalytics(link));
      await(
          "the link's seven clicks are shown",
          () -> Screens.text(scene, "#analytics-total").startsWith("7 clicks"));

      Node mobile =
          onFx(
              () ->
                  scene.lookup("#breakdown-device").lookupAll(".chart-pie").stream()
                      .findFirst()
                      .orElseThrow());
      LinkAnalyticsViewTest.reveal(scene, mobile);
      robot.clickOn(mobile);
      await(
          "the collector's filtered numbers are shown",
          () -> Screens.text(scene, "#analytics-filter-note").contains("counted by"));
      assertThat(Screens.text(scene, "#analytics-total")).startsWith("5 clicks");
      assertThat(onFx(() -> scene.lookup("#breakdown-country-unavailable"))).isNull();
      scrollTo(scene, 0);
      Screens.save(scene, OUT.resolve("analytics-filter-online.png"));
      scrollTo(scene, 1);
      Screens.save(scene, OUT.resolve("analytics-filter-online-breakdowns.png"));
    }
  }

  @Test
  void drawsTheHardCasesOfTheAnalyticsScreen(FxRobot robot) throws Exception {
    MainView view = window();
    Scene scene = stage.getScene();
    await("the offline banner shows", () -> scene.lookup("#offline-banner").isVisible());
    LinkView springSale = SampleWorkspace.links().getFirst();
    onFx(() -> view.showAnalytics(springSale));
    await(
        "the analytics total is shown",
        () -> Screens.text(scene, "#analytics-total").contains("clicks"));

    // The link picker over many links, narrowed by typing.
    robot.clickOn("#analytics-link");
    robot.write("coffee");
    await("the picker is narrowed", () -> listSize(scene) > 0 && listSize(scene) < 312);
    saveWithPopups(scene, OUT.resolve("analytics-picker-many-links.png"));
    robot.type(KeyCode.ESCAPE);

    // The zone picker: every zone, with its offset.
    robot.clickOn("#analytics-zone");
    robot.write("america");
    await("the zones are narrowed", () -> popupList(scene) != null);
    saveWithPopups(scene, OUT.resolve("analytics-zone-picker.png"));
    robot.type(KeyCode.ESCAPE);

    // A filter set by clicking the "Mobile" slice: offline, what the copy cannot split is named.
    Node mobile =
        onFx(
            () ->
                scene.lookup("#breakdown-device").lookupAll(".chart-pie").stream()
                    .findFirst()
                    .orElseThrow());
    LinkAnalyticsViewTest.reveal(scene, mobile);
    robot.clickOn(mobile);
    await("the filter chip shows", () -> scene.lookup("#analytics-filter-bar").isVisible());
    await(
        "the filtered numbers are shown",
        () -> !Screens.text(scene, "#analytics-filter-note").isEmpty());
    assertThat(Screens.text(scene, "#analytics-filter-label")).isEqualTo("Only Device: Mobile");
    scrollTo(scene, 0);
    Screens.save(scene, OUT.resolve("analytics-filter-active.png"));
    scrollTo(scene, 1);
    assertThat(onFx(() -> scene.lookup("#breakdown-country-unavailable").isVisible())).isTrue();
    Screens.save(scene, OUT.resolve("analytics-filter-active-breakdowns.png"));
    scrollTo(scene, 0);
    robot.clickOn("#analytics-filter-clear");
    await("the filter is cleared", () -> !scene.lookup("#analytics-filter-bar").isVisible());

    // Links compared: a tag's links, then two more picked by name.
    scrollTo(scene, 0);
    robot.clickOn("#analytics-mode-compare");
    onFx(
        () -> {
          @SuppressWarnings("unchecked")
          ComboBox<String> tag = (ComboBox<String>) scene.lookup("#compare-tag");
          tag.setValue("stores");
        });
    robot.clickOn("#compare-add");
    robot.write("podcast morning");
    robot.type(KeyCode.ENTER);
    robot.clickOn("#compare-add");
    robot.write("spring sale");
    robot.type(KeyCode.ENTER);
    await("four links are compared", () -> tableRows(scene) == 4);
    Screens.save(scene, OUT.resolve("analytics-compare.png"));
    robot.clickOn("#analytics-mode-link");

    // A custom range in the smallest window: the day fields are whole.
    String lastThirtyDays = Screens.text(scene, "#analytics-total");
    onFx(
        () -> {
          @SuppressWarnings("unchecked")
          ComboBox<RangePreset> range = (ComboBox<RangePreset>) scene.lookup("#analytics-range");
          range.setValue(RangePreset.CUSTOM);
        });
    // The last 14 days instead of 30: fewer clicks.
    await(
        "the custom range is drawn",
        () -> !Screens.text(scene, "#analytics-total").equals(lastThirtyDays));
    Screens.save(scene, OUT.resolve("analytics-custom-range-1280x800.png"));
    onFx(
        () -> {
          stage.setWidth(1024);
          stage.setHeight(640);
        });
    await("the window is small", () -> scene.getWidth() <= 1024);
    Node from = scene.lookup("#analytics-from");
    assertThat(onFx(() -> from.getLayoutBounds().getWidth())).isGreaterThanOrEqualTo(150);
    Screens.save(scene, OUT.resolve("analytics-minimum-window-1024x640.png"));
  }

  private static int listSize(Scene scene) {
    ListView<?> list = popupList(scene);
    return list == null ? -1 : list.getItems().size();
  }

  private static int tableRows(Scene scene) {
    return scene.lookup("#compare-table") instanceof TableView<?> table
        ? table.getItems().size()
        : 0;
  }

  private static ListView<?> popupList(Scene scene) {
    for (Window window : Window.getWindows()) {
      if (window instanceof PopupWindow popup && popup.isShowing()) {
        Node list = popup.getScene().getRoot().lookup(".list-view");
        if (list instanceof ListView<?> view) {
          return view;
        }
      }
    }
    return null;
  }

  private static void scrollTo(Scene scene, double where) {
    onFx(
        () -> {
          Node total = scene.lookup("#analytics-total");
          for (Parent p = total.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane scroll) {
              scroll.setVvalue(where);
              break;
            }
          }
          scene.getRoot().layout();
        });
  }

  /** Saves the window with the popups over it (a popup is a window of its own). */
  private static void saveWithPopups(Scene scene, Path file) throws Exception {
    BufferedImage out =
        onFx(
            () -> {
              scene.getRoot().applyCss();
              scene.getRoot().layout();
              BufferedImage image = image(scene.snapshot(null));
              Graphics2D g = image.createGraphics();
              Window owner = scene.getWindow();
              for (Window window : Window.getWindows()) {
                if (window instanceof PopupWindow popup && popup.isShowing()) {
                  BufferedImage over = image(popup.getScene().snapshot(null));
                  int x = (int) Math.round(popup.getX() - owner.getX() - scene.getX());
                  int y = (int) Math.round(popup.getY() - owner.getY() - scene.getY());
                  g.drawImage(over, x, y, null);
                }
              }
              g.dispose();
              return image;
            });
    Files.createDirectories(file.getParent());
    ImageIO.write(out, "png", file.toFile());
  }

  private static BufferedImage image(WritableImage image) {
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    PixelReader pixels = image.getPixelReader();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    return out;
  }
}
