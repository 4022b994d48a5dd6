package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.List;

/**
 * The methods of the evaluation harness by name, all sharing one budget (dimension, epochs,
 * batch, negatives, walks) taken from the BLADE configuration:
 *
 * <ul>
 *   <li>{@code blade}: {@link AdaptiveBlade}: the directed model tuned on validation, cold-start
 *       sources from the in-neighbourhood, and a validated mix with a symmetric component;
 *   <li>{@code blade-directed}: the directed model alone with the configuration as given
 *       (BLADE before adaptation: no tuning, no cold-start fill, no symmetric component);
 *   <li>{@code blade-fixed}: blade-directed with fixed-size 1-hop sampling (ablation), with as
 *       many walks as the adaptive rule gives a node of mean degree;
 *   <li>{@code sage}: symmetric single embedding, mean aggregator over the undirected 1-hop
 *       neighbourhood (GraphSAGE-style), same fixed sample size, no reverse term (a symmetric
 *       score cannot use it);
 *   <li>{@code shallow}: source/target ID embeddings only, edge + negative loss;
 *   <li>{@code popularity}: in-degree.
 * </ul>
 */
public final class Methods {
  public static final List<String> ALL = List.of("blade", "blade-directed", "blade-fixed", "sage", "shallow", "popularity");

  private Methods() {}

  public static LinkMethod create(String name, GnnConfig blade, boolean progress) {
    return create(name, blade, AdaptiveBlade.Tuning.defaults(blade), progress, null);
  }

  /** As {@link #create(String, GnnConfig, boolean)}, with BLADE's tuning grid and a cache shared by the methods of one run. */
  public static LinkMethod create(String name, GnnConfig blade, AdaptiveBlade.Tuning tuning, boolean progress,
      TrainingCache cache) {
    SamplingRule fixed = blade.sampling().fixedEquivalent();
    return switch (name) {
      case "blade" -> new AdaptiveBlade(name, blade, tuning, progress, cache);
      case "blade-directed" -> new GnnMethod(name, blade, progress, cache);
      case "blade-fixed" -> new GnnMethod(name, blade.withSampling(fixed), progress, cache);
      case "sage" -> new GnnMethod(name, AdaptiveBlade.symmetricConfig(blade), progress, cache);
      case "shallow" -> new GnnMethod(name,
          blade.withArchitecture(Architecture.SHALLOW).withSampling(fixed).withReverseWeight(0), progress, cache);
      case "popularity" -> new Popularity();
      default -> throw new InvalidInputException("methods", name, "expected one of " + String.join(", ", ALL));
    };
  }
}
