package io.linkscope.api.conversion;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An A/B test read from a link's clicks and conversions: per variant its conversion rate with a 95
 * % interval, the uplift against the control (the first variant) and a verdict.
 *
 * @param test {@code two-proportion z-test} for two variants, {@code chi-square} for more, {@code
 *     none} when there is nothing to test yet
 * @param statistic z (two variants) or chi-square (more) statistic, null without a test
 * @param pValue the test's p-value, null without a test
 * @param significant whether a winner is established at 95 %
 * @param winner the winning variant's key, null while there is none
 * @param verdict in words, e.g. {@code variant:2 beats target at 95 %} or {@code not yet: ~1200
 *     more clicks needed}
 * @param moreClicksNeeded the clicks still needed for 80 % power to detect the difference seen so
 *     far, null when it cannot be estimated (no difference yet) or a winner is established
 */
public record Experiment(
    String control,
    List<ExperimentVariant> variants,
    String test,
    @Nullable Double statistic,
    @Nullable Double pValue,
    boolean significant,
    @Nullable String winner,
    String verdict,
    @Nullable Long moreClicksNeeded) {}
