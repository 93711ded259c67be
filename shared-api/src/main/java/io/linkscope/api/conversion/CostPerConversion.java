package io.linkscope.api.conversion;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cost per conversion of one link per cost channel: the spend of the link's cost entries and the
 * conversions of the clicks those entries cover.
 */
public record CostPerConversion(long linkId, List<Row> channels) {

  /**
   * One channel.
   *
   * @param channel the cost entries' channel; {@code all} covers the clicks of sources without an
   *     entry of their own
   * @param spend the spend of the channel's entries, summed
   * @param conversions conversions of the covered clicks (clicks in the entries' days from that
   *     source)
   * @param costPerConversion spend / conversions, null without conversions
   */
  public record Row(
      String channel,
      BigDecimal spend,
      String currency,
      long clicks,
      long conversions,
      @Nullable BigDecimal costPerConversion) {}
}
