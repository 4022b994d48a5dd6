package dev.funnel.rank;

import dev.funnel.core.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A score split into a base value plus one contribution per feature, like Lucene's
 * {@code explain()}: {@code total() = base + sum(contributions)}. For LambdaMART the
 * contributions are LightGBM's SHAP values (Lundberg et al. 2020, TreeSHAP).
 */
public record Explanation(double base, List<Contribution> contributions) {
  /**
   * @param feature feature name
   * @param value the feature's value in this row
   * @param contribution how much it moved the score (positive = ranked higher)
   */
  public record Contribution(String feature, double value, double contribution) {
    public Contribution {
      Checks.nonBlank("feature", feature);
      Checks.finite("contribution", contribution);
    }
  }

  public Explanation {
    Checks.finite("base", base);
    contributions = List.copyOf(contributions);
  }

  public double total() {
    double s = base;
    for (Contribution c : contributions) {
      s += c.contribution();
    }
    return s;
  }

  /** The {@code n} non-zero contributions of largest magnitude, largest first. */
  public List<Contribution> top(int n) {
    Checks.atLeast("n", n, 0);
    List<Contribution> c = new ArrayList<>();
    for (Contribution x : contributions) {
      if (x.contribution() != 0) {
        c.add(x);
      }
    }
    c.sort(Comparator.comparingDouble((Contribution x) -> -Math.abs(x.contribution())).thenComparing(Contribution::feature));
    return List.copyOf(c.subList(0, Math.min(n, c.size())));
  }
}
