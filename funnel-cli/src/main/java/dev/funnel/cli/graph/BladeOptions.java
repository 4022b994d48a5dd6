package dev.funnel.cli.graph;

import dev.funnel.graph.Architecture;
import dev.funnel.graph.GnnConfig;
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

  public GnnConfig config() {
    SamplingRule rule = new SamplingRule(true, minWalks, maxWalks, maxDepth, hopDecay);
    if (fixedSampling) {
      rule = rule.fixedEquivalent();
    }
    return new GnnConfig(Architecture.DIRECTED, rule, dim, epochs, patience, batchSize, negatives, reverseWeight, lr,
        inferenceWalks, threads);
  }
}
