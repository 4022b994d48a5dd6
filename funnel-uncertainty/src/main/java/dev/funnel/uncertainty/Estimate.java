package dev.funnel.uncertainty;

import dev.funnel.core.Checks;

/**
 * A prediction with its uncertainty: {@code score} estimates the probability of the positive
 * class, {@code uncertainty} is the spread of that estimate (a standard deviation, so 0 means
 * certain). Both finite, uncertainty >= 0.
 */
public record Estimate(double score, double uncertainty) {
  public Estimate {
    Checks.finite("score", score);
    Checks.nonNegative("uncertainty", uncertainty);
  }
}
