package dev.funnel.cli.graph;

import dev.funnel.graph.AdaptiveBlade;
import dev.funnel.graph.Architecture;
import dev.funnel.graph.GnnConfig;
import dev.funnel.graph.MixSelection;
import dev.funnel.graph.SamplingRule;
import picocli.CommandLine.Option;

/** BLADE training options shared by the graph commands; defaults are {@link GnnConfig#blade()}. */
public final class BladeOptions {
  private static final GnnConfig D = GnnConfig.blade();
  private static final SamplingRule S = SamplingRule.adaptiveDefault();

  @Option(names = "--dim", description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
  int dim = D.dim();

  @Option(names = "--epochs", description = "Maximum epochs; early stopping on validation MRR (default: ${DEFAULT-VALUE}).")
  int epochs = D.maxEpochs();

  @Option(names = "--patience", description = "Epochs without validation gain before stopping (default: ${DEFAULT-VALUE}).")
  int patience = D.patience();

  @Option(names = "--batch-size", description = "Edges per optimiser step (default: ${DEFAULT-VALUE}).")
  int batchSize = D.batchSize();

  @Option(names = "--negatives", description = "Random negatives per edge (default: ${DEFAULT-VALUE}).")
  int negatives = D.negatives();

  @Option(names = "--reverse-weight", description = "Weight of the reverse-edge loss term (default: ${DEFAULT-VALUE}).")
  double reverseWeight = D.reverseWeight();

  @Option(names = "--lr", description = "Adagrad learning rate (default: ${DEFAULT-VALUE}).")
  double lr = D.learningRate();

  @Option(names = "--min-walks", description = "Walks sampled for the highest-degree nodes (default: ${DEFAULT-VALUE}).")
  int minWalks = S.minWalks();

  @Option(names = "--max-walks", description = "Walks sampled for isolated / lowest-degree nodes (default: ${DEFAULT-VALUE}).")
  int maxWalks = S.maxWalks();

  @Option(names = "--max-depth", description = "Walk depth (hops) for the lowest-degree nodes (default: ${DEFAULT-VALUE}).")
  int maxDepth = S.maxDepth();

  @Option(names = "--hop-decay", description = "Weight factor per extra hop (default: ${DEFAULT-VALUE}).")
  double hopDecay = S.hopDecay();

  @Option(names = "--fixed-sampling", description = "Fixed-size 1-hop sampling instead of degree-adaptive (ablation).")
  boolean fixedSampling;

  @Option(names = "--inference-walks", description = "Walk multiplier for the final embeddings (default: ${DEFAULT-VALUE}).")
  int inferenceWalks = D.inferenceWalks();

  @Option(names = "--threads", description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads = D.threads();

  @Option(names = "--weighted-edges", description = "Scale each edge's loss by 1 + ln(weight), normalised to mean 1 (edge counts).")
  boolean weightedEdges;

  @Option(names = "--tune-dims", split = ",", description = "BLADE: dimensions tried on validation (default: --dim).")
  java.util.List<Integer> tuneDims;

  @Option(names = "--tune-reverse-weights", split = ",",
      description = "BLADE: reverse-edge weights tried on validation (default: --reverse-weight and a quarter of it).")
  java.util.List<Double> tuneReverseWeights;

  @Option(names = "--tune-max-walks", split = ",", description = "BLADE: max walks tried on validation (default: --max-walks).")
  java.util.List<Integer> tuneMaxWalks;

  @Option(names = "--no-symmetric-mix", description = "BLADE: no symmetric component (directed score only).")
  boolean noMix;

  @Option(names = "--no-cold-start", description = "BLADE: keep the trained source embedding of nodes without out-edges.")
  boolean noColdStart;

  @Option(names = "--no-degree-prior", description = "BLADE: no validated in-degree prior term in the score.")
  boolean noDegreePrior;

  @Option(names = "--mix-selection", defaultValue = "one-se",
      description = "BLADE: how the score mix is chosen on validation: one-se (fewest components within one "
          + "paired standard error of the best validation MRR) or best (highest validation MRR) (default: ${DEFAULT-VALUE}).")
  String mixSelection;

  /** The validation grid and switches of {@link AdaptiveBlade}. */
  public AdaptiveBlade.Tuning tuning() {
    GnnConfig c = config();
    AdaptiveBlade.Tuning d = AdaptiveBlade.Tuning.defaults(c);
    return new AdaptiveBlade.Tuning(tuneDims != null ? tuneDims : d.dims(),
        tuneReverseWeights != null ? tuneReverseWeights : d.reverseWeights(),
        tuneMaxWalks != null ? tuneMaxWalks : d.maxWalks(), !noMix, !noColdStart,
        !noDegreePrior, MixSelection.parse(mixSelection));
  }

  public GnnConfig config() {
    SamplingRule rule = new SamplingRule(true, minWalks, maxWalks, maxDepth, hopDecay);
    if (fixedSampling) {
      rule = rule.fixedEquivalent();
    }
    return new GnnConfig(Architecture.DIRECTED, rule, dim, epochs, patience, batchSize, negatives, reverseWeight, lr,
        inferenceWalks, threads, weightedEdges);
  }
}
