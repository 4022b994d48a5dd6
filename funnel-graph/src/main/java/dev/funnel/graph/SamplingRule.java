package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;

/**
 * How many random walks, and how deep, sample the neighbourhood of a node.
 *
 * <p><b>Degree-adaptive rule</b> (BLADE, Virinchi et al., WSDM 2023: low-degree nodes need larger,
 * farther-reaching neighbourhoods; high-degree nodes already have enough direct neighbours). For a
 * node of total degree {@code D} (in + out, in the training graph) and the graph's mean total
 * degree {@code d0}, let {@code r = d0 / (d0 + D)} (1 for isolated nodes, 1/2 at the mean degree,
 * towards 0 for hubs). Then
 *
 * <pre>
 *   walks(D) = round(minWalks + (maxWalks - minWalks) * r)
 *   depth(D) = 1 + round((maxDepth - 1) * r)
 * </pre>
 *
 * Each walk starts at the node and takes up to {@code depth} uniform steps along the channel's
 * direction (stopping at a dead end); the node reached at hop {@code h} gets weight
 * {@code hopDecay^(h-1)}, and weights are normalised to sum to 1.
 *
 * <p><b>Fixed rule</b> (the ablation and GraphSAGE): {@code walks = fixedWalks}, depth 1 for every
 * node, i.e. uniform sampling of direct neighbours with replacement.
 */
public record SamplingRule(boolean adaptive, int minWalks, int maxWalks, int maxDepth, double hopDecay) {
  public SamplingRule {
    if (minWalks < 1) {
      throw new InvalidInputException("min-walks", minWalks, "expected an integer >= 1");
    }
    if (maxWalks < minWalks) {
      throw new InvalidInputException("max-walks", maxWalks, "expected an integer >= min-walks (" + minWalks + ")");
    }
    if (maxDepth < 1 || maxDepth > 8) {
      throw new InvalidInputException("max-depth", maxDepth, "expected an integer in [1, 8]");
    }
    if (!(hopDecay > 0 && hopDecay <= 1)) {
      throw new InvalidInputException("hop-decay", hopDecay, "expected a number in (0, 1]");
    }
    if (!adaptive && (minWalks != maxWalks || maxDepth != 1)) {
      throw new InvalidInputException("sampling", minWalks + "/" + maxWalks + "/" + maxDepth,
          "expected min-walks = max-walks and depth 1 for fixed-size sampling");
    }
  }

  /**
   * Defaults, fixed a priori: 5 to 25 walks of depth up to 3 with hop decay 0.5. GraphSAGE
   * samples 25 first-hop and 10 second-hop neighbours (Hamilton et al. 2017): 25 walks is the
   * budget of an isolated node, and a hub keeps 5; 3 hops is where 2-hop GNNs stop gaining on
   * citation graphs; decay 0.5 halves the weight of each extra hop.
   */
  public static SamplingRule adaptiveDefault() {
    return new SamplingRule(true, 5, 25, 3, 0.5);
  }

  public static SamplingRule fixed(int walks) {
    return new SamplingRule(false, walks, walks, 1, 1.0);
  }

  /** The fixed-size rule with the same number of walks as this rule gives a node of mean degree. */
  public SamplingRule fixedEquivalent() {
    return fixed((int) Math.round(minWalks + (maxWalks - minWalks) * 0.5));
  }

  public int walks(int degree, double meanDegree) {
    if (!adaptive) {
      return minWalks;
    }
    return (int) Math.round(minWalks + (maxWalks - minWalks) * ratio(degree, meanDegree));
  }

  public int depth(int degree, double meanDegree) {
    if (!adaptive) {
      return 1;
    }
    return 1 + (int) Math.round((maxDepth - 1) * ratio(degree, meanDegree));
  }

  private static double ratio(int degree, double meanDegree) {
    double d0 = Math.max(meanDegree, 1e-9);
    return d0 / (d0 + degree);
  }
}
