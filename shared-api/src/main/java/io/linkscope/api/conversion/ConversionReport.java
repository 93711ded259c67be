package io.linkscope.api.conversion;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Clicks and conversions of a range grouped by one dimension ({@code link}, {@code source}, {@code
 * campaign} or {@code variant}), each conversion counted with the click it came from.
 *
 * @param by the dimension of the rows
 * @param unattributed conversions of the workspace in the range whose click id matches no stored
 *     click of the workspace (yet)
 */
public record ConversionReport(String by, List<Row> rows, Row total, long unattributed) {

  /**
   * One group.
   *
   * @param value the group's value: a link id, a source such as {@code Instagram}, a campaign, a
   *     variant key ({@code target} for the link's own target); empty when the click had none
   * @param clicks clicks of the group, bots excluded
   * @param convertedClicks clicks with at least one conversion
   * @param conversions conversion events
   * @param conversionRate convertedClicks / clicks, null without clicks
   * @param revenue the sum of the values, null when in several currencies
   * @param currency the currency of {@code revenue}, {@code mixed}, or empty when no value was sent
   */
  public record Row(
      String value,
      long clicks,
      long convertedClicks,
      long conversions,
      @Nullable Double conversionRate,
      @Nullable BigDecimal revenue,
      String currency) {}
}
