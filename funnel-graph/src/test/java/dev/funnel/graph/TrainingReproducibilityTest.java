package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Training gives the same model, bit for bit, as it did before the SIMD kernels, the parallel
 * optimiser step and the inlined walk draws: the fingerprints below were computed with the earlier
 * scalar training code on this graph and configuration (2 epochs, seed 11). So the speed work
 * changed no figure, and the results stay reproducible for a seed and a thread count.
 */
class TrainingReproducibilityTest {
  private static final Graph GRAPH = SyntheticGraph.generate(1000, 8000, 2.1, 7);

  private static String fingerprint(Architecture arch, int threads) {
    GnnConfig base = GnnConfig.blade();
    GnnConfig cfg = new GnnConfig(arch, base.sampling(), base.dim(), 2, base.patience(), base.batchSize(),
        base.negatives(), base.reverseWeight(), base.learningRate(), base.inferenceWalks(), threads, false);
    DualEmbeddings e = GnnTrainer.train(GRAPH, cfg, EdgeSample.EMPTY, 11, false).embeddings();
    long h = 1125899906842597L;
    for (int u = 0; u < e.nodeCount(); u++) {
      for (float x : e.source(u)) {
        h = 31 * h + Float.floatToRawIntBits(x);
      }
      for (float x : e.target(u)) {
        h = 31 * h + Float.floatToRawIntBits(x);
      }
    }
    return Long.toHexString(h);
  }

  @Test
  void bladeOnOneTwoAndThreeThreadsIsTheEarlierModel() {
    assertEquals("9fdd522f00a9065f", fingerprint(Architecture.DIRECTED, 1));
    assertEquals("50d98a3cfc739c31", fingerprint(Architecture.DIRECTED, 2));
    assertEquals("b3cb76b4b2f06b1d", fingerprint(Architecture.DIRECTED, 3));
  }

  @Test
  void symmetricAndShallowModelsAreTheEarlierModels() {
    assertEquals("3ac2b8d83c180daf", fingerprint(Architecture.SYMMETRIC, 2));
    assertEquals("517ccb4f02c08a7a", fingerprint(Architecture.SHALLOW, 2));
  }
}
