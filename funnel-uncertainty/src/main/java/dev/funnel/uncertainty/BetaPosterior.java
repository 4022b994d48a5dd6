package dev.funnel.uncertainty;

import dev.funnel.core.Checks;

/**
 * The conjugate Beta posterior of a rate after {@code k} positives in {@code n} trials, from a
 * {@code Beta(alpha, beta)} prior: {@code Beta(alpha + k, beta + n - k)}, with mean
 * {@code (alpha + k) / (alpha + beta + n)} and variance
 * {@code mean (1 - mean) / (alpha + beta + n + 1)} (Gelman et al., Bayesian Data Analysis, 3rd ed.,
 * Section 2.4). The estimate's uncertainty is the posterior standard deviation.
 */
public record BetaPosterior(double alpha, double beta) {
  public BetaPosterior {
    Checks.positive("alpha", alpha);
    Checks.positive("beta", beta);
  }

  public Estimate posterior(long positives, long trials) {
    Checks.atLeast("positives", positives, 0);
    if (trials < positives) {
      throw new dev.funnel.core.InvalidInputException("trials", trials, "expected trials >= positives (" + positives + ")");
    }
    double total = alpha + beta + trials;
    double mean = (alpha + positives) / total;
    return new Estimate(mean, Math.sqrt(mean * (1 - mean) / (total + 1)));
  }

  /**
   * An empirical-Bayes prior by the method of moments over groups with {@code positives[i]} of
   * {@code trials[i]}: the prior mean is the pooled rate {@code m}; the between-group variance
   * {@code v} is the trial-weighted variance of the group rates minus the binomial noise
   * {@code m(1-m)} times the mean of {@code 1/n} (so pure noise does not look like signal); then
   * {@code alpha + beta = m(1-m)/v - 1}. When no between-group variance remains, the prior
   * strength falls back to {@code fallbackStrength} pseudo-trials.
   */
  public static BetaPosterior fit(long[] positives, long[] trials, double fallbackStrength) {
    Checks.positive("fallbackStrength", fallbackStrength);
    double pos = 0;
    double tot = 0;
    int groups = 0;
    double invN = 0;
    for (int i = 0; i < trials.length; i++) {
      if (trials[i] > 0) {
        pos += positives[i];
        tot += trials[i];
        groups++;
        invN += 1.0 / trials[i];
      }
    }
    if (tot == 0) {
      throw new dev.funnel.core.InvalidInputException("trials", 0, "expected at least one group with trials to fit a prior on");
    }
    double m = Math.min(1 - 1e-6, Math.max(1e-6, pos / tot));
    double var = 0;
    for (int i = 0; i < trials.length; i++) {
      if (trials[i] > 0) {
        double r = (double) positives[i] / trials[i];
        var += trials[i] * (r - m) * (r - m);
      }
    }
    var /= tot;
    double between = var - m * (1 - m) * invN / groups;
    double strength = between > 0 && between < m * (1 - m) ? m * (1 - m) / between - 1 : fallbackStrength;
    strength = Math.max(strength, 1e-3);
    return new BetaPosterior(m * strength, (1 - m) * strength);
  }
}
