package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training configuration of a {@link DualGnn}. Validated at construction; every message names the
 * CLI option.
 *
 * @param architecture which embeddings and neighbourhoods (BLADE = DIRECTED)
 * @param sampling neighbourhood sampling rule (degree-adaptive or fixed)
 * @param dim embedding dimension
 * @param maxEpochs upper bound on epochs (early stopping on validation MRR may stop sooner)
 * @param patience epochs without validation improvement before stopping
 * @param batchSize edges per optimiser step (split across threads)
 * @param negatives uniform random negative targets per edge
 * @param reverseWeight weight of the reverse-edge term (v -> u low for non-reciprocal u -> v)
 * @param learningRate Adagrad learning rate
 * @param inferenceWalks multiplier of the walks used to build the final embeddings
 * @param threads worker threads (each computes gradients on its share of every batch)
 * @param weightedEdges whether an edge's loss is scaled by its weight (count): {@code (1 + ln w)},
 *     normalised to mean 1 over the training edges; otherwise every edge counts alike
 */
public record GnnConfig(
    Architecture architecture,
    SamplingRule sampling,
    int dim,
    int maxEpochs,
    int patience,
    int batchSize,
    int negatives,
    double reverseWeight,
    double learningRate,
    int inferenceWalks,
    int threads,
    boolean weightedEdges) {

  public GnnConfig {
    if (architecture == null) {
      throw new InvalidInputException("architecture", null, "expected directed, symmetric or shallow");
    }
    if (sampling == null) {
      throw new InvalidInputException("sampling", null, "expected a sampling rule");
    }
    check("dim", dim, 1, 1024);
    check("epochs", maxEpochs, 1, 100_000);
    check("patience", patience, 1, 100_000);
    check("batch-size", batchSize, 1, 1 << 20);
    check("negatives", negatives, 1, 1000);
    check("inference-walks", inferenceWalks, 1, 64);
    check("threads", threads, 1, 256);
    if (!(reverseWeight >= 0 && reverseWeight <= 100)) {
      throw new InvalidInputException("reverse-weight", reverseWeight, "expected a number in [0, 100]");
    }
    if (!(learningRate > 0 && learningRate <= 10)) {
      throw new InvalidInputException("lr", learningRate, "expected a number in (0, 10]");
    }
  }

  private static void check(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new InvalidInputException(name, v, "expected an integer in [" + min + ", " + max + "]");
    }
  }

  /**
   * BLADE defaults, fixed a priori (no tuning on any test set): dim 64 and 5 negatives follow
   * common link-prediction practice (GraphSAGE, LINE); row-wise Adagrad as in PyTorch-BigGraph
   * (which uses lr 0.1; 0.05 here because 4 weight matrices share the step); batch 256; reverse
   * weight 1 gives the three loss terms equal standing as in BLADE; at most 60 epochs with
   * early stopping after 5 epochs without validation-MRR gain; 2 threads for the 2-core target
   * machine; final embeddings from 4x the training walks to reduce sampling noise.
   */
  public static GnnConfig blade() {
    return new GnnConfig(Architecture.DIRECTED, SamplingRule.adaptiveDefault(), 64, 60, 5, 256, 5, 1.0, 0.05, 4, 2,
        false);
  }

  public GnnConfig withArchitecture(Architecture a) {
    return new GnnConfig(a, sampling, dim, maxEpochs, patience, batchSize, negatives, reverseWeight, learningRate,
        inferenceWalks, threads, weightedEdges);
  }

  public GnnConfig withSampling(SamplingRule s) {
    return new GnnConfig(architecture, s, dim, maxEpochs, patience, batchSize, negatives, reverseWeight, learningRate,
        inferenceWalks, threads, weightedEdges);
  }

  public GnnConfig withReverseWeight(double w) {
    return new GnnConfig(architecture, sampling, dim, maxEpochs, patience, batchSize, negatives, w, learningRate,
        inferenceWalks, threads, weightedEdges);
  }

  public GnnConfig withEpochs(int epochs) {
    return new GnnConfig(architecture, sampling, dim, epochs, patience, batchSize, negatives, reverseWeight,
        learningRate, inferenceWalks, threads, weightedEdges);
  }

  public GnnConfig withDim(int d) {
    return new GnnConfig(architecture, sampling, d, maxEpochs, patience, batchSize, negatives, reverseWeight,
        learningRate, inferenceWalks, threads, weightedEdges);
  }

  public GnnConfig withLearningRate(double lr) {
    return new GnnConfig(architecture, sampling, dim, maxEpochs, patience, batchSize, negatives, reverseWeight, lr,
        inferenceWalks, threads, weightedEdges);
  }

  public GnnConfig withBatch(int b, int neg, int pat) {
    return new GnnConfig(architecture, sampling, dim, maxEpochs, pat, b, neg, reverseWeight, learningRate,
        inferenceWalks, threads, weightedEdges);
  }

  public GnnConfig withWeightedEdges(boolean w) {
    return new GnnConfig(architecture, sampling, dim, maxEpochs, patience, batchSize, negatives, reverseWeight,
        learningRate, inferenceWalks, threads, w);
  }

  /** The configuration as a flat map (for provenance and JSON output). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("architecture", architecture.name().toLowerCase(java.util.Locale.ROOT));
    m.put("adaptive_sampling", sampling.adaptive());
    m.put("min_walks", sampling.minWalks());
    m.put("max_walks", sampling.maxWalks());
    m.put("max_depth", sampling.maxDepth());
    m.put("hop_decay", sampling.hopDecay());
    m.put("dim", dim);
    m.put("max_epochs", maxEpochs);
    m.put("patience", patience);
    m.put("batch_size", batchSize);
    m.put("negatives", negatives);
    m.put("reverse_weight", reverseWeight);
    m.put("lr", learningRate);
    m.put("inference_walks", inferenceWalks);
    m.put("threads", threads);
    m.put("weighted_edges", weightedEdges);
    return m;
  }
}
