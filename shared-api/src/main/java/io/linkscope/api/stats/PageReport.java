package io.linkscope.api.stats;

import java.util.List;

/**
 * The analytics of one bio page: views (with breakdowns, series and heatmap as for links) and taps
 * per widget with the tap-through rate taps / views.
 */
public record PageReport(
    long pageId,
    Summary views,
    Series series,
    List<Breakdown> breakdowns,
    Heatmap heatmap,
    List<WidgetStats> widgets) {

  /** Taps of one widget; {@code tapRate} = taps / page views of the range (0 without views). */
  public record WidgetStats(
      long widgetId, String type, String title, long taps, long uniqueTaps, double tapRate) {}
}
