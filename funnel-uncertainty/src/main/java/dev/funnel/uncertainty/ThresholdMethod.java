package dev.funnel.uncertainty;

/**
 * Chooses a {@link ThresholdTable} on a validation set for a target precision, maximising
 * recall. {@code bins} is the number of equal-count uncertainty bins to use (methods that do not
 * use uncertainty ignore it).
 */
public interface ThresholdMethod {
  /** {@code global}, {@code dp} or {@code isotonic}. */
  String name();

  /** Whether {@code bins} matters (so a bin count should be chosen for it). */
  boolean usesBins();

  ThresholdTable fit(ScoredSet validation, double precision, int bins);

  /** The three methods, baseline first. */
  static java.util.List<ThresholdMethod> all() {
    return java.util.List.of(new GlobalThreshold(), new DpThresholds(), new IsotonicThresholds());
  }

  /** The method called {@code name}. */
  static ThresholdMethod named(String name) {
    for (ThresholdMethod m : all()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new dev.funnel.core.InvalidInputException("method", name, "expected one of global, dp, isotonic");
  }
}
