package io.linkscope.desktop.ui;

import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/** An hour × weekday grid of counts, darker for more clicks. */
public final class HeatmapGrid extends GridPane {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final CornerRadii ROUNDED = new CornerRadii(2);
  private final Region[][] cells = new Region[7][24];
  private long[][] values = new long[7][24];

  public HeatmapGrid() {
    getStyleClass().add("heatmap");
    // One tooltip for all cells, written when it shows: cheaper than 168 to replace on each update.
    Tooltip tooltip = new Tooltip();
    tooltip.setOnShowing(event -> tooltip.setText(tooltipText(tooltip.getOwnerNode())));
    setHgap(2);
    setVgap(2);
    for (int hour = 0; hour < 24; hour += 3) {
      Label label = new Label(String.format("%02d", hour));
      label.getStyleClass().add("axis-label");
      add(label, hour + 1, 0, 3, 1);
    }
    for (int day = 0; day < 7; day++) {
      Label label = new Label(DAYS[day]);
      label.getStyleClass().add("axis-label");
      label.setMinWidth(32);
      add(label, 0, day + 1);
      for (int hour = 0; hour < 24; hour++) {
        Region cell = new Region();
        cell.setMinSize(8, 12);
        cell.setPrefSize(18, 18);
        cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        GridPane.setHgrow(cell, Priority.ALWAYS);
        GridPane.setVgrow(cell, Priority.ALWAYS);
        GridPane.setHalignment(cell, HPos.CENTER);
        Tooltip.install(cell, tooltip);
        cells[day][hour] = cell;
        add(cell, hour + 1, day + 1);
      }
    }
    setValues(new long[7][24]);
  }

  /** Shows counts by [weekday from Monday][hour of day]. */
  public void setValues(long[][] values) {
    long max = 0;
    for (long[] row : values) {
      for (long value : row) {
        max = Math.max(max, value);
      }
    }
    Color low = Color.web("#eef2f7");
    Color high = Color.web("#1d4ed8");
    for (int day = 0; day < 7; day++) {
      for (int hour = 0; hour < 24; hour++) {
        long value = values[day][hour];
        Color color = max == 0 ? low : low.interpolate(high, Math.sqrt(value / (double) max));
        cells[day][hour].setBackground(
            new Background(new BackgroundFill(color, ROUNDED, Insets.EMPTY)));
      }
    }
    this.values = values;
  }

  /** "Tue 14:00 · 1,234 clicks" for a cell. */
  private String tooltipText(Node cell) {
    int day = GridPane.getRowIndex(cell) - 1;
    int hour = GridPane.getColumnIndex(cell) - 1;
    return DAYS[day]
        + " "
        + String.format("%02d:00", hour)
        + " · "
        + Formats.count(values[day][hour])
        + " clicks";
  }
}
