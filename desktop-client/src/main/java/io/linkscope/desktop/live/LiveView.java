package io.linkscope.desktop.live;

import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.ui.Fxml;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.TimeSeriesChart;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/** The Live screen; binds {@link LiveViewModel} to LiveView.fxml. */
public final class LiveView {
  private final LiveViewModel model;

  @FXML private Label status;
  @FXML private Label seen;
  @FXML private ToggleButton pause;
  @FXML private ListView<LiveViewModel.Line> events;
  @FXML private TimeSeriesChart perMinute;
  @FXML private StackPane mapHolder;

  private final WorldMap map = new WorldMap();

  public LiveView(LiveViewModel model) {
    this.model = model;
  }

  /** Loads the screen and opens the stream. */
  public Parent load() {
    Parent root = Fxml.load(this);
    model.start();
    return root;
  }

  @FXML
  private void initialize() {
    map.setId("live-map");
    mapHolder.getChildren().add(map);
    status.textProperty().bind(model.statusProperty());
    model
        .stateProperty()
        .addListener(
            (o, was, now) -> {
              status.getStyleClass().removeAll("live-on", "live-off");
              status.getStyleClass().add(now == LiveViewModel.State.LIVE ? "live-on" : "live-off");
            });
    seen.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.visitsSeenProperty().get()
                        + " visits since this screen opened"
                        + (model.heldProperty().get() > 0
                            ? " · " + model.heldProperty().get() + " new while paused"
                            : ""),
                model.visitsSeenProperty(),
                model.heldProperty()));
    pause.selectedProperty().bindBidirectional(model.pausedProperty());
    pause
        .textProperty()
        .bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
    events.setItems(model.lines());
    events.setCellFactory(
        list ->
            new ListCell<>() {
              {
                // A long line wraps within the list's width instead of widening the cell, which
                // made the list scroll sideways.
                setWrapText(true);
                setPrefWidth(0);
              }

              @Override
              protected void updateItem(LiveViewModel.@Nullable Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("live-conversion");
                if (empty || line == null) {
                  setText(null);
                  return;
                }
                setText(line.text());
                if (line.type().equals("conversion")) {
                  getStyleClass().add("live-conversion");
                }
              }
            });
    perMinute.setEmptyText("No clicks yet. They appear here the moment they happen.");
    // Minute buckets with the hour granularity's labels: the time of day, "14:03".
    perMinute.show(model.perMinuteProperty().get(), java.util.List.of(), Granularity.HOUR);
    model
        .perMinuteProperty()
        .addListener((o, was, now) -> perMinute.show(now, java.util.List.of(), Granularity.HOUR));
    map.setUnit("visits");
    map.setCounts(model.countriesProperty().get());
    model.countriesProperty().addListener((o, was, now) -> map.setCounts(now));
    model.setOnVisit(line -> map.pulse(line.country(), line.latitude(), line.longitude()));
    // The chart moves on to the current minute when nothing arrives.
    Timeline minutes = new Timeline(new KeyFrame(Duration.seconds(15), event -> model.tick()));
    minutes.setCycleCount(Timeline.INDEFINITE);
    minutes.play();
  }

  /** The map, for tests and screenshots. */
  public WorldMap map() {
    return map;
  }
}
