package io.linkscope.desktop.ui;

import java.util.List;
import java.util.stream.IntStream;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Text;

/**
 * Clicks over time against the previous period, on a time axis: every bucket is a point of its own
 * (168 for a week of hours, 2,160 for 90 days), labelled with as many horizontal labels as fit the
 * width, counted on whole ticks, with the exact numbers of the bucket under the pointer on hover. A
 * range without clicks shows a sentence instead of an empty axis.
 */
public final class TimeSeriesChart extends LineChart<Number, Number> {
  private final NumberAxis time;
  private final NumberAxis counts;
  private final Label empty = new Label();
  private final Tooltip tooltip = new Tooltip();
  private List<SeriesPoint> current = List.of();
  private List<SeriesPoint> previous = List.of();
  private Granularity granularity = Granularity.DAY;
  private String emptyText = "No clicks in this range";
  private int hovered = -1;
  private int step = 1;

  public TimeSeriesChart() {
    super(new NumberAxis(), new NumberAxis());
    time = (NumberAxis) getXAxis();
    counts = (NumberAxis) getYAxis();
    getStyleClass().add("time-series-chart");
    setCreateSymbols(false);
    setAnimated(false);
    time.setAnimated(false);
    counts.setAnimated(false);
    time.setAutoRanging(false);
    time.setMinorTickVisible(false);
    time.setForceZeroInRange(false);
    time.setTickLabelRotation(0);
    counts.setMinorTickVisible(false);
    Charts.countAxis(counts, 0);
    // The axis also ticks its upper bound: only the steps are labelled, evenly spaced.
    time.setTickLabelFormatter(
        Labels.<Number>of(
            () -> IntStream.range(0, current.size()).filter(i -> i % step == 0).boxed().toList(),
            value -> {
              double x = value.doubleValue();
              return x == Math.rint(x) && (int) x % step == 0
                  ? Charts.tickLabel(current, (int) x, granularity)
                  : "";
            }));
    time.widthProperty().addListener((o, before, after) -> updateTicks());
    // A chart keeps its legend only with 200 px of plot left beside it: in a low card the legend
    // goes to the right, where there is room, rather than away.
    heightProperty()
        .addListener(
            (o, before, after) ->
                setLegendSide(after.doubleValue() < 260 ? Side.RIGHT : Side.BOTTOM));
    empty.getStyleClass().addAll("chart-empty", "muted");
    empty.setAlignment(Pos.CENTER);
    empty.setManaged(false);
    empty.setVisible(false);
    getPlotChildren().add(empty);
    tooltip.setShowDelay(Charts.TOOLTIP_DELAY);
    Tooltip.install(this, tooltip);
    addEventFilter(MouseEvent.MOUSE_MOVED, event -> hover(event.getSceneX(), event.getSceneY()));
  }

  /** Sets the sentence shown when the range has no clicks. */
  public void setEmptyText(String text) {
    emptyText = text;
    empty.setText(text);
  }

  /** Shows a period's series and the previous period's at the same positions. */
  public void show(List<SeriesPoint> current, List<SeriesPoint> previous, Granularity granularity) {
    this.current = List.copyOf(current);
    this.previous = List.copyOf(previous);
    this.granularity = granularity;
    long max = 0;
    long sum = 0;
    for (SeriesPoint point : current) {
      max = Math.max(max, point.counts().clicks());
      sum += point.counts().clicks();
    }
    for (SeriesPoint point : previous) {
      max = Math.max(max, point.counts().clicks());
    }
    boolean nothing = sum == 0 && max == 0;
    if (nothing) {
      getData().clear();
    } else {
      getData().setAll(Charts.withPrevious(current, previous, granularity));
    }
    Charts.countAxis(counts, max);
    time.setLowerBound(0);
    time.setUpperBound(Math.max(1, current.size() - 1));
    updateTicks();
    empty.setText(emptyText);
    empty.setVisible(nothing);
    // The axes keep their place (the chart lays them out whatever their visibility): unseen.
    time.setOpacity(nothing ? 0 : 1);
    counts.setOpacity(nothing ? 0 : 1);
    setHorizontalGridLinesVisible(!nothing);
    setVerticalGridLinesVisible(!nothing);
    setHorizontalZeroLineVisible(!nothing);
    setVerticalZeroLineVisible(!nothing);
    // One line needs no legend: the card's title says what it is.
    setLegendVisible(!nothing && !previous.isEmpty());
    requestChartLayout();
  }

  /** Whether the chart shows its empty sentence instead of axes. */
  public boolean isEmpty() {
    return empty.isVisible();
  }

  /** The sentence shown instead of empty axes. */
  public Label emptyLabel() {
    return empty;
  }

  /** The hover text of bucket {@code index}, as the tooltip shows it; for tests. */
  public String hoverText(int index) {
    return Charts.seriesText(current, previous, index, granularity);
  }

  /** The text the tooltip shows now. */
  public Tooltip tooltip() {
    return tooltip;
  }

  /** Points the hover at bucket {@code index} as if the mouse were over it; for tests. */
  public void hoverAt(int index) {
    hovered = index;
    tooltip.setText(hoverText(index));
  }

  private void hover(double sceneX, double sceneY) {
    if (current.isEmpty() || isEmpty()) {
      tooltip.setText(emptyText);
      return;
    }
    double x = time.sceneToLocal(sceneX, sceneY).getX();
    Number value = time.getValueForDisplay(x);
    int index = (int) Math.round(value.doubleValue());
    index = Math.max(0, Math.min(current.size() - 1, index));
    if (index != hovered || tooltip.getText() == null || tooltip.getText().isEmpty()) {
      hoverAt(index);
    }
  }

  /** Labels as many ticks as fit side by side without overlapping, at natural steps. */
  private void updateTicks() {
    int points = current.size();
    double width = time.getWidth() > 0 ? time.getWidth() : Math.max(300, getPrefWidth());
    step = 1;
    for (int labels = Math.max(1, points); labels >= 1; ) {
      step = Charts.timeTickStep(points, granularity, labels);
      if (fits(step, width)) {
        break;
      }
      labels = Math.min(labels - 1, (points + step - 1) / step - 1);
    }
    time.setTickUnit(step);
  }

  private boolean fits(int candidate, double width) {
    Text text = new Text();
    text.setFont(time.getTickLabelFont());
    double needed = 0;
    for (int i = 0; i < current.size(); i += candidate) {
      text.setText(Charts.tickLabel(current, i, granularity));
      needed += text.getLayoutBounds().getWidth() + 16;
      if (needed > width) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void layoutPlotChildren() {
    super.layoutPlotChildren();
    // Plot children use the axes' display positions: (0, 0) is the plot area's top left.
    empty.resizeRelocate(0, 0, time.getWidth(), counts.getHeight());
  }
}
