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
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jspecify.annotations.Nullable;

/**
 * The analytics screen: one link's charts (with a drill-down filter set by clicking a bar, a pie
 * slice or a country) or several links compared; binds {@link LinkAnalyticsViewModel}.
 */
public final class LinkAnalyticsView {
  private final LinkAnalyticsViewModel model;

  @FXML private ToggleButton oneLink;
  @FXML private ToggleButton compareMode;
  @FXML private StackPane linkHolder;
  @FXML private ComboBox<RangePreset> preset;
  @FXML private DatePicker from;
  @FXML private DatePicker to;
  @FXML private ComboBox<Granularity> granularity;
  @FXML private StackPane zoneHolder;
  @FXML private Button exportCsv;
  @FXML private HBox filterBar;
  @FXML private Label filterLabel;
  @FXML private Label filterNote;
  @FXML private Label total;
  @FXML private Label change;
  @FXML private Label problem;
  @FXML private TimeSeriesChart series;
  @FXML private Label seriesUnavailable;
  @FXML private StackPane mapHolder;
  @FXML private StackPane heatmapHolder;
  @FXML private TilePane breakdowns;
  @FXML private VBox content;
  @FXML private VBox empty;
  @FXML private VBox compareContent;
  @FXML private ComboBox<String> compareTag;
  @FXML private StackPane compareAddHolder;
  @FXML private Label compareTotal;
  @FXML private Button compareRemove;
  @FXML private TableView<CompareViewModel.Row> compareTable;
  @FXML private BarChart<String, Number> compareChart;

  private final WorldMap map = new WorldMap();
  private final HeatmapGrid heatmap = new HeatmapGrid();
  private final Label mapUnavailable = unavailableLabel();
  private final Label heatmapUnavailable = unavailableLabel();
  private final Map<String, BreakdownCard> cards = new LinkedHashMap<>();
  private final SearchPicker<LinkView> linkPicker;
  private final SearchPicker<LinkView> comparePicker;
  private final SearchPicker<ZoneId> zonePicker;

  /** Where "Export CSV…" saves: a file chooser, replaced in tests (no native dialog there). */
  private Function<String, @Nullable Path> saveTarget = this::chooseFile;

  public LinkAnalyticsView(LinkAnalyticsViewModel model) {
    this.model = model;
    linkPicker = linkPicker(model.links(), "Choose a link");
    comparePicker = linkPicker(model.links(), "Add a link…");
    ObservableList<ZoneId> zones = FXCollections.observableArrayList(allZones());
    zonePicker =
        new SearchPicker<>(zones, ZoneId::getId, LinkAnalyticsView::offset, "Time zone", "zones");
  }

  private static SearchPicker<LinkView> linkPicker(ObservableList<LinkView> links, String prompt) {
    return new SearchPicker<>(
        links, LinkAnalyticsView::title, link -> "/" + link.slug(), prompt, "links");
  }

  private static String title(LinkView link) {
    return link.title() == null || link.title().isBlank() ? "/" + link.slug() : link.title();
  }

  /** Every zone Java knows, west to east, then by name. */
  static List<ZoneId> allZones() {
    Instant now = Instant.now();
    return ZoneId.getAvailableZoneIds().stream()
        .map(ZoneId::of)
        .sorted(
            Comparator.comparingInt(
                    (ZoneId zone) -> zone.getRules().getOffset(now).getTotalSeconds())
                .thenComparing(ZoneId::getId))
        .toList();
  }

  /** "UTC+09:00" for a zone now. */
  static String offset(ZoneId zone) {
    String id = zone.getRules().getOffset(Instant.now()).getId();
    return "UTC" + (id.equals("Z") ? "+00:00" : id);
  }

  public Parent load() {
    return Fxml.load(this);
  }

  /** Replaces the file chooser of "Export CSV…" (for tests): suggested name → file, or null. */
  void saveTo(Function<String, @Nullable Path> target) {
    this.saveTarget = target;
  }

  SearchPicker<LinkView> linkPicker() {
    return linkPicker;
  }

  SearchPicker<ZoneId> zonePicker() {
    return zonePicker;
  }

  SearchPicker<LinkView> comparePicker() {
    return comparePicker;
  }

  @FXML
  private void initialize() {
    Button linkButton = linkPicker.node();
    linkButton.setId("analytics-link");
    linkButton.setMaxWidth(Double.MAX_VALUE);
    linkHolder.getChildren().add(linkButton);
    linkPicker.valueProperty().bindBidirectional(model.linkProperty());
    ToggleGroup mode = new ToggleGroup();
    oneLink.setToggleGroup(mode);
    compareMode.setToggleGroup(mode);
    oneLink.setSelected(!model.comparingProperty().get());
    compareMode.setSelected(model.comparingProperty().get());
    mode.selectedToggleProperty()
        .addListener(
            (o, before, after) -> {
              if (after == null) {
                // A segmented switch always has one side chosen.
                before.setSelected(true);
              } else {
                model.comparingProperty().set(after == compareMode);
              }
            });
    // The switch follows the mode when another screen chooses it (e.g. "Compare" from a tag).
    model
        .comparingProperty()
        .addListener((o, was, now) -> (now ? compareMode : oneLink).setSelected(true));
    var comparing = model.comparingProperty();
    linkHolder.visibleProperty().bind(comparing.not());

    preset.getItems().setAll(RangePreset.values());
    preset.valueProperty().bindBidirectional(model.presetProperty());
    from.setConverter(Formats.datePickerConverter(from::getValue, model::rejectDay));
    to.setConverter(Formats.datePickerConverter(to::getValue, model::rejectDay));
    from.setPromptText("from");
    to.setPromptText("to");
    from.valueProperty().bindBidirectional(model.customFromProperty());
    to.valueProperty().bindBidirectional(model.customToProperty());
    var custom = preset.valueProperty().isEqualTo(RangePreset.CUSTOM);
    from.visibleProperty().bind(custom);
    from.managedProperty().bind(custom);
    to.visibleProperty().bind(custom);
    to.managedProperty().bind(custom);
    granularity.getItems().setAll(Granularity.values());
    granularity.valueProperty().bindBidirectional(model.granularityProperty());
    Button zoneButton = zonePicker.node();
    zoneButton.setId("analytics-zone");
    zoneButton.setMaxWidth(Double.MAX_VALUE);
    zoneHolder.getChildren().add(zoneButton);
    zonePicker.valueProperty().bindBidirectional(model.zoneProperty());
    problem.textProperty().bind(model.problemProperty());

    BooleanBinding filtered = model.filterProperty().isNotNull().and(comparing.not());
    filterBar.visibleProperty().bind(filtered);
    filterBar.managedProperty().bind(filtered);
    filterLabel
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  Filter shown = model.filterProperty().get();
                  return shown == null ? "" : "Only " + LinkAnalyticsViewModel.label(shown);
                },
                model.filterProperty()));

    map.setId("analytics-map");
    mapHolder.getChildren().addAll(map, mapUnavailable);
    map.setOnMouseClicked(
        event -> {
          Node target = event.getPickResult().getIntersectedNode();
          if (target != null
              && target.getUserData() instanceof String country
              && countryHasClicks(country)) {
            model.filterBy("country", country);
          }
        });
    heatmapHolder.getChildren().addAll(heatmap, heatmapUnavailable);
    LinkAnalyticsViewModel.DIMENSIONS.forEach(
        (dimension, heading) -> {
          BreakdownCard card = new BreakdownCard(dimension, heading, model);
          cards.put(dimension, card);
          breakdowns.getChildren().add(card.card);
        });
    var noLink = model.linkProperty().isNull();
    BooleanBinding showEmpty = noLink.and(comparing.not());
    BooleanBinding showContent = noLink.not().and(comparing.not());
    empty.visibleProperty().bind(showEmpty);
    empty.managedProperty().bind(showEmpty);
    content.visibleProperty().bind(showContent);
    content.managedProperty().bind(showContent);
    compareContent.visibleProperty().bind(comparing);
    compareContent.managedProperty().bind(comparing);
    exportCsv.disableProperty().bind(model.snapshotProperty().isNull().or(comparing));
    model.snapshotProperty().addListener((o, before, after) -> show(after));
    show(model.snapshotProperty().get());
    initializeCompare();
  }

  private boolean countryHasClicks(String country) {
    LinkAnalyticsViewModel.Snapshot shown = model.snapshotProperty().get();
    return shown != null && shown.countries().getOrDefault(country, 0L) > 0;
  }

  private static Label unavailableLabel() {
    Label label = new Label();
    label.getStyleClass().add("muted");
    label.setWrapText(true);
    label.setMaxWidth(420);
    label.setVisible(false);
    return label;
  }

  private void show(LinkAnalyticsViewModel.@Nullable Snapshot snapshot) {
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
    filterNote.setText(snapshot.note());
    Filter drill = snapshot.filter();
    String notKept =
        drill == null
            ? ""
            : "Not kept per "
                + LinkAnalyticsViewModel.dimensionName(drill.dimension()).toLowerCase(Locale.ROOT)
                + " in the local copy: shown when the collector can be reached.";
    boolean seriesShown = snapshot.shows(LinkAnalyticsViewModel.SERIES);
    series.setVisible(seriesShown);
    seriesUnavailable.setVisible(!seriesShown);
    seriesUnavailable.setText(seriesShown || drill == null ? "" : seriesNotKept(drill, snapshot));
    if (seriesShown) {
      series.show(snapshot.series(), snapshot.previousSeries(), snapshot.range().granularity());
    }
    boolean mapShown = snapshot.shows(LinkAnalyticsViewModel.MAP);
    map.setVisible(mapShown);
    mapUnavailable.setVisible(!mapShown);
    mapUnavailable.setText(notKept);
    map.setCounts(mapShown ? snapshot.countries() : Map.of());
    boolean heatmapShown = snapshot.shows(LinkAnalyticsViewModel.HEATMAP);
    heatmap.setVisible(heatmapShown);
    heatmapUnavailable.setVisible(!heatmapShown);
    heatmapUnavailable.setText(
        "The local copy keeps breakdowns per day, not per hour: shown when the collector can be"
            + " reached.");
    heatmap.setValues(snapshot.heatmap());
    cards.forEach(
        (dimension, card) ->
            card.show(
                snapshot.breakdowns().getOrDefault(dimension, List.of()),
                snapshot.shows(dimension) ? null : notKept));
  }

  /** Why the series of a filter is not drawn from the local copy. */
  private static String seriesNotKept(Filter drill, LinkAnalyticsViewModel.Snapshot snapshot) {
    String what = LinkAnalyticsViewModel.label(drill);
    if (snapshot.range().granularity() == Granularity.HOUR) {
      return "The local copy counts "
          + what
          + " per day, not per hour: choose a daily, weekly or monthly series to see its days, or"
          + " connect to the collector.";
    }
    return "The local copy counts "
        + what
        + " per UTC day, and some days of this range in "
        + snapshot.range().zone().getId()
        + " start at another hour: choose the time zone UTC to see its days, or connect to the"
        + " collector.";
  }

  /**
   * One breakdown's card: built once with its chart, refilled on every switch (a new chart per card
   * and switch cost more than the store reads of the whole screen). Clicking a bar or slice filters
   * the screen by its value.
   */
  private static final class BreakdownCard {
    private final String dimension;
    private final LinkAnalyticsViewModel model;
    private final VBox card = new VBox(4);
    private final Label none = new Label("No data in this range");
    private final Label unavailable = unavailableLabel();
    private final @Nullable PieChart pie;
    private final @Nullable BarChart<Number, String> bars;

    BreakdownCard(String dimension, String heading, LinkAnalyticsViewModel model) {
      this.dimension = dimension;
      this.model = model;
      card.getStyleClass().add("card");
      card.setId("breakdown-" + dimension);
      Label title = new Label(heading);
      title.getStyleClass().add("card-title");
      none.getStyleClass().add("muted");
      unavailable.setVisible(true);
      unavailable.setId("breakdown-" + dimension + "-unavailable");
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

    void show(List<Slice> slices, @Nullable String notKept) {
      Node chart = pie != null ? pie : bars;
      // Without slices the card says so; the chart keeps its last data off screen.
      if (notKept == null && pie != null && Charts.total(slices) > 0) {
        List<Charts.Row> rows = Charts.showPie(pie, slices, 6, v -> Formats.value(dimension, v));
        for (int i = 0; i < rows.size() && i < pie.getData().size(); i++) {
          String value = rows.get(i).key();
          if (value != null) {
            PieChart.Data data = pie.getData().get(i);
            clickable(data.getNode(), value);
            data.nodeProperty().addListener((o, before, after) -> clickable(after, value));
          }
        }
      } else if (notKept == null && bars != null && Charts.total(slices) > 0) {
        Charts.showBars(bars, Charts.bars(slices, 6, v -> Formats.value(dimension, v)));
        // Each bar carries its row: the value it stands for, or none for "Other".
        for (XYChart.Series<Number, String> shown : bars.getData()) {
          for (XYChart.Data<Number, String> data : shown.getData()) {
            if (data.getExtraValue() instanceof Charts.Row row && row.key() != null) {
              String value = row.key();
              clickable(data.getNode(), value);
              data.nodeProperty().addListener((o, before, after) -> clickable(after, value));
            }
          }
        }
      }
      unavailable.setText(notKept == null ? "" : notKept);
      Node shown = notKept != null ? unavailable : Charts.total(slices) == 0 ? none : chart;
      if (card.getChildren().get(1) != shown) {
        card.getChildren().set(1, shown);
      }
    }

    private void clickable(@Nullable Node node, String value) {
      if (node == null) {
        return;
      }
      node.setCursor(Cursor.HAND);
      Tooltip.install(
          node,
          new Tooltip(
              "Show only "
                  + LinkAnalyticsViewModel.label(new Filter(dimension, value))
                  + " in every chart"));
      node.setOnMouseClicked(event -> model.filterBy(dimension, value));
    }
  }

  @FXML
  private void clearFilter() {
    model.clearFilter();
  }

  private void initializeCompare() {
    CompareViewModel compare = model.compare();
    compareTag.setItems(compare.tags());
    compareTag.valueProperty().bindBidirectional(compare.tagProperty());
    Button add = comparePicker.node();
    add.setId("compare-add");
    add.setMaxWidth(Double.MAX_VALUE);
    compareAddHolder.getChildren().add(add);
    comparePicker
        .valueProperty()
        .addListener(
            (o, before, after) -> {
              if (after != null) {
                compare.add(after);
                comparePicker.valueProperty().set(null);
              }
            });
    compareTable.setPlaceholder(
        new Label("Choose a tag or add links to compare them side by side over the range above."));
    compareTable
        .getColumns()
        .setAll(
            List.of(
                linkColumn(),
                slugColumn(),
                column("Clicks", 70, row -> Formats.count(row.counts().clicks())),
                column("Uniques", 80, row -> Formats.count(row.counts().uniques())),
                column("Share", 70, row -> String.format(Locale.US, "%.1f %%", row.share() * 100)),
                column("Change", 80, row -> shortChange(row.changePercent())),
                column("Top country", 120, row -> top("country", row.topCountry())),
                column("Top device", 100, row -> top("device", row.topDevice())),
                column("Top source", 110, row -> top("source", row.topSource()))));
    // The link's title takes the room the numbers leave.
    TableColumn<CompareViewModel.Row, ?> linkColumn = compareTable.getColumns().getFirst();
    double others =
        compareTable.getColumns().stream().skip(1).mapToDouble(TableColumn::getPrefWidth).sum();
    linkColumn
        .prefWidthProperty()
        .bind(
            Bindings.max(
                linkColumn.getMinWidth(), compareTable.widthProperty().subtract(others + 18)));
    compareRemove
        .disableProperty()
        .bind(compareTable.getSelectionModel().selectedItemProperty().isNull());
    compare
        .resultProperty()
        .addListener(
            (o, before, after) -> {
              if (after != null) {
                showCompare(after);
              }
            });
  }

  /**
   * The link's title, cut with "…" when the column is narrower than it: its whole title and slug
   * show on hover.
   */
  private static TableColumn<CompareViewModel.Row, CompareViewModel.Row> linkColumn() {
    TableColumn<CompareViewModel.Row, CompareViewModel.Row> column = new TableColumn<>("Link");
    column.setPrefWidth(240);
    column.setMinWidth(90);
    column.setSortable(false);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
    column.setCellFactory(
        ignored ->
            new TableCell<>() {
              private final Tooltip tooltip = hoverText();

              @Override
              protected void updateItem(CompareViewModel.@Nullable Row row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                  setText(null);
                  setTooltip(null);
                } else {
                  setText(title(row.link()));
                  tooltip.setText(fullName(row.link()));
                  setTooltip(tooltip);
                }
              }
            });
    return column;
  }

  /** The slug column: a long slug is cut too, and shows whole on hover. */
  private static TableColumn<CompareViewModel.Row, String> slugColumn() {
    TableColumn<CompareViewModel.Row, String> column =
        column("Slug", 120, row -> "/" + row.link().slug());
    column.setCellFactory(
        ignored ->
            new TableCell<>() {
              private final Tooltip tooltip = hoverText();

              @Override
              protected void updateItem(@Nullable String slug, boolean empty) {
                super.updateItem(slug, empty);
                setText(empty ? null : slug);
                tooltip.setText(slug);
                setTooltip(empty || slug == null ? null : tooltip);
              }
            });
    return column;
  }

  private static Tooltip hoverText() {
    Tooltip tooltip = new Tooltip();
    tooltip.setShowDelay(Charts.TOOLTIP_DELAY);
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(520);
    return tooltip;
  }

  /** "Title" and "/slug" on two lines, or the slug alone for a link without a title. */
  static String fullName(LinkView link) {
    return link.title() == null || link.title().isBlank()
        ? "/" + link.slug()
        : link.title().strip() + "\n/" + link.slug();
  }

  private static String top(String dimension, @Nullable String value) {
    return value == null ? "–" : Formats.value(dimension, value);
  }

  private static String shortChange(@Nullable Double percent) {
    return percent == null
        ? "new"
        : (percent >= 0 ? "+" : "−") + String.format(Locale.US, "%.1f %%", Math.abs(percent));
  }

  private static TableColumn<CompareViewModel.Row, String> column(
      String heading, double width, Function<CompareViewModel.Row, String> text) {
    TableColumn<CompareViewModel.Row, String> column = new TableColumn<>(heading);
    column.setPrefWidth(width);
    column.setMinWidth(Math.min(width, 90));
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    column.setSortable(false);
    return column;
  }

  private void showCompare(CompareViewModel.Result result) {
    compareTable.getItems().setAll(result.rows());
    compareTotal.setText(
        result.rows().size()
            + (result.rows().size() == 1 ? " link · " : " links · ")
            + Formats.count(result.total().clicks())
            + " clicks · "
            + Formats.count(result.total().uniques())
            + " unique visitors · "
            + Formats.change(
                Counts.changePercent(result.total().clicks(), result.previousTotal().clicks())));
    XYChart.Series<String, Number> clicks = new XYChart.Series<>();
    clicks.setName("Clicks");
    XYChart.Series<String, Number> uniques = new XYChart.Series<>();
    uniques.setName("Unique visitors");
    for (CompareViewModel.Row row : result.rows()) {
      String label = "/" + row.link().slug();
      clicks.getData().add(new XYChart.Data<>(label, row.counts().clicks()));
      uniques.getData().add(new XYChart.Data<>(label, row.counts().uniques()));
    }
    compareChart.getData().clear();
    if (compareChart.getXAxis() instanceof CategoryAxis categories) {
      categories.invalidateRange(List.of());
    }
    compareChart.getData().setAll(List.of(clicks, uniques));
  }

  @FXML
  private void removeCompared() {
    CompareViewModel.Row selected = compareTable.getSelectionModel().getSelectedItem();
    if (selected != null) {
      model.compare().remove(selected.link());
    }
  }

  private @Nullable Path chooseFile(String suggested) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export CSV");
    chooser.setInitialFileName(suggested);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    File file = chooser.showSaveDialog(series.getScene().getWindow());
    return file == null ? null : file.toPath();
  }

  @FXML
  private void exportCsv() {
    Path file = saveTarget.apply(model.csvFileName());
    if (file != null) {
      model.exportCsv(file);
    }
  }
}
