package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The threshold tables of one method for several target precisions. A request for precision
 * {@code P} uses the reachable table with the smallest target {@code >= P} (never a laxer one);
 * when every reachable target is below {@code P} the request fails naming {@code precision}.
 */
public record DecisionPolicy(String method, List<ThresholdTable> tables) {
  public DecisionPolicy {
    dev.funnel.core.Checks.nonBlank("method", method);
    List<ThresholdTable> sorted = new ArrayList<>(tables);
    sorted.sort(Comparator.comparingDouble(ThresholdTable::targetPrecision));
    for (ThresholdTable t : sorted) {
      if (!t.method().equals(method)) {
        throw new InvalidInputException("tables.method", t.method(), "expected every table of method " + method);
      }
    }
    tables = List.copyOf(sorted);
  }

  /** The table to apply for a requested minimum precision. */
  public ThresholdTable tableFor(double precision) {
    if (!(precision > 0 && precision <= 1)) {
      throw new InvalidInputException("precision", precision, "expected a precision in (0, 1]");
    }
    double highest = Double.NaN;
    for (ThresholdTable t : tables) {
      if (!t.reachable()) {
        continue;
      }
      highest = t.targetPrecision();
      if (t.targetPrecision() >= precision - 1e-9) {
        return t;
      }
    }
    throw new InvalidInputException("precision", precision, Double.isNaN(highest)
        ? "expected a precision the deployed model has a table for, but none of its tables " + targets() + " is reachable"
        : "expected at most " + highest + ", the highest reachable target precision of the deployed model's tables " + targets());
  }

  public boolean accept(double score, double uncertainty, double precision) {
    return tableFor(precision).accept(score, uncertainty);
  }

  private List<Double> targets() {
    return tables.stream().map(ThresholdTable::targetPrecision).toList();
  }
}
