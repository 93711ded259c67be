package io.linkscope.api.conversion;

import java.time.Instant;
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
 * @param endsAt when the link's split ends or ended, null without an end date; the clicks of an
 *     ended split are counted up to it, so the report keeps showing the finished test
 * @param ended whether the split is over (its end date passed, or a variant was promoted)
 * @param servedAfterEnd the variant every visit goes to after the end: the winner, else the first
 *     variant (the control); null while the split runs
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
    @Nullable Long moreClicksNeeded,
    @Nullable Instant endsAt,
    boolean ended,
    @Nullable String servedAfterEnd) {

  /** An experiment of a split that has no end date and still runs. */
  public Experiment(
      String control,
      List<ExperimentVariant> variants,
      String test,
      @Nullable Double statistic,
      @Nullable Double pValue,
      boolean significant,
      @Nullable String winner,
      String verdict,
      @Nullable Long moreClicksNeeded) {
    this(
        control,
        variants,
        test,
        statistic,
        pValue,
        significant,
        winner,
        verdict,
        moreClicksNeeded,
        null,
        false,
        null);
  }

  /** This experiment with its end: when, whether it has passed, and where visits go after it. */
  public Experiment withEnd(
      @Nullable Instant newEndsAt, boolean isEnded, @Nullable String newServedAfterEnd) {
    return new Experiment(
        control,
        variants,
        test,
        statistic,
        pValue,
        significant,
        winner,
        verdict,
        moreClicksNeeded,
        newEndsAt,
        isEnded,
        newServedAfterEnd);
  }
}
