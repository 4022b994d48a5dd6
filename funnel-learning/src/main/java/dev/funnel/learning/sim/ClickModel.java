package dev.funnel.learning.sim;

import dev.funnel.core.Checks;

/**
 * The position-based click model of the simulated users (Craswell et al. 2008; Wang et al. WSDM
 * 2016): a user examines position {@code p} (1-based) with probability {@code (1/p)^eta} and
 * clicks an examined item with a probability set by its relevance grade, so
 * {@code P(click | p, grade) = (1/p)^eta * (grade > 0 ? relevantClick : irrelevantClick)}.
 * Clicks on different positions are independent.
 *
 * <p>Defaults ({@link #DEFAULT}): eta = 1, the position bias of Joachims, Swaminathan and
 * Schnabel (WSDM 2017); click probabilities 0.95 for relevant and 0.05 for non-relevant items,
 * the binary "navigational" user of Oosterhuis and de Rijke's click simulations (after Chuklin,
 * Markov and de Rijke 2015): users who click what they look for, with a little noise.
 */
public record ClickModel(double eta, double relevantClick, double irrelevantClick, int depth) {
  public static final ClickModel DEFAULT = new ClickModel(1.0, 0.95, 0.05, 10);

  public ClickModel {
    Checks.nonNegative("eta", eta);
    Checks.inRange("relevant_click", relevantClick, 0, 1);
    Checks.inRange("irrelevant_click", irrelevantClick, 0, 1);
    Checks.atLeast("depth", depth, 1);
  }

  /** Probability that a user looks at position {@code position} (1-based); 0 below the depth. */
  public double examination(int position) {
    Checks.atLeast("position", position, 1);
    return position > depth ? 0 : Math.pow(1.0 / position, eta);
  }

  /** Probability of a click on an item of relevance {@code grade} (qrels score; 0 = not relevant) shown at {@code position}. */
  public double clickProbability(int position, int grade) {
    return examination(position) * (grade > 0 ? relevantClick : irrelevantClick);
  }

  /** Probability of at least one click on a list whose grades by position are {@code grades}. */
  public double anyClickProbability(int[] grades) {
    double none = 1;
    for (int i = 0; i < grades.length; i++) {
      none *= 1 - clickProbability(i + 1, grades[i]);
    }
    return 1 - none;
  }
}
