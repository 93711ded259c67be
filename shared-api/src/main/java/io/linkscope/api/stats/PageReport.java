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

  /**
   * Taps of one widget, or of one icon of a social row (each icon is a row of its own, with its
   * {@code platform} and the platform's name as {@code title}); {@code tapRate} = taps / page views
   * of the range (0 without views).
   *
   * @param platform the icon's platform, e.g. {@code instagram}; {@code ""} for other widgets
   */
  public record WidgetStats(
      long widgetId,
      String type,
      String title,
      String platform,
      long taps,
      long uniqueTaps,
      double tapRate) {}
}
