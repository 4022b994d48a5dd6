package dev.funnel.uncertainty;

/**
 * Anything that returns a score and its uncertainty for an input: a {@link BootstrapEnsemble}
 * over feature rows, or a {@link BetaEvidenceModel} over keys with evidence counts.
 *
 * @param <X> the input type (a feature row, a key...)
 */
public interface UncertaintyModel<X> {
  /** A short stable name for results and provenance. */
  String name();

  Estimate estimate(X input);
}
