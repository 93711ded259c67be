package io.linkscope.desktop.ui;

import java.time.DayOfWeek;
import java.time.LocalTime;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * An hour × weekday grid of counts, darker for more clicks, with a legend of the colour scale and
 * the exact count of every cell on hover.
 */
public final class HeatmapGrid extends GridPane {
  private static final CornerRadii ROUNDED = new CornerRadii(2);
  private final Region[][] cells = new Region[7][24];
  private final Tooltip[][] tooltips = new Tooltip[7][24];
  private final Label legendMax = new Label("0");
  private final Label unit = new Label();
  private final HBox legend;
  private long[][] values = new long[7][24];
  private final Region scale = new Region();
  private Theme.Palette palette = Theme.currentProperty().get().palette();

  /** Repaints in the colours of a theme the user switched to; weakly held by the theme. */
  private final ChangeListener<Theme> themeChanged =
      (o, before, after) -> {
        palette = after.palette();
        paintScale();
        setValues(values);
      };

  public HeatmapGrid() {
    getStyleClass().add("heatmap");
    setHgap(2);
    setVgap(2);
    for (int hour = 0; hour < 24; hour += 3) {
      // The hours as the tooltips write them: "00 03 06" or "12 AM 3 AM 6 AM".
      Label label = new Label(Formats.hourFormat().format(LocalTime.of(hour, 0)));
      label.getStyleClass().add("axis-label");
      add(label, hour + 1, 0, 3, 1);
    }
    for (int day = 0; day < 7; day++) {
      Label label = new Label(Formats.weekday(DayOfWeek.of(day + 1)));
      label.getStyleClass().add("axis-label");
      label.setMinWidth(32);
      add(label, 0, day + 1);
      for (int hour = 0; hour < 24; hour++) {
        Region cell = new Region();
        cell.setId("heatmap-" + day + "-" + hour);
        cell.setMinSize(8, 12);
        cell.setPrefSize(18, 18);
        cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        GridPane.setHgrow(cell, Priority.ALWAYS);
        GridPane.setVgrow(cell, Priority.ALWAYS);
        GridPane.setHalignment(cell, HPos.CENTER);
        Tooltip tooltip = new Tooltip();
        tooltip.setShowDelay(Charts.TOOLTIP_DELAY);
        Tooltip.install(cell, tooltip);
        tooltips[day][hour] = tooltip;
        cells[day][hour] = cell;
        add(cell, hour + 1, day + 1);
      }
    }
    scale.setPrefSize(120, 10);
    scale.setMinSize(60, 10);
    scale.setMaxHeight(10);
    paintScale();
    Label fewer = new Label("0");
    unit.setText("clicks per hour of the week");
    for (Label label : new Label[] {fewer, legendMax, unit}) {
      label.getStyleClass().add("axis-label");
    }
    legend = new HBox(6, fewer, scale, legendMax, unit);
    legend.setId("heatmap-legend");
    legend.getStyleClass().add("heatmap-legend");
    legend.setAlignment(Pos.CENTER_LEFT);
    legend.setPadding(new Insets(6, 0, 0, 0));
    add(legend, 1, 8, 24, 1);
    setValues(new long[7][24]);
    Theme.currentProperty().addListener(new WeakChangeListener<>(themeChanged));
  }

  private void paintScale() {
    scale.setBackground(
        new Background(
            new BackgroundFill(
                new LinearGradient(
                    0,
                    0,
                    1,
                    0,
                    true,
                    CycleMethod.NO_CYCLE,
                    new Stop(0, palette.heatLow()),
                    new Stop(1, palette.heatHigh())),
                ROUNDED,
                Insets.EMPTY)));
  }

  /** Shows counts by [weekday from Monday][hour of day]. */
  public void setValues(long[][] values) {
    long max = 0;
    for (long[] row : values) {
      for (long value : row) {
        max = Math.max(max, value);
      }
    }
    for (int day = 0; day < 7; day++) {
      for (int hour = 0; hour < 24; hour++) {
        long value = values[day][hour];
        Color color =
            max == 0
                ? palette.heatLow()
                : palette
                    .heatLow()
                    .interpolate(palette.heatHigh(), Math.sqrt(value / (double) max));
        cells[day][hour].setBackground(
            new Background(new BackgroundFill(color, ROUNDED, Insets.EMPTY)));
        tooltips[day][hour].setText(cellText(day, hour, value));
      }
    }
    legendMax.setText(Formats.count(max));
    // Without clicks the scale means nothing: the legend says so instead.
    boolean nothing = max == 0;
    for (int i = 0; i < 3; i++) {
      legend.getChildren().get(i).setVisible(!nothing);
      legend.getChildren().get(i).setManaged(!nothing);
    }
    unit.setText(nothing ? "No clicks in this range" : "clicks per hour of the week");
    this.values = values;
  }

  /** The colour of a cell (weekday from Monday = 0); for tests. */
  public Color colorOf(int day, int hour) {
    return (Color) cells[day][hour].getBackground().getFills().getFirst().getFill();
  }

  /** The legend under the grid: the colour scale from 0 to the largest count. */
  public HBox legend() {
    return legend;
  }

  /** The hover text of a cell (weekday from Monday = 0); for tests. */
  public String hoverText(int day, int hour) {
    return tooltips[day][hour].getText();
  }

  /** The count of a cell. */
  public long value(int day, int hour) {
    return values[day][hour];
  }

  /** "Tue 14:00–15:00 · 1,234 clicks". */
  private static String cellText(int day, int hour, long value) {
    return Formats.weekday(DayOfWeek.of(day + 1))
        + " "
        + Formats.timeFormat().format(LocalTime.of(hour, 0))
        + "–"
        + Formats.timeFormat().format(LocalTime.of((hour + 1) % 24, 0))
        + " · "
        + Formats.count(value, "clicks");
  }
}
