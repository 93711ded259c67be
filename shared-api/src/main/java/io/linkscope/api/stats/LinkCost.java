package io.linkscope.api.stats;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Reach and spend entered for a link: impressions and money spent on one channel over a period of
 * UTC days ({@code periodEnd} included). The channel is matched to the click's referrer source
 * (e.g. {@code Instagram}, case-insensitive); {@code all} matches every click of the link.
 *
 * @param id null when creating
 */
public record LinkCost(
    Long id,
    String channel,
    LocalDate periodStart,
    LocalDate periodEnd,
    long impressions,
    BigDecimal spend,
    String currency) {}
