package io.linkscope.api.conversion;

import org.jspecify.annotations.Nullable;

/**
 * One variant of an {@link Experiment}.
 *
 * @param key {@code target} for the link's own target, {@code variant:<id>} for a variant
 * @param clicks clicks it served, bots excluded
 * @param conversions clicks of it that converted
 * @param conversionRate conversions / clicks (0 without clicks)
 * @param rateLow lower end of the 95 % Wilson score interval of the rate
 * @param rateHigh upper end of that interval
 * @param uplift relative change of the rate against the control (0.25 = 25 % better), null for the
 *     control and when the control has no conversions
 * @param upliftLow lower end of the 95 % interval of the uplift (Katz log interval of the rate
 *     ratio), null when it cannot be computed (no conversions on either side)
 * @param upliftHigh upper end of that interval
 * @param pValue the two-proportion z-test's p-value against the control, null for the control
 */
public record ExperimentVariant(
    String key,
    long clicks,
    long conversions,
    double conversionRate,
    double rateLow,
    double rateHigh,
    @Nullable Double uplift,
    @Nullable Double upliftLow,
    @Nullable Double upliftHigh,
    @Nullable Double pValue) {}
