package io.linkscope.desktop.ui;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** Turns computed numbers into chart series; shared by the dashboard and link analytics. */
public final class Charts {
  private Charts() {}

  /** The x label of a bucket: "14:00", "3 Mar", "w/c 3 Mar", "Mar 2026". */
  public static String label(SeriesPoint point, Granularity granularity) {
    String pattern =
        switch (granularity) {
          case HOUR -> "HH:mm";
          case DAY -> "d MMM";
          case WEEK -> "'w/c' d MMM";
          case MONTH -> "MMM yyyy";
        };
    return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(point.start());
  }

  /**
   * The current period's clicks and the previous period's, the latter drawn at the same x positions
   * so that the two lines compare like for like.
   */
  public static List<XYChart.Series<String, Number>> withPrevious(
      List<SeriesPoint> current, List<SeriesPoint> previous, Granularity granularity) {
    XYChart.Series<String, Number> now = new XYChart.Series<>();
    now.setName("This period");
    XYChart.Series<String, Number> before = new XYChart.Series<>();
    before.setName("Previous period");
    for (int i = 0; i < current.size(); i++) {
      String label = label(current.get(i), granularity);
      now.getData().add(new XYChart.Data<>(label, current.get(i).counts().clicks()));
      if (i < previous.size()) {
        before.getData().add(new XYChart.Data<>(label, previous.get(i).counts().clicks()));
      }
    }
    return List.of(now, before);
  }

  /** A bar series of a breakdown, largest first, at most {@code limit} bars. */
  public static XYChart.Series<Number, String> bars(
      List<Slice> slices, int limit, Function<String, String> labels) {
    XYChart.Series<Number, String> series = new XYChart.Series<>();
    List<Slice> top = slices.stream().limit(limit).toList();
    // Horizontal bar charts draw the first category at the bottom: add largest last.
    for (int i = top.size() - 1; i >= 0; i--) {
      Slice slice = top.get(i);
      series
          .getData()
          .add(new XYChart.Data<>(slice.counts().clicks(), shorten(labels.apply(slice.value()))));
    }
    return series;
  }

  /**
   * Replaces what a horizontal bar chart shows. The category axis forgets the old categories first:
   * it would otherwise keep their order and the bars would no longer be largest first.
   */
  public static void showBars(BarChart<Number, String> chart, XYChart.Series<Number, String> bars) {
    chart.getData().clear();
    if (chart.getYAxis() instanceof CategoryAxis categories) {
      categories.invalidateRange(List.of());
    }
    if (chart.getXAxis() instanceof NumberAxis values) {
      // Counts are whole: ticks at 1, 2, 5, 10, ... instead of 2.5 or 12.5.
      double max =
          bars.getData().stream().mapToDouble(d -> d.getXValue().doubleValue()).max().orElse(0);
      double unit = wholeTickUnit(max);
      values.setAutoRanging(false);
      values.setLowerBound(0);
      values.setTickUnit(unit);
      values.setUpperBound((Math.floor(max / unit) + 1) * unit);
    }
    chart.getData().add(bars);
  }

  /**
   * A whole tick step (1, 2, 5, 10, 20, 50, ...) that gives at most six steps up to {@code max}.
   */
  public static double wholeTickUnit(double max) {
    for (double base = 1; ; base *= 10) {
      for (double factor : new double[] {1, 2, 5}) {
        if (max / (base * factor) <= 6) {
          return base * factor;
        }
      }
    }
  }

  /** Keeps long names from pushing charts apart. */
  public static String shorten(String text) {
    return text.length() <= 28 ? text : text.substring(0, 27) + "…";
  }
}
