package io.linkscope.collector.stats;

import io.linkscope.api.stats.Dimension;
import java.time.ZoneId;
import java.util.Map;

/**
 * A checked statistics request: what to count, over which whole UTC hours, in which time zone, with
 * which filters and bot switch, at which series granularity, with how many breakdown rows.
 */
public record StatsRequest(
    Target target,
    Range range,
    ZoneId zone,
    Map<Dimension, String> filters,
    Bots bots,
    Granularity granularity,
    int top) {

  /** The rollups when nothing is filtered, else the raw clicks. */
  CellSource source() {
    return filters.isEmpty() ? new RollupCells() : new RawCells(filters);
  }

  StatsRequest withTarget(Target other) {
    return new StatsRequest(other, range, zone, filters, bots, granularity, top);
  }

  public StatsRequest withRange(Range other) {
    return new StatsRequest(target, other, zone, filters, bots, granularity, top);
  }

  public StatsRequest withTop(int rows) {
    return new StatsRequest(target, range, zone, filters, bots, granularity, rows);
  }
}
