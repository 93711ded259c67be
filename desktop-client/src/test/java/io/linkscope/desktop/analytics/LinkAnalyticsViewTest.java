package io.linkscope.desktop.analytics;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Notice;
import io.linkscope.desktop.ui.Slice;
import io.linkscope.desktop.ui.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Shape;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The analytics screen as a user drives it: picker, drill-down filter, CSV export. */
@ExtendWith(ApplicationExtension.class)
class LinkAnalyticsViewTest {
  @TempDir java.nio.file.Path directory;
  private Stage stage;
  private Session session;
  private LinkAnalyticsViewModel model;
  private LinkAnalyticsView view;
  private final List<Notice> notices = new CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(Theme.userAgentStylesheet());
  }

  @AfterEach
  void close() {
    if (session != null) {
      onFx(session::close);
    }
  }

  private Scene show() {
    return onFx(
        () -> {
          session = Sessions.offlineWithSample(directory);
          ManyLinks.addTo(session.store(), 300);
          model = new LinkAnalyticsViewModel(session, ZoneId.of("UTC"), notices::add);
          view = new LinkAnalyticsView(model);
          Scene scene = new Scene(view.load(), 1280, 800);
          scene
              .getStylesheets()
              .add(
                  io.linkscope.desktop.app.DesktopApp.class
                      .getResource("app.css")
                      .toExternalForm());
          stage.setScene(scene);
          stage.show();
          return scene;
        });
  }

  @Test
  void typingNarrowsTheLinkPickerByTitleOrSlugAndEnterChooses(FxRobot robot) {
    Scene scene = show();
    SearchPicker<LinkView> picker = view.linkPicker();
    assertThat(onFx(() -> picker.list().getItems().size())).isEqualTo(312);

    robot.clickOn("#analytics-link");
    await("the picker is open", () -> picker.popup().isShowing());
    robot.write("berlin");
    await("the list is narrowed", () -> picker.list().getItems().size() == 1);
    assertThat(onFx(() -> picker.list().getItems().getFirst().slug())).isEqualTo("store-berlin");
    robot.type(KeyCode.ENTER);

    await("the link is chosen", () -> model.linkProperty().get() != null);
    assertThat(model.linkProperty().get().slug()).isEqualTo("store-berlin");
    assertThat(onFx(() -> picker.popup().isShowing())).isFalse();
    await(
        "its analytics are shown",
        () -> ((Label) scene.lookup("#analytics-total")).getText().contains("clicks"));

    // Several words must all match, in title or slug.
    robot.clickOn("#analytics-link");
    robot.write("harbor podcast 2");
    await(
        "only Harbor Dental's podcast links numbered with a 2 are left",
        () ->
            !picker.list().getItems().isEmpty()
                && picker.list().getItems().stream()
                    .allMatch(
                        link ->
                            link.title().startsWith("Harbor Dental – Podcast")
                                && link.slug().contains("2")));
    robot.type(KeyCode.ESCAPE);
  }

  @Test
  void theZonePickerOffersEveryZoneWithItsOffset(FxRobot robot) {
    show();
    SearchPicker<ZoneId> picker = view.zonePicker();
    assertThat(onFx(() -> picker.list().getItems().size()))
        .isEqualTo(ZoneId.getAvailableZoneIds().size());

    robot.clickOn("#analytics-zone");
    robot.write("kolkata");
    await("one zone is left", () -> picker.list().getItems().size() == 1);
    robot.type(KeyCode.ENTER);

    assertThat(model.zoneProperty().get()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(onFx(() -> picker.node().getText())).isEqualTo("Asia/Kolkata  ·  UTC+05:30");
  }

  @Test
  void clickingACountryOrABarFiltersEveryChartUntilTheChipIsCleared(FxRobot robot) {
    Scene scene = show();
    onFx(() -> model.linkProperty().set(SampleWorkspace.links().getFirst()));
    String unfiltered = onFx(() -> ((Label) scene.lookup("#analytics-total")).getText());
    Node chip = scene.lookup("#analytics-filter-bar");
    assertThat(onFx(chip::isVisible)).isFalse();

    Shape germany =
        onFx(
            () ->
                scene.lookup("#analytics-map").lookupAll("Path").stream()
                    .filter(node -> "DE".equals(node.getUserData()))
                    .map(Shape.class::cast)
                    .max(
                        java.util.Comparator.comparingDouble(
                            path ->
                                path.getBoundsInLocal().getWidth()
                                    * path.getBoundsInLocal().getHeight()))
                    .orElseThrow());
    robot.clickOn(germany);
    await("the country filter is set", () -> model.filterProperty().get() != null);
    assertThat(model.filterProperty().get()).isEqualTo(new Filter("country", "DE"));
    assertThat(onFx(chip::isVisible)).isTrue();
    assertThat(onFx(() -> ((Label) scene.lookup("#analytics-filter-label")).getText()))
        .isEqualTo("Only Country: Germany");
    assertThat(onFx(() -> ((Label) scene.lookup("#analytics-total")).getText()))
        .isNotEqualTo(unfiltered);
    // Offline, the copy cannot split Germany's clicks by browser: the card says so.
    assertThat(onFx(() -> scene.lookup("#breakdown-browser-unavailable").isVisible())).isTrue();

    robot.clickOn("#analytics-filter-clear");
    await("the filter is cleared", () -> model.filterProperty().get() == null);
    assertThat(onFx(chip::isVisible)).isFalse();
    assertThat(onFx(() -> ((Label) scene.lookup("#analytics-total")).getText()))
        .isEqualTo(unfiltered);

    Slice topSource = model.snapshotProperty().get().breakdowns().get("source").getFirst();
    Node bar = onFx(() -> barOf(scene, "source", topSource));
    reveal(scene, bar);
    robot.clickOn(bar);
    await("the source filter is set", () -> model.filterProperty().get() != null);
    assertThat(model.filterProperty().get()).isEqualTo(new Filter("source", topSource.value()));
    assertThat(model.snapshotProperty().get().totals()).isEqualTo(topSource.counts());
    assertThat(onFx(() -> ((Label) scene.lookup("#analytics-total")).getText()))
        .startsWith(io.linkscope.desktop.ui.Formats.count(topSource.counts().clicks()) + " clicks");
    assertThat(onFx(() -> scene.lookup("#breakdown-country-unavailable").isVisible())).isTrue();
  }

  @Test
  void exportSavesACsvNamedByLinkRangeAndZoneAndSaysWhere(FxRobot robot) throws Exception {
    show();
    onFx(
        () -> {
          model.linkProperty().set(SampleWorkspace.links().getFirst());
          model.presetProperty().set(RangePreset.LAST_7_DAYS);
          view.saveTo(directory::resolve);
        });

    robot.clickOn("#analytics-export");

    java.nio.file.Path file = directory.resolve("spring-sale_2026-11-14_2026-11-20_UTC.csv");
    await("the file is written", () -> Files.exists(file));
    String csv = Files.readString(file);
    assertThat(csv)
        .startsWith("link,/spring-sale,Spring sale – Instagram bio\n")
        .contains("time_zone,UTC,+00:00")
        .contains("\nheatmap,Fri 15:00,");
    assertThat(notices).containsExactly(Notice.info("Saved to " + file));
  }

  @Test
  void aDayThatIsNotADateIsExplainedNextToTheFieldsAndTheRangeStays(FxRobot robot) {
    Scene scene = show();
    onFx(
        () -> {
          model.linkProperty().set(SampleWorkspace.links().getFirst());
          model.presetProperty().set(RangePreset.CUSTOM);
        });
    java.time.LocalDate before = model.customFromProperty().get();

    robot.clickOn("#analytics-from .text-field");
    robot.push(KeyCode.CONTROL, KeyCode.A);
    robot.write("2026-13-01");
    robot.type(KeyCode.ENTER);

    await(
        "the problem is shown",
        () -> ((Label) scene.lookup("#analytics-problem")).getText().contains("2026-13-01"));
    assertThat(onFx(() -> ((Label) scene.lookup("#analytics-problem")).getText()))
        .isEqualTo(
            "\u201c2026-13-01\u201d is not a date: write it like "
                + io.linkscope.desktop.ui.Formats.date(java.time.LocalDate.of(2026, 11, 20))
                + ". The range is unchanged.");
    assertThat(model.customFromProperty().get()).isEqualTo(before);
    assertThat(notices).isEmpty();
  }

  @Test
  void theCustomRangeIsTypedInTheFormatLocalesMediumForm(FxRobot robot) {
    Locale before = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
    try {
      Scene scene = show();
      onFx(
          () -> {
            model.linkProperty().set(SampleWorkspace.links().getFirst());
            model.presetProperty().set(RangePreset.CUSTOM);
          });
      assertThat(onFx(() -> ((DatePicker) scene.lookup("#analytics-to")).getEditor().getText()))
          .isEqualTo("20 Nov 2026");

      typeDate(robot, "#analytics-from", "3 Nov 2026");
      typeDate(robot, "#analytics-to", "17 Nov 2026");

      await(
          "both days are read",
          () ->
              LocalDate.of(2026, 11, 3).equals(model.customFromProperty().get())
                  && LocalDate.of(2026, 11, 17).equals(model.customToProperty().get()));
      assertThat(onFx(() -> ((DatePicker) scene.lookup("#analytics-from")).getEditor().getText()))
          .isEqualTo("3 Nov 2026");
      assertThat(onFx(() -> ((Label) scene.lookup("#analytics-problem")).getText())).isEmpty();
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, before);
    }
  }

  @Test
  void aLongTitleInTheCompareTableShowsWholeWithItsSlugOnHover(FxRobot robot) {
    Scene scene = show();
    LinkView sample = SampleWorkspace.links().getFirst();
    String title =
        "Acme Coffee Roasters – Winter espresso blend launch, Instagram story with the barista"
            + " course voucher";
    LinkView longTitle =
        LinkView.builder()
            .id(99_001)
            .slug("winter-espresso-blend-launch-instagram-story")
            .domain(sample.domain())
            .shortUrl(sample.shortUrl() + "-winter")
            .targetUrl(sample.targetUrl())
            .title(title)
            .tags(List.of("campaign-winter"))
            .forwardQuery(false)
            .createdAt(sample.createdAt())
            .updatedAt(sample.updatedAt())
            .build();
    onFx(
        () -> {
          session.store().upsertLinks(List.of(longTitle), List.of());
          model.comparingProperty().set(true);
          model.compare().add(sample);
          model.compare().add(longTitle);
        });
    await("both links are compared", () -> Screens.rows(scene, "#compare-table") == 2);
    await("the long title is in the table", () -> cellShowing(scene, title) != null);
    TableCell<?, ?> cell = onFx(() -> cellShowing(scene, title));
    assertThat(onFx(cell::isTextTruncated)).as("the title is cut in the column").isTrue();
    assertThat(onFx(() -> cell.getTooltip().getText()))
        .isEqualTo(title + "\n/winter-espresso-blend-launch-instagram-story");

    robot.moveTo(cell);
    await("the tooltip shows", () -> cell.getTooltip().isShowing());
    Screens.save(scene, Path.of("..", "docs", "screenshots", "polish-compare-long-title.png"));
    Screens.save(
        cell.getTooltip().getScene(),
        Path.of("..", "docs", "screenshots", "polish-compare-long-title-tooltip.png"));
  }

  /** The compare table's cell showing {@code title}; on the FX thread. */
  private static @org.jspecify.annotations.Nullable TableCell<?, ?> cellShowing(
      Scene scene, String title) {
    return scene.lookup("#compare-table").lookupAll(".table-cell").stream()
        .filter(node -> node instanceof TableCell<?, ?> cell && title.equals(cell.getText()))
        .map(node -> (TableCell<?, ?>) node)
        .findFirst()
        .orElse(null);
  }

  private static void typeDate(FxRobot robot, String picker, String text) {
    robot.clickOn(picker + " .text-field");
    robot.push(KeyCode.CONTROL, KeyCode.A);
    robot.write(text);
    robot.type(KeyCode.ENTER);
  }

  private static Node barOf(Scene scene, String dimension, Slice slice) {
    @SuppressWarnings("unchecked")
    BarChart<Number, String> chart =
        (BarChart<Number, String>) scene.lookup("#breakdown-" + dimension).lookup(".chart");
    String label =
        io.linkscope.desktop.ui.Charts.shorten(
            io.linkscope.desktop.ui.Formats.value(dimension, slice.value()));
    return chart.getData().getFirst().getData().stream()
        .filter(data -> data.getYValue().equals(label))
        .map(XYChart.Data::getNode)
        .findFirst()
        .orElseThrow();
  }

  /** Scrolls the screen so that {@code node} is in view. */
  static void reveal(Scene scene, Node node) {
    onFx(
        () -> {
          Node up = node;
          while (!(up instanceof ScrollPane)) {
            up = up.getParent();
          }
          ScrollPane scroll = (ScrollPane) up;
          Node content = scroll.getContent();
          Bounds bounds = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
          double room =
              content.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
          scroll.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, bounds.getMinY() - 40) / room));
          scene.getRoot().layout();
        });
  }
}
