package io.linkscope.collector.conversion;

import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.conversion.ExperimentVariant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.jspecify.annotations.Nullable;

/**
 * The statistics of an A/B test, a pure function of the clicks and converted clicks per variant.
 * The first arm is the control.
 *
 * <ul>
 *   <li>Rate interval: Wilson score interval (Wilson 1927; Newcombe 1998, method 3).
 *   <li>Uplift interval: the rate ratio's log interval (Katz et al. 1978), minus one.
 *   <li>Two variants: the pooled two-proportion z-test; more: Pearson's chi-square test of the
 *       variants × (converted, not converted) table; the best challenger then wins if its pairwise
 *       test against the control passes the Bonferroni-corrected level, the control if it beats
 *       every challenger at that level.
 *   <li>Clicks needed: the normal-approximation sample size per arm for a two-sided test at the
 *       level used with 80 % power (Fleiss; what R's {@code power.prop.test} solves), for the
 *       difference seen so far.
 * </ul>
 */
public final class Significance {
  /** Significance level of the verdict. */
  static final double ALPHA = 0.05;

  /** Power the clicks-needed estimate is for. */
  static final double POWER = 0.8;

  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
  private static final double Z95 = NORMAL.inverseCumulativeProbability(1 - ALPHA / 2);

  private Significance() {}

  /** One variant's counts: clicks it served and how many of them converted. */
  public record Arm(String key, long clicks, long conversions) {
    public Arm {
      if (clicks < 0 || conversions < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
      // A click converts or not: several conversions of one click count once.
      conversions = Math.min(conversions, clicks);
    }

    double rate() {
      return clicks == 0 ? 0 : (double) conversions / clicks;
    }
  }

  /** The experiment over {@code arms}, the first of them the control. */
  public static Experiment analyze(List<Arm> arms) {
    if (arms.isEmpty()) {
      return new Experiment(
          "", List.of(), "none", null, null, false, null, "not an experiment: no variants", null);
    }
    Arm control = arms.getFirst();
    List<ExperimentVariant> variants = new ArrayList<>();
    List<@Nullable Double> pairwise = new ArrayList<>();
    for (int i = 0; i < arms.size(); i++) {
      Arm arm = arms.get(i);
      boolean isControl = i == 0;
      Double p = isControl ? null : zTest(control, arm).p();
      pairwise.add(p);
      variants.add(variant(arm, control, isControl, p));
    }
    if (arms.size() < 2) {
      return new Experiment(
          control.key(),
          variants,
          "none",
          null,
          null,
          false,
          null,
          "not an experiment: only one variant",
          null);
    }
    if (arms.size() == 2) {
      Arm other = arms.get(1);
      ZTest z = zTest(control, other);
      if (z.p() == null) {
        return notYet(control, variants, "two-proportion z-test", null, null, arms, null);
      }
      if (z.p() < ALPHA) {
        boolean otherWins = other.rate() > control.rate();
        Arm winner = otherWins ? other : control;
        Arm loser = otherWins ? control : other;
        return new Experiment(
            control.key(),
            variants,
            "two-proportion z-test",
            z.z(),
            z.p(),
            true,
            winner.key(),
            winner.key() + " beats " + loser.key() + " at 95 %",
            null);
      }
      return notYet(control, variants, "two-proportion z-test", z.z(), z.p(), arms, other);
    }
    // More than two: chi-square over every arm with clicks, then the best against the control.
    List<Arm> tested = arms.stream().filter(arm -> arm.clicks() > 0).toList();
    long converted = tested.stream().mapToLong(Arm::conversions).sum();
    long clicks = tested.stream().mapToLong(Arm::clicks).sum();
    if (tested.size() < 2 || converted == 0 || converted == clicks) {
      return notYet(control, variants, "chi-square", null, null, arms, null);
    }
    long[][] table = new long[tested.size()][];
    for (int i = 0; i < tested.size(); i++) {
      Arm arm = tested.get(i);
      table[i] = new long[] {arm.conversions(), arm.clicks() - arm.conversions()};
    }
    ChiSquareTest chiSquare = new ChiSquareTest();
    double statistic = chiSquare.chiSquare(table);
    double p = chiSquare.chiSquareTest(table);
    // The challenger: the best of the other variants.
    int challengerIndex = 1;
    for (int i = 2; i < arms.size(); i++) {
      if (arms.get(i).rate() > arms.get(challengerIndex).rate()) {
        challengerIndex = i;
      }
    }
    Arm challenger = arms.get(challengerIndex);
    double corrected = ALPHA / (arms.size() - 1);
    if (p < ALPHA) {
      Double challengerP = pairwise.get(challengerIndex);
      if (challenger.rate() > control.rate() && challengerP != null && challengerP < corrected) {
        return new Experiment(
            control.key(),
            variants,
            "chi-square",
            statistic,
            p,
            true,
            challenger.key(),
            challenger.key() + " beats " + control.key() + " at 95 %",
            null);
      }
      if (control.rate() > challenger.rate()
          && pairwise.stream().skip(1).allMatch(q -> q != null && q < corrected)) {
        List<String> others = arms.stream().skip(1).map(Arm::key).toList();
        return new Experiment(
            control.key(),
            variants,
            "chi-square",
            statistic,
            p,
            true,
            control.key(),
            control.key() + " beats " + String.join(", ", others) + " at 95 %",
            null);
      }
    }
    return notYet(control, variants, "chi-square", statistic, p, arms, challenger);
  }

  /**
   * No winner yet: how many more clicks 80 % power needs for the difference between the control and
   * {@code challenger} seen so far (null challenger: no difference to estimate from).
   */
  private static Experiment notYet(
      Arm control,
      List<ExperimentVariant> variants,
      String test,
      @Nullable Double statistic,
      @Nullable Double p,
      List<Arm> arms,
      @Nullable Arm challenger) {
    Long needed = null;
    String verdict;
    if (challenger == null || challenger.rate() == control.rate()) {
      verdict = "not yet: no difference between the variants so far";
    } else {
      double alpha = ALPHA / (arms.size() - 1);
      double perArm = clicksPerArm(control.rate(), challenger.rate(), alpha, POWER);
      long target = (long) Math.ceil(perArm);
      long more = 0;
      for (Arm arm : arms) {
        more += Math.max(0, target - arm.clicks());
      }
      needed = more;
      verdict =
          more == 0
              ? "no winner at 95 %: the difference seen is not significant"
              : "not yet: ~" + more + " more clicks needed";
    }
    return new Experiment(
        control.key(), variants, test, statistic, p, false, null, verdict, needed);
  }

  private static ExperimentVariant variant(
      Arm arm, Arm control, boolean isControl, @Nullable Double p) {
    double[] wilson = wilson(arm.conversions(), arm.clicks());
    Double uplift = null;
    Double low = null;
    Double high = null;
    if (!isControl && control.conversions() > 0 && arm.clicks() > 0) {
      uplift = arm.rate() / control.rate() - 1;
      if (arm.conversions() > 0) {
        double[] ratio =
            rateRatioInterval(
                control.conversions(), control.clicks(), arm.conversions(), arm.clicks());
        low = ratio[0] - 1;
        high = ratio[1] - 1;
      }
    }
    return new ExperimentVariant(
        arm.key(),
        arm.clicks(),
        arm.conversions(),
        arm.rate(),
        wilson[0],
        wilson[1],
        uplift,
        low,
        high,
        p);
  }

  /** The 95 % Wilson score interval of {@code successes} out of {@code n}; [0, 1] for n = 0. */
  static double[] wilson(long successes, long n) {
    if (n == 0) {
      return new double[] {0, 1};
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * The 95 % interval of the rate ratio (b / a) by the log method of Katz et al.; both sides need a
   * conversion.
   */
  static double[] rateRatioInterval(long xa, long na, long xb, long nb) {
    double ratio = ((double) xb / nb) / ((double) xa / na);
    double se = Math.sqrt(1.0 / xb - 1.0 / nb + 1.0 / xa - 1.0 / na);
    double log = Math.log(ratio);
    return new double[] {Math.exp(log - Z95 * se), Math.exp(log + Z95 * se)};
  }

  /** The z statistic and two-sided p-value, both null when it is undefined. */
  record ZTest(@Nullable Double z, @Nullable Double p) {}

  /** The pooled two-proportion z-test of b against a. */
  static ZTest zTest(Arm a, Arm b) {
    if (a.clicks() == 0 || b.clicks() == 0) {
      return new ZTest(null, null);
    }
    double pooled = (double) (a.conversions() + b.conversions()) / (a.clicks() + b.clicks());
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.clicks() + 1.0 / b.clicks()));
    if (se == 0) {
      return new ZTest(null, null);
    }
    double z = (b.rate() - a.rate()) / se;
    return new ZTest(z, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
  }

  /**
   * Clicks each arm needs for a two-sided test at {@code alpha} to find the difference between
   * rates {@code p1} and {@code p2} with the given power.
   */
  static double clicksPerArm(double p1, double p2, double alpha, double power) {
    double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    double zb = NORMAL.inverseCumulativeProbability(power);
    double mean = (p1 + p2) / 2;
    double root =
        za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return root * root / ((p1 - p2) * (p1 - p2));
  }
}
