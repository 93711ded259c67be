package io.linkscope.desktop.analytics;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.ui.Charts;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Fxml;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.HeatmapGrid;
import io.linkscope.desktop.ui.Slice;
import io.linkscope.desktop.ui.TimeSeriesChart;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/** One link's analytics screen; binds {@link LinkAnalyticsViewModel} to its FXML. */
public final class LinkAnalyticsView {
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("UTC"),
          ZoneId.of("Europe/London"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/New_York"),
          ZoneId.of("America/Los_Angeles"),
          ZoneId.of("Asia/Tokyo"),
          ZoneId.of("Australia/Sydney"));

  private final LinkAnalyticsViewModel model;
  private final ObservableList<LinkView> links;

  @FXML private ComboBox<LinkView> link;
  @FXML private ComboBox<RangePreset> preset;
  @FXML private DatePicker from;
  @FXML private DatePicker to;
  @FXML private ComboBox<Granularity> granularity;
  @FXML private ComboBox<ZoneId> zone;
  @FXML private Button exportCsv;
  @FXML private Label total;
  @FXML private Label change;
  @FXML private Label problem;
  @FXML private TimeSeriesChart series;
  @FXML private StackPane mapHolder;
  @FXML private StackPane heatmapHolder;
  @FXML private TilePane breakdowns;
  @FXML private VBox content;
  @FXML private VBox empty;

  private final WorldMap map = new WorldMap();
  private final HeatmapGrid heatmap = new HeatmapGrid();
  private final Map<String, BreakdownCard> cards = new java.util.LinkedHashMap<>();

  public LinkAnalyticsView(LinkAnalyticsViewModel model, ObservableList<LinkView> links) {
    this.model = model;
    this.links = links;
  }

  public Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    link.setItems(links);
    link.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(LinkView value) {
            return value == null
                ? ""
                : Charts.shorten(
                        value.title() == null || value.title().isBlank()
                            ? "/" + value.slug()
                            : value.title())
                    + "  ·  /"
                    + value.slug();
          }

          @Override
          public @Nullable LinkView fromString(String text) {
            return null;
          }
        });
    link.valueProperty().bindBidirectional(model.linkProperty());
    preset.getItems().setAll(RangePreset.values());
    preset.valueProperty().bindBidirectional(model.presetProperty());
    from.valueProperty().bindBidirectional(model.customFromProperty());
    to.valueProperty().bindBidirectional(model.customToProperty());
    var custom = preset.valueProperty().isEqualTo(RangePreset.CUSTOM);
    from.visibleProperty().bind(custom);
    from.managedProperty().bind(custom);
    to.visibleProperty().bind(custom);
    to.managedProperty().bind(custom);
    granularity.getItems().setAll(Granularity.values());
    granularity.valueProperty().bindBidirectional(model.granularityProperty());
    zone.getItems().setAll(ZONES);
    if (!ZONES.contains(model.zoneProperty().get())) {
      zone.getItems().addFirst(model.zoneProperty().get());
    }
    zone.valueProperty().bindBidirectional(model.zoneProperty());
    problem.textProperty().bind(model.problemProperty());
    map.setId("analytics-map");
    mapHolder.getChildren().add(map);
    heatmapHolder.getChildren().add(heatmap);
    LinkAnalyticsViewModel.DIMENSIONS.forEach(
        (dimension, heading) -> {
          BreakdownCard card = new BreakdownCard(dimension, heading);
          cards.put(dimension, card);
          breakdowns.getChildren().add(card.card);
        });
    var noLink = model.linkProperty().isNull();
    empty.visibleProperty().bind(noLink);
    content.visibleProperty().bind(noLink.not());
    exportCsv.disableProperty().bind(model.snapshotProperty().isNull());
    model.snapshotProperty().addListener((o, before, after) -> show(after));
    show(model.snapshotProperty().get());
  }

  private void show(LinkAnalyticsViewModel.Snapshot snapshot) {
    if (snapshot == null) {
      return;
    }
    total.setText(
        Formats.count(snapshot.totals().clicks())
            + " clicks · "
            + Formats.count(snapshot.totals().uniques())
            + " unique visitors");
    change.setText(
        Formats.change(
            Counts.changePercent(snapshot.totals().clicks(), snapshot.previousTotals().clicks())));
    series.show(snapshot.series(), snapshot.previousSeries(), snapshot.range().granularity());
    map.setCounts(snapshot.countries());
    heatmap.setValues(snapshot.heatmap());
    cards.forEach(
        (dimension, card) -> card.show(snapshot.breakdowns().getOrDefault(dimension, List.of())));
  }

  /**
   * One breakdown's card: built once with its chart, refilled on every switch (a new chart per card
   * and switch cost more than the store reads of the whole screen).
   */
  private static final class BreakdownCard {
    private final String dimension;
    private final VBox card = new VBox(4);
    private final Label none = new Label("No data in this range");
    private final @Nullable PieChart pie;
    private final @Nullable BarChart<Number, String> bars;

    BreakdownCard(String dimension, String heading) {
      this.dimension = dimension;
      card.getStyleClass().add("card");
      card.setId("breakdown-" + dimension);
      Label title = new Label(heading);
      title.getStyleClass().add("card-title");
      none.getStyleClass().add("muted");
      if (dimension.equals("device")) {
        pie = new PieChart();
        pie.setAnimated(false);
        pie.setLegendVisible(true);
        pie.setLabelsVisible(false);
        pie.setPrefHeight(200);
        bars = null;
      } else {
        pie = null;
        bars = new BarChart<>(new NumberAxis(), new CategoryAxis());
        bars.setAnimated(false);
        bars.getXAxis().setAnimated(false);
        bars.getYAxis().setAnimated(false);
        bars.setLegendVisible(false);
        bars.setPrefHeight(200);
      }
      card.getChildren().addAll(title, none);
    }

    void show(List<Slice> slices) {
      Node chart = pie != null ? pie : bars;
      // Without slices the card says so; the chart keeps its last data off screen.
      if (pie != null && Charts.total(slices) > 0) {
        Charts.showPie(pie, slices, 6, value -> Formats.value(dimension, value));
      } else if (bars != null && Charts.total(slices) > 0) {
        Charts.showBars(bars, Charts.bars(slices, 6, value -> Formats.value(dimension, value)));
      }
      Node shown = Charts.total(slices) == 0 ? none : chart;
      if (card.getChildren().get(1) != shown) {
        card.getChildren().set(1, shown);
      }
    }
  }

  @FXML
  private void exportCsv() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export CSV");
    LinkView shown = model.linkProperty().get();
    chooser.setInitialFileName((shown == null ? "link" : shown.slug()) + "-analytics.csv");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    File file = chooser.showSaveDialog(series.getScene().getWindow());
    if (file != null) {
      try {
        Files.writeString(file.toPath(), model.csv());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
