package io.linkscope.desktop.ui;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.map.WorldMap;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.Axis;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The charts as drawn: their axes, legends, empty states and hover texts. */
@ExtendWith(ApplicationExtension.class)
class ChartsViewTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private StackPane root;

  @Start
  void start(Stage stage) {
    root = new StackPane();
    stage.setScene(new Scene(root, 900, 420));
    stage.show();
  }

  private <T extends Node> T shown(T node) {
    onFx(
        () -> {
          root.getChildren().setAll(node);
          root.applyCss();
          root.layout();
        });
    return node;
  }

  /** The tick labels an axis draws (its visible texts), in order. */
  private static List<String> tickLabels(Axis<?> axis) {
    return onFx(
        () ->
            axis.getChildrenUnmodifiable().stream()
                .filter(node -> node instanceof Text && node.isVisible())
                .map(node -> ((Text) node).getText())
                .filter(text -> !text.isEmpty())
                .toList());
  }

  private static List<SeriesPoint> week() {
    ZonedDateTime monday = ZonedDateTime.of(2026, 11, 16, 0, 0, 0, 0, BERLIN);
    List<SeriesPoint> points = new ArrayList<>();
    for (int i = 0; i < 168; i++) {
      points.add(new SeriesPoint(monday.plusHours(i), new Counts(i % 7, i % 4)));
    }
    return points;
  }

  @Test
  void aWeekOfHoursIsDrawnOnWholeCountTicksWithHorizontalDayLabels(FxRobot robot) {
    TimeSeriesChart chart = shown(onFx(TimeSeriesChart::new));
    List<SeriesPoint> week = week();
    onFx(() -> chart.show(week, List.of(), Granularity.HOUR));
    await("the axes are laid out", () -> chart.getXAxis().getWidth() > 0);
    onFx(() -> chart.layout());

    assertThat(onFx(() -> chart.getData().getFirst().getData().size())).isEqualTo(168);
    List<String> counts = tickLabels(chart.getYAxis());
    assertThat(counts).isNotEmpty().allMatch(label -> label.matches("\\d[\\d,]*"));
    assertThat(counts).contains("0", "6");
    List<String> times = tickLabels(chart.getXAxis());
    assertThat(times).hasSizeBetween(4, 8).doesNotHaveDuplicates();
    Set<String> weekdays =
        week.stream()
            .map(point -> Formats.weekday(point.start().getDayOfWeek()))
            .collect(Collectors.toSet());
    assertThat(times).allMatch(label -> weekdays.contains(label.split(" ")[0]));
    assertThat(
            onFx(
                () ->
                    chart.getXAxis().getChildrenUnmodifiable().stream()
                        .filter(Text.class::isInstance)
                        .mapToDouble(Node::getRotate)
                        .max()
                        .orElse(-1)))
        .as("every time label is horizontal")
        .isZero();
    assertThat(chart.isEmpty()).isFalse();

    robot.moveTo(chart.lookup(".chart-plot-background"));
    String hover = onFx(() -> chart.tooltip().getText());
    assertThat(hover).contains("This period: ").contains(" click");
    int middle = 84;
    assertThat(chart.hoverText(middle))
        .startsWith(Charts.label(week.get(middle), Granularity.HOUR))
        .endsWith("This period: " + Formats.count(week.get(middle).counts().clicks(), "clicks"));
  }

  @Test
  void aRangeWithoutClicksSaysSoInsteadOfDrawingAnEmptyAxis() {
    TimeSeriesChart chart = shown(onFx(TimeSeriesChart::new));
    List<SeriesPoint> nothing =
        week().stream().map(point -> new SeriesPoint(point.start(), Counts.ZERO)).toList();
    onFx(() -> chart.show(nothing, nothing, Granularity.HOUR));

    assertThat(chart.isEmpty()).isTrue();
    assertThat(onFx(() -> chart.emptyLabel().getText())).isEqualTo("No clicks in this range");
    assertThat(onFx(() -> chart.emptyLabel().getWidth())).isPositive();
    assertThat(onFx(() -> chart.getYAxis().getOpacity() + chart.getXAxis().getOpacity())).isZero();
    assertThat(onFx(() -> chart.getData().isEmpty())).isTrue();
    assertThat(onFx(chart::isLegendVisible)).isFalse();
    assertThat(tickLabels(chart.getYAxis())).noneMatch(label -> label.contains("."));

    onFx(() -> chart.show(week(), nothing, Granularity.HOUR));
    assertThat(chart.isEmpty()).isFalse();
    assertThat(onFx(() -> chart.getYAxis().getOpacity())).isEqualTo(1.0);
  }

  @Test
  void thePieNamesItsSlicesInALegendAndLabelsAndGivesExactCountsOnHover() {
    // As in a breakdown card: 320 wide, 200 high before the legend asks for more.
    PieChart pie =
        onFx(
            () -> {
              PieChart small = new PieChart();
              small.setPrefHeight(200);
              return small;
            });
    javafx.scene.layout.VBox card = new javafx.scene.layout.VBox(pie);
    card.setPrefWidth(320);
    card.setMaxSize(
        javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
    shown(card);
    List<Slice> devices =
        ChartsTest.slices("mobile", 640, "desktop", 300, "tablet", 55, "tv", 5, "bot", 0);
    List<Charts.Row> rows =
        onFx(() -> Charts.showPie(pie, devices, 6, value -> Formats.value("device", value)));
    assertThat(rows)
        .extracting(Charts.Row::key)
        .containsExactly("mobile", "desktop", "tablet", "tv");
    onFx(() -> pie.layout());

    assertThat(onFx(pie::isLegendVisible)).isTrue();
    assertThat(onFx(pie::getLabelsVisible)).isTrue();
    Node legend = onFx(() -> pie.lookup(".chart-legend"));
    assertThat(legend).isNotNull();
    await(
        "the legend is laid out",
        () -> legend.isVisible() && legend.getLayoutBounds().getHeight() > 0);
    List<String> legendItems =
        onFx(
            () ->
                legend.lookupAll(".chart-legend-item").stream()
                    .map(node -> ((Label) node).getText())
                    .toList());
    assertThat(legendItems).containsExactly("Mobile 64 %", "Desktop 30 %", "Tablet 6 %", "TV 1 %");
    await("the slices are labelled", () -> pie.lookupAll(".chart-pie-label").size() == 4);
    assertThat(Charts.tooltipText(pie.getData().getFirst().getNode()))
        .isEqualTo("Mobile · 640 clicks · 64.0 %");
  }

  @Test
  void barsTickInWholeCountsEndWithAnOtherRowAndGiveExactCountsOnHover() {
    BarChart<Number, String> bars =
        shown(onFx(() -> new BarChart<>(new NumberAxis(), new CategoryAxis())));
    List<Slice> sources =
        ChartsTest.slices(
            "Instagram", 9, "Direct", 7, "Google", 5, "Email", 3, "TikTok", 2, "X", 1, "Bing", 1);
    onFx(
        () ->
            Charts.showBars(
                bars, Charts.bars(sources, 5, value -> Formats.value("source", value))));
    onFx(() -> bars.layout());

    List<String> counts = tickLabels(bars.getXAxis());
    assertThat(counts).isNotEmpty().allMatch(label -> label.matches("\\d+"));
    assertThat(((CategoryAxis) bars.getYAxis()).getCategories())
        .containsExactly("Other (3 more)", "Email", "Google", "Direct", "Instagram");
    List<XYChart.Data<Number, String>> data = bars.getData().getFirst().getData();
    assertThat(data.stream().mapToLong(d -> d.getXValue().longValue()).sum()).isEqualTo(28);
    assertThat(Charts.tooltipText(data.getFirst().getNode()))
        .isEqualTo("Other (3 more) · 4 clicks · 14.3 %");
    assertThat(((Charts.Row) data.getFirst().getExtraValue()).key()).isNull();
    assertThat(((Charts.Row) data.getLast().getExtraValue()).key()).isEqualTo("Instagram");
    assertThat(Charts.tooltipText(data.getLast().getNode()))
        .isEqualTo("Instagram · 9 clicks · 32.1 %");
  }

  @Test
  void theHeatmapHasALegendAndTheCountOfEveryCellOnHover(FxRobot robot) {
    HeatmapGrid heatmap = shown(onFx(HeatmapGrid::new));
    long[][] values = new long[7][24];
    values[1][14] = 1234;
    values[5][9] = 3;
    onFx(() -> heatmap.setValues(values));

    assertThat(onFx(() -> heatmap.legend().isVisible() && heatmap.legend().getHeight() > 0))
        .isTrue();
    assertThat(
            onFx(
                () ->
                    heatmap.legend().getChildren().stream()
                        .filter(Label.class::isInstance)
                        .map(node -> ((Label) node).getText())
                        .toList()))
        .containsExactly("0", "1,234", "clicks per hour of the week");
    String tuesday = Formats.weekday(java.time.DayOfWeek.TUESDAY);
    assertThat(heatmap.hoverText(1, 14)).startsWith(tuesday + " ").endsWith(" · 1,234 clicks");
    assertThat(heatmap.hoverText(5, 9)).endsWith(" · 3 clicks");
    assertThat(heatmap.hoverText(0, 0)).endsWith(" · 0 clicks");

    Node cell = onFx(() -> heatmap.lookup("#heatmap-1-14"));
    robot.moveTo(cell);
    Tooltip tooltip =
        onFx(() -> (Tooltip) cell.getProperties().get("javafx.scene.control.Tooltip"));
    await("the cell's tooltip shows", () -> tooltip != null && tooltip.isShowing());
    assertThat(onFx(tooltip::getText)).isEqualTo(heatmap.hoverText(1, 14));
  }

  @Test
  void aMapWhoseClicksAllHaveUnknownCountriesSaysWhyAndHowToFixIt() {
    WorldMap map = shown(onFx(WorldMap::new));
    onFx(() -> map.setCounts(Map.of("unknown", 120L)));

    assertThat(onFx(map::showsNoCountries)).isTrue();
    Label note = onFx(() -> (Label) map.lookup("#map-no-countries"));
    assertThat(onFx(note::getText))
        .contains("no GeoIP database", "geoipupdate", "--geoip-database");
    assertThat(onFx(() -> note.isVisible() && note.getHeight() > 0)).isTrue();

    onFx(() -> map.setCounts(Map.of("unknown", 12L, "DE", 30L)));
    assertThat(onFx(map::showsNoCountries)).isFalse();
    assertThat(onFx(map::unknownText)).isEqualTo("· 12 clicks of unknown country");

    onFx(() -> map.setCounts(Map.of()));
    assertThat(onFx(map::showsNoCountries)).isFalse();
    assertThat(onFx(map::unknownText)).isEmpty();
  }
}
