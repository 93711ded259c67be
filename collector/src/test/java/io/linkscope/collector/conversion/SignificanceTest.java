package io.linkscope.collector.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.conversion.ExperimentVariant;
import io.linkscope.collector.conversion.Significance.Arm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The experiment statistics against values published or computed independently. Where each expected
 * value comes from is written next to it; "scipy" means SciPy 1.17 ({@code scipy.stats}), an
 * implementation independent of Commons Math.
 */
class SignificanceTest {

  @Test
  void wilsonIntervalsMatchNewcombesTable() {
    // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
    // methods", Statistics in Medicine 17 (1998) 857-872, Table II, method 3 (score, no continuity
    // correction); also scipy binomtest(k, n).proportion_ci(method='wilson').
    assertInterval(Significance.wilson(81, 263), 0.2553, 0.3662);
    assertInterval(Significance.wilson(15, 148), 0.0624, 0.1605);
    assertInterval(Significance.wilson(0, 20), 0.0000, 0.1611);
    assertInterval(Significance.wilson(1, 29), 0.0061, 0.1718);
  }

  @Test
  void twoVariantsWithAClearDifferenceHaveAWinner() {
    // 10 % against 12.5 % of 2000 clicks each. scipy: chi2_contingency([[200,1800],[250,1750]],
    // correction=False) gives chi2 = 6.259781, p = 0.0123509; z = sqrt(chi2) = 2.501955.
    Experiment experiment =
        Significance.analyze(
            List.of(new Arm("target", 2000, 200), new Arm("variant:2", 2000, 250)));

    assertThat(experiment.test()).isEqualTo("two-proportion z-test");
    assertThat(experiment.statistic()).isCloseTo(2.501955, within(1e-5));
    assertThat(experiment.pValue()).isCloseTo(0.0123509, within(1e-6));
    assertThat(experiment.significant()).isTrue();
    assertThat(experiment.winner()).isEqualTo("variant:2");
    assertThat(experiment.verdict()).isEqualTo("variant:2 beats target at 95 %");
    assertThat(experiment.moreClicksNeeded()).isNull();

    ExperimentVariant b = experiment.variants().get(1);
    assertThat(b.conversionRate()).isEqualTo(0.125);
    assertThat(b.pValue()).isCloseTo(0.0123509, within(1e-6));
    // Rate ratio 1.25; Katz log interval, as scipy.stats.contingency.relative_risk(250, 2000, 200,
    // 2000).confidence_interval(0.95): [1.049002, 1.489511], so the uplift is 25 % [4.9 %, 49.0 %].
    assertThat(b.uplift()).isCloseTo(0.25, within(1e-12));
    assertThat(b.upliftLow()).isCloseTo(0.049002, within(1e-6));
    assertThat(b.upliftHigh()).isCloseTo(0.489511, within(1e-6));
    ExperimentVariant a = experiment.variants().getFirst();
    assertThat(a.uplift()).isNull();
    assertThat(a.pValue()).isNull();
  }

  @Test
  void aSmallDifferenceIsNotYetAWinnerAndSaysHowManyClicksAreMissing() {
    // 10 % against 11 % of 1000 clicks each: z = 0.729422, p = 0.465744 (scipy, pooled z-test).
    // Clicks per arm for 80 % power at 5 % two-sided (Fleiss, no continuity correction, as R's
    // power.prop.test(p1 = 0.10, p2 = 0.11, power = 0.8) solves): 14750.79, so 14751 per arm and
    // 2 × (14751 − 1000) = 27502 more.
    Experiment experiment =
        Significance.analyze(
            List.of(new Arm("target", 1000, 100), new Arm("variant:2", 1000, 110)));

    assertThat(experiment.statistic()).isCloseTo(0.729422, within(1e-6));
    assertThat(experiment.pValue()).isCloseTo(0.465744, within(1e-6));
    assertThat(experiment.significant()).isFalse();
    assertThat(experiment.winner()).isNull();
    assertThat(experiment.moreClicksNeeded()).isEqualTo(27502);
    assertThat(experiment.verdict()).isEqualTo("not yet: ~27502 more clicks needed");
  }

  @Test
  void clicksPerArmMatchesRsPowerPropTestExample() {
    // R documentation of power.prop.test, example: power.prop.test(p1 = .50, p2 = .75, power = .90)
    // "=> n = 76.7"; scipy with the same formula: 76.70693.
    assertThat(Significance.clicksPerArm(0.50, 0.75, 0.05, 0.90)).isCloseTo(76.70693, within(1e-4));
  }

  @Test
  void moreThanTwoVariantsUseChiSquare() {
    // R documentation of prop.test, the smokers example (Fleiss): prop.test(c(83, 90, 129, 70),
    // c(86, 93, 136, 82)) gives X-squared = 12.6, df = 3, p-value = 0.005585; scipy
    // chi2_contingency: 12.600411, p = 0.00558548.
    Experiment experiment =
        Significance.analyze(
            List.of(
                new Arm("target", 86, 83),
                new Arm("variant:1", 93, 90),
                new Arm("variant:2", 136, 129),
                new Arm("variant:3", 82, 70)));

    assertThat(experiment.test()).isEqualTo("chi-square");
    assertThat(experiment.statistic()).isCloseTo(12.600411, within(1e-5));
    assertThat(experiment.pValue()).isCloseTo(0.00558548, within(1e-7));
    // The variants differ, but the best (variant:1, 96.8 %) is not better than the control (96.5 %)
    // at the corrected level: the difference lies in variant:3 being worse. No winner.
    assertThat(experiment.significant()).isFalse();
    assertThat(experiment.winner()).isNull();
    assertThat(experiment.verdict()).startsWith("not yet: ~");
  }

  @Test
  void aChallengerClearlyBetterAmongThreeWins() {
    Experiment experiment =
        Significance.analyze(
            List.of(
                new Arm("target", 2000, 200),
                new Arm("variant:1", 2000, 205),
                new Arm("variant:2", 2000, 300)));

    assertThat(experiment.test()).isEqualTo("chi-square");
    // variant:2 against target: 15 % against 10 %, z = 4.7809 (scipy), p ≈ 1.7e-6 < 0.05 / 2.
    assertThat(experiment.variants().get(2).pValue()).isLessThan(0.025);
    assertThat(experiment.winner()).isEqualTo("variant:2");
    assertThat(experiment.verdict()).isEqualTo("variant:2 beats target at 95 %");
  }

  @Test
  void aControlClearlyBetterThanEveryChallengerWins() {
    // 15 % against 10 % and 9 % of 2000 clicks each: both pairwise p-values far below 0.05 / 2
    // (|z| = 4.78 and 5.84, scipy).
    Experiment experiment =
        Significance.analyze(
            List.of(
                new Arm("target", 2000, 300),
                new Arm("variant:1", 2000, 200),
                new Arm("variant:2", 2000, 180)));

    assertThat(experiment.winner()).isEqualTo("target");
    assertThat(experiment.verdict()).isEqualTo("target beats variant:1, variant:2 at 95 %");
  }

  @Test
  void withoutConversionsThereIsNothingToTestYet() {
    Experiment experiment =
        Significance.analyze(List.of(new Arm("target", 50, 0), new Arm("variant:2", 40, 0)));

    assertThat(experiment.pValue()).isNull();
    assertThat(experiment.significant()).isFalse();
    assertThat(experiment.moreClicksNeeded()).isNull();
    assertThat(experiment.verdict())
        .isEqualTo("not yet: no difference between the variants so far");
    assertThat(experiment.variants().get(1).uplift()).isNull();
    assertInterval(
        new double[] {
          experiment.variants().get(1).rateLow(), experiment.variants().get(1).rateHigh()
        },
        0,
        0.0876);
  }

  @Test
  void oneVariantIsNoExperiment() {
    Experiment experiment = Significance.analyze(List.of(new Arm("target", 10, 1)));

    assertThat(experiment.verdict()).isEqualTo("not an experiment: only one variant");
    assertThat(experiment.variants()).hasSize(1);
  }

  private static void assertInterval(double[] interval, double low, double high) {
    assertThat(interval[0]).isCloseTo(low, within(0.00005));
    assertThat(interval[1]).isCloseTo(high, within(0.00005));
  }
}
