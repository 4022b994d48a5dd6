package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.List;

/**
 * The methods of the evaluation harness by name, all sharing one budget (dimension, epochs,
 * batch, negatives, walks) taken from the BLADE configuration:
 *
 * <ul>
 *   <li>{@code blade}: directed dual embeddings, degree-adaptive sampling, reverse-edge loss;
 *   <li>{@code blade-fixed}: the same with fixed-size 1-hop sampling (ablation), with as many
 *       walks as the adaptive rule gives a node of mean degree;
 *   <li>{@code sage}: symmetric single embedding, mean aggregator over the undirected 1-hop
 *       neighbourhood (GraphSAGE-style), same fixed sample size, no reverse term (a symmetric
 *       score cannot use it);
 *   <li>{@code shallow}: source/target ID embeddings only, edge + negative loss;
 *   <li>{@code popularity}: in-degree.
 * </ul>
 */
public final class Methods {
  public static final List<String> ALL = List.of("blade", "blade-fixed", "sage", "shallow", "popularity");

  private Methods() {}

  public static LinkMethod create(String name, GnnConfig blade, boolean progress) {
    SamplingRule fixed = blade.sampling().fixedEquivalent();
    return switch (name) {
      case "blade" -> new GnnMethod(name, blade, progress);
      case "blade-fixed" -> new GnnMethod(name, blade.withSampling(fixed), progress);
      case "sage" -> new GnnMethod(name,
          blade.withArchitecture(Architecture.SYMMETRIC).withSampling(fixed).withReverseWeight(0), progress);
      case "shallow" -> new GnnMethod(name,
          blade.withArchitecture(Architecture.SHALLOW).withSampling(fixed).withReverseWeight(0), progress);
      case "popularity" -> new Popularity();
      default -> throw new InvalidInputException("methods", name, "expected one of " + String.join(", ", ALL));
    };
  }
}
