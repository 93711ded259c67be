package io.linkscope.api.stats;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Click-through rate and cost per click of a link over a range, per channel and in total. Entries
 * that overlap the range only partly count with the overlapping share of their days.
 */
public record CostReport(List<Row> channels, Row total) {

  /**
   * One channel: impressions and spend (prorated to the range), clicks from that source in the days
   * its entries cover (for {@code all}: the clicks no channel entry covers), CTR = clicks /
   * impressions (null without impressions), cost per click = spend / clicks (null without clicks or
   * spend). The total has no spend (null) when the entries are in several currencies.
   */
  public record Row(
      String channel,
      long impressions,
      @Nullable BigDecimal spend,
      String currency,
      long clicks,
      @Nullable Double ctr,
      @Nullable BigDecimal costPerClick) {}
}
