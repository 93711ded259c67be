package io.linkscope.desktop.ui;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/**
 * Turns computed numbers into charts, shared by the dashboard and link analytics. Every chart here
 * shows true numbers: time series on a time axis (one point per bucket, however many), counts on
 * whole ticks, breakdowns as the top rows plus one "Other" row that sums the rest, and the exact
 * count of every bar, slice and point on hover.
 */
public final class Charts {
  private Charts() {}

  /** Tooltips of chart values come up quickly: they are the way to read exact numbers. */
  public static final Duration TOOLTIP_DELAY = Duration.millis(150);

  /** The height a pie needs to keep its legend below it. */
  private static final double PIE_HEIGHT = 260;

  /**
   * One bar or pie slice as drawn.
   *
   * @param label what the row is called on screen (unique within its chart)
   * @param value its count
   * @param key the breakdown value it stands for, as recorded (e.g. for a click on the bar to
   *     filter by); null for the "Other" row
   * @param folded how many values an "Other" row sums up; 0 for a row of its own
   */
  public record Row(String label, long value, @Nullable String key, int folded) {
    /** A row of one value. */
    public static Row of(String label, long value, String key) {
      return new Row(label, value, key, 0);
    }

    public boolean other() {
      return folded > 0;
    }
  }

  /**
   * The rows a breakdown chart shows: values without clicks (bots in a breakdown of humans) left
   * out, the largest {@code limit - 1} values, and the rest summed up in one "Other (n more)" row,
   * so that the rows always add up to the breakdown's total. When no more than {@code limit} values
   * have clicks, all of them are shown and there is no "Other" row. Labels are shortened and made
   * unique (a category axis would merge equal ones).
   */
  public static List<Row> rows(List<Slice> slices, int limit, Function<String, String> labels) {
    List<Slice> counted =
        slices.stream()
            .filter(slice -> slice.counts().clicks() > 0)
            .sorted(Comparator.comparingLong((Slice slice) -> slice.counts().clicks()).reversed())
            .toList();
    int shown = counted.size() <= limit ? counted.size() : Math.max(0, limit - 1);
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Slice slice : counted.subList(0, shown)) {
      String label = shorten(labels.apply(slice.value()));
      int times = seen.merge(label, 1, Integer::sum);
      rows.add(
          Row.of(
              times == 1 ? label : label + " (" + times + ")",
              slice.counts().clicks(),
              slice.value()));
    }
    if (shown < counted.size()) {
      List<Slice> rest = counted.subList(shown, counted.size());
      long sum = rest.stream().mapToLong(slice -> slice.counts().clicks()).sum();
      rows.add(new Row("Other (" + rest.size() + " more)", sum, null, rest.size()));
    }
    return rows;
  }

  /** The sum of a breakdown's clicks: what its chart's rows add up to. */
  public static long total(List<Slice> slices) {
    return slices.stream().mapToLong(slice -> slice.counts().clicks()).sum();
  }

  /** The hover text of a row: "Mobile · 1,234 clicks · 64.1 %". */
  public static String rowText(Row row, long total) {
    return row.label()
        + " · "
        + Formats.count(row.value(), "clicks")
        + " · "
        + Formats.percent(row.value(), total);
  }

  // ---------------------------------------------------------------------------------------------
  // Time series

  /**
   * The full name of a bucket, for hover texts: "Tue 17 Nov 2026, 14:00", "Tue 17 Nov 2026", "Week
   * of 16 Nov 2026", "November 2026".
   */
  public static String label(SeriesPoint point, Granularity granularity) {
    ZonedDateTime start = point.start();
    return switch (granularity) {
      case HOUR ->
          Formats.weekday(start.getDayOfWeek())
              + " "
              + Formats.date(start)
              + ", "
              + Formats.time(start)
              + (repeated(start) ? " (UTC" + start.getOffset() + ")" : "");
      case DAY -> Formats.weekday(start.getDayOfWeek()) + " " + Formats.date(start);
      case WEEK -> "Week of " + Formats.date(start);
      case MONTH -> Formats.monthFormat().format(start);
    };
  }

  /** Whether the local time happens twice (the hour clocks go back), so it needs its offset. */
  private static boolean repeated(ZonedDateTime time) {
    return time.getZone().getRules().getValidOffsets(time.toLocalDateTime()).size() > 1;
  }

  /**
   * The short label of the tick at bucket {@code index}: the time of day for hours within one day;
   * for hours over several days the day ("Tue 17 Nov") at midnight and the weekday with the time
   * ("Tue 14:00") elsewhere; the day and month for days and weeks; the month and year for months.
   */
  public static String tickLabel(List<SeriesPoint> points, int index, Granularity granularity) {
    if (index < 0 || index >= points.size()) {
      return "";
    }
    ZonedDateTime start = points.get(index).start();
    return switch (granularity) {
      case HOUR -> {
        boolean oneDay =
            points.getFirst().start().toLocalDate().equals(points.getLast().start().toLocalDate());
        if (oneDay) {
          yield Formats.time(start);
        }
        String weekday = Formats.weekday(start.getDayOfWeek());
        yield start.toLocalTime().equals(LocalTime.MIDNIGHT)
            ? weekday + " " + Formats.dayMonthFormat().format(start)
            : weekday + " " + Formats.time(start);
      }
      case DAY, WEEK -> Formats.dayMonthFormat().format(start);
      case MONTH -> Formats.shortMonthFormat().format(start);
    };
  }

  /**
   * The distance in buckets between two labelled ticks: the smallest natural step (a few hours, a
   * day, a week; a quarter, a year) that leaves at most {@code maxLabels} labels for {@code points}
   * buckets. Labels stay horizontal; there are fewer of them when the axis is narrow.
   */
  public static int timeTickStep(int points, Granularity granularity, int maxLabels) {
    int[] steps =
        switch (granularity) {
          case HOUR -> new int[] {1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 672, 1344, 2688, 8760};
          case DAY -> new int[] {1, 2, 7, 14, 28, 56, 91, 182, 364, 728};
          case WEEK -> new int[] {1, 2, 4, 8, 13, 26, 52, 104};
          case MONTH -> new int[] {1, 2, 3, 6, 12, 24, 60};
        };
    int labels = Math.max(1, maxLabels);
    for (int step : steps) {
      if ((points + step - 1) / step <= labels) {
        return step;
      }
    }
    int last = steps[steps.length - 1];
    return last * (int) Math.ceil((double) points / last / labels);
  }

  /**
   * The current period's clicks and the previous period's at the same x (the bucket's position in
   * its period), so that the two lines compare like for like. x is the bucket's index: every bucket
   * gets its own point, in order, whatever the granularity and length of the range.
   */
  public static List<XYChart.Series<Number, Number>> withPrevious(
      List<SeriesPoint> current, List<SeriesPoint> previous, Granularity granularity) {
    XYChart.Series<Number, Number> now = new XYChart.Series<>();
    now.setName("This period");
    XYChart.Series<Number, Number> before = new XYChart.Series<>();
    before.setName("Previous period");
    List<XYChart.Data<Number, Number>> nowData = new ArrayList<>(current.size());
    List<XYChart.Data<Number, Number>> beforeData = new ArrayList<>(current.size());
    for (int i = 0; i < current.size(); i++) {
      nowData.add(new XYChart.Data<>(i, current.get(i).counts().clicks()));
      if (i < previous.size()) {
        beforeData.add(new XYChart.Data<>(i, previous.get(i).counts().clicks()));
      }
    }
    now.getData().setAll(nowData);
    if (previous.isEmpty()) {
      // Nothing to compare with (the live chart): no second series, so no legend entry for it.
      return List.of(now);
    }
    before.getData().setAll(beforeData);
    return List.of(now, before);
  }

  /**
   * The hover text of bucket {@code index}: its full name, its clicks and those of the same bucket
   * in the previous period.
   */
  public static String seriesText(
      List<SeriesPoint> current, List<SeriesPoint> previous, int index, Granularity granularity) {
    if (index < 0 || index >= current.size()) {
      return "";
    }
    String text =
        label(current.get(index), granularity)
            + "\nThis period: "
            + Formats.count(current.get(index).counts().clicks(), "clicks");
    if (index < previous.size()) {
      text +=
          "\nPrevious period ("
              + label(previous.get(index), granularity)
              + "): "
              + Formats.count(previous.get(index).counts().clicks(), "clicks");
    }
    return text;
  }

  // ---------------------------------------------------------------------------------------------
  // Breakdowns

  /**
   * A bar series of a breakdown: the top rows with an "Other" row (see {@link #rows}), largest at
   * the top. Each bar's data carries its {@link Row} as extra value: its hover text, and the value
   * it stands for ({@link Row#key()}, null for "Other").
   */
  public static XYChart.Series<Number, String> bars(
      List<Slice> slices, int limit, Function<String, String> labels) {
    XYChart.Series<Number, String> series = new XYChart.Series<>();
    List<Row> rows = rows(slices, limit, labels);
    // Horizontal bar charts draw the first category at the bottom: add largest last.
    for (int i = rows.size() - 1; i >= 0; i--) {
      Row row = rows.get(i);
      XYChart.Data<Number, String> data = new XYChart.Data<>(row.value(), row.label());
      data.setExtraValue(row);
      series.getData().add(data);
    }
    return series;
  }

  /**
   * Replaces what a horizontal bar chart shows: whole ticks on the count axis, and the exact count
   * and share of every bar on hover. The category axis forgets the old categories first: it would
   * otherwise keep their order and the bars would no longer be largest first.
   */
  public static void showBars(BarChart<Number, String> chart, XYChart.Series<Number, String> bars) {
    chart.getData().clear();
    if (chart.getYAxis() instanceof CategoryAxis categories) {
      categories.invalidateRange(List.of());
    }
    long max = 0;
    long total = 0;
    for (XYChart.Data<Number, String> data : bars.getData()) {
      max = Math.max(max, data.getXValue().longValue());
      total += data.getXValue().longValue();
    }
    if (chart.getXAxis() instanceof NumberAxis values) {
      countAxis(values, max);
    }
    chart.getData().add(bars);
    // In a card beside a taller one (a pie with its legend) the bars take the height, not a gap.
    VBox.setVgrow(chart, Priority.ALWAYS);
    for (XYChart.Data<Number, String> data : bars.getData()) {
      Row row =
          data.getExtraValue() instanceof Row known
              ? known
              : Row.of(data.getYValue(), data.getXValue().longValue(), data.getYValue());
      install(data.getNode(), rowText(row, total));
    }
  }

  /**
   * Fills a pie chart with a breakdown: the top rows with an "Other" row (see {@link #rows}), a
   * legend and labels that name each slice with its share, and the count and share on hover.
   * Returns the rows in the order of the chart's data (row i is slice i).
   */
  public static List<Row> showPie(
      PieChart chart, List<Slice> slices, int limit, Function<String, String> labels) {
    chart.setLegendVisible(true);
    chart.setLegendSide(Side.BOTTOM);
    // A chart drops its legend unless 200 px of pie are left above it.
    chart.setMinHeight(Math.max(chart.getMinHeight(), PIE_HEIGHT));
    chart.setPrefHeight(Math.max(chart.getPrefHeight(), PIE_HEIGHT));
    chart.setLabelsVisible(true);
    chart.setLabelLineLength(8);
    List<Row> rows = rows(slices, limit, labels);
    long total = rows.stream().mapToLong(Row::value).sum();
    List<PieChart.Data> data = new ArrayList<>();
    for (Row row : rows) {
      data.add(new PieChart.Data(pieName(row, total), row.value()));
    }
    chart.getData().setAll(data);
    for (int i = 0; i < rows.size(); i++) {
      install(data.get(i).getNode(), rowText(rows.get(i), total));
    }
    return rows;
  }

  /** The name of a pie slice in its legend and label: "Mobile 64 %". */
  static String pieName(Row row, long total) {
    return row.label() + " " + Math.round(total == 0 ? 0 : row.value() * 100.0 / total) + " %";
  }

  /**
   * Makes a count axis tick in whole steps from 0 (0, 1, 2 or 0, 5, 10, ...), labelled with
   * thousands separators; never 2.5 or "0.0". An axis of nothing still goes up to 1.
   */
  public static void countAxis(NumberAxis axis, long max) {
    axis.getProperties().put(COUNT_MAX, max);
    if (axis.getProperties().putIfAbsent(COUNT_FITTED, true) == null) {
      // A narrow axis (a bar chart beside long names) gets fewer, wider steps, so that its labels
      // never run into each other ("1,0001,5002,000").
      InvalidationListener refit = resized -> fitTicks(axis);
      axis.widthProperty().addListener(refit);
      axis.heightProperty().addListener(refit);
    }
    axis.setAutoRanging(false);
    axis.setLowerBound(0);
    fitTicks(axis);
    axis.setMinorTickVisible(false);
    axis.setForceZeroInRange(true);
    axis.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number value) {
            double number = value.doubleValue();
            return number == Math.rint(number) ? Formats.count((long) number) : "";
          }

          @Override
          public Number fromString(String text) {
            return Long.parseLong(text.replace(",", ""));
          }
        });
  }

  /** The largest count a count axis shows, kept in the axis's properties. */
  private static final String COUNT_MAX = "linkscope.count-max";

  /** Set once the axis refits its ticks as it is resized. */
  private static final String COUNT_FITTED = "linkscope.count-fitted";

  /** Sets the tick step and upper bound for the axis's largest count and its present length. */
  private static void fitTicks(NumberAxis axis) {
    long max = axis.getProperties().get(COUNT_MAX) instanceof Long known ? known : 0;
    boolean horizontal = axis.getSide() == null || axis.getSide().isHorizontal();
    double length = horizontal ? axis.getWidth() : axis.getHeight();
    int steps = length <= 0 ? 6 : stepsThatFit(length, max, horizontal);
    double unit = wholeTickUnit(max, steps);
    double upper = Math.max(1, Math.ceil(max / unit)) * unit;
    if (axis.getTickUnit() != unit || axis.getUpperBound() != upper) {
      axis.setTickUnit(unit);
      axis.setUpperBound(upper);
    }
  }

  /**
   * How many tick steps (1 to 6) an axis of this length can label without labels touching: on a
   * horizontal axis a label is as wide as the largest count written out (one digit more for the
   * rounded-up end), on a vertical one a line high.
   */
  static int stepsThatFit(double length, long max, boolean horizontal) {
    double label = horizontal ? 7 * (Formats.count(Math.max(1, max)).length() + 1) + 10 : 24;
    return (int) Math.max(1, Math.min(6, Math.floor(length / label)));
  }

  /**
   * A whole tick step (1, 2, 5, 10, 20, 50, ...) that gives at most six steps up to {@code max}.
   */
  public static double wholeTickUnit(double max) {
    return wholeTickUnit(max, 6);
  }

  /** A whole tick step (1, 2, 5, 10, 20, 50, ...) that gives at most {@code steps} up to max. */
  public static double wholeTickUnit(double max, int steps) {
    for (double base = 1; ; base *= 10) {
      for (double factor : new double[] {1, 2, 5}) {
        if (max / (base * factor) <= steps) {
          return base * factor;
        }
      }
    }
  }

  /** Keeps long names from pushing charts apart. */
  public static String shorten(String text) {
    return text.length() <= 28 ? text : text.substring(0, 27) + "…";
  }

  /**
   * How many bars a horizontal bar chart of this height can label, between 3 and {@code most}: a
   * category axis skips the labels that do not fit, which would leave bars without names.
   */
  public static int barsThatFit(double height, int most) {
    if (height <= 0) {
      return most;
    }
    return Math.max(3, Math.min(most, (int) ((height - 48) / 20)));
  }

  /** The hover text installed on a chart node, or "" without one; for tests. */
  public static String tooltipText(Node node) {
    Object tooltip = node.getProperties().get(Tooltip.class);
    return tooltip instanceof Tooltip shown ? shown.getText() : "";
  }

  private static void install(Node node, String text) {
    if (node == null) {
      return;
    }
    Tooltip tooltip = new Tooltip(text);
    tooltip.setShowDelay(TOOLTIP_DELAY);
    Object old = node.getProperties().put(Tooltip.class, tooltip);
    if (old instanceof Tooltip replaced) {
      Tooltip.uninstall(node, replaced);
    }
    Tooltip.install(node, tooltip);
  }
}
