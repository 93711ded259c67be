package io.linkscope.desktop.dashboard;

import io.linkscope.desktop.analytics.RangePreset;
import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.ui.Charts;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.TimeSeriesChart;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/** The dashboard screen; binds {@link DashboardViewModel} to DashboardView.fxml. */
public final class DashboardView {
  private final DashboardViewModel model;
  private final Consumer<Long> openLink;

  @FXML private ComboBox<RangePreset> range;
  @FXML private HBox kpis;
  @FXML private TimeSeriesChart trend;
  @FXML private TableView<DashboardViewModel.TopLink> topLinks;
  @FXML private TableColumn<DashboardViewModel.TopLink, String> topLinkName;
  @FXML private TableColumn<DashboardViewModel.TopLink, Number> topLinkClicks;
  @FXML private BarChart<Number, String> sources;
  @FXML private Label noSources;
  @FXML private StackPane mapHolder;
  @FXML private VBox content;
  @FXML private VBox empty;
  @FXML private ProgressIndicator loading;

  private final WorldMap map = new WorldMap();
  private int shownSourceRows;

  public DashboardView(DashboardViewModel model, Consumer<Long> openLink) {
    this.model = model;
    this.openLink = openLink;
  }

  public Parent load() {
    return io.linkscope.desktop.ui.Fxml.load(this);
  }

  @FXML
  private void initialize() {
    range.getItems().setAll(model.presets());
    range.valueProperty().bindBidirectional(model.presetProperty());
    map.setId("dashboard-map");
    mapHolder.getChildren().add(map);
    topLinkName.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
    // Long titles are cut to the column; the whole title shows on hover.
    topLinkName.setCellFactory(io.linkscope.desktop.ui.Cells.withTooltip(name -> name));
    topLinkClicks.setCellValueFactory(
        cell -> new ReadOnlyObjectWrapper<>(cell.getValue().clicks()));
    topLinkClicks.setCellFactory(io.linkscope.desktop.ui.Cells.counts());
    topLinks.setRowFactory(
        table -> {
          var row = new javafx.scene.control.TableRow<DashboardViewModel.TopLink>();
          row.setOnMouseClicked(
              event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                  openLink.accept(row.getItem().id());
                }
              });
          return row;
        });
    loading.visibleProperty().bind(model.loadingProperty());
    sources
        .heightProperty()
        .addListener(
            (o, before, after) -> {
              if (Charts.barsThatFit(after.doubleValue(), 8) != shownSourceRows) {
                showSources(model.snapshotProperty().get());
              }
            });
    model.snapshotProperty().addListener((o, before, after) -> show(after));
    show(model.snapshotProperty().get());
  }

  /** The top sources, as many as the card's height can name, the rest as "Other". */
  private void showSources(DashboardViewModel.@Nullable Snapshot snapshot) {
    if (snapshot == null) {
      return;
    }
    int rows = Charts.barsThatFit(sources.getHeight(), 8);
    Charts.showBars(
        sources, Charts.bars(snapshot.topSources(), rows, v -> Formats.value("source", v)));
    shownSourceRows = rows;
  }

  private void show(DashboardViewModel.Snapshot snapshot) {
    if (snapshot == null) {
      return;
    }
    empty.setVisible(snapshot.empty());
    content.setVisible(!snapshot.empty());
    kpis.getChildren().clear();
    for (DashboardViewModel.Kpi kpi : snapshot.kpis()) {
      Label title = new Label(kpi.label());
      title.getStyleClass().add("kpi-title");
      Label value = new Label(Formats.count(kpi.value()));
      value.getStyleClass().add("kpi-value");
      Label change = new Label(Formats.change(kpi.changePercent()));
      change
          .getStyleClass()
          .add(
              kpi.changePercent() == null
                  ? "kpi-flat"
                  : kpi.changePercent() >= 0 ? "kpi-up" : "kpi-down");
      VBox card = new VBox(2, title, value, change);
      card.getStyleClass().add("kpi-card");
      HBox.setHgrow(card, javafx.scene.layout.Priority.ALWAYS);
      kpis.getChildren().add(card);
    }
    trend.show(snapshot.trend(), snapshot.previousTrend(), snapshot.range().granularity());
    topLinks.getItems().setAll(snapshot.topLinks());
    boolean anySource = Charts.total(snapshot.topSources()) > 0;
    sources.setVisible(anySource);
    noSources.setVisible(!anySource);
    showSources(snapshot);
    map.setCounts(snapshot.countries());
  }
}
