package dev.funnel.delayed;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns the training set observable at a time t into a weighted training set for the conversion
 * model, so that the weighted loss under the observed distribution Q estimates the loss under
 * the true distribution P of (features, eventual label). Implementations document their formula
 * and its source; all read only the {@link Snapshot}'s observations (journeys truncated at t),
 * except the {@linkplain #evaluationOnly() evaluation-only} oracle. Auxiliary models are fit on
 * mature rows only ({@link MatureReplay}).
 */
public interface WeightingScheme {
  /** Short name used on the command line and in results ({@code esdfm}). */
  String name();

  /** Parameters of the scheme, recorded in model provenance and evaluation output. */
  Map<String, Object> params();

  /** True for schemes that read eventual labels (the oracle): never for production training. */
  default boolean evaluationOnly() {
    return false;
  }

  WeightedSet weigh(Snapshot snapshot, AuxiliaryLearner aux, SplittableRandom rnd);
}
