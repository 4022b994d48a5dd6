package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Invariants every {@link LinkMethod} must satisfy: finite scores for every pair, the same scores
 * for the same seed, and held-out edges of a planted directed graph ranked clearly better
 * than chance (1.5 x the chance MRR). Each implementation gets a subclass naming the method.
 */
abstract class LinkMethodContract {
  /** Small budget so the suite stays fast: dim 16, 100 epochs (patience 100: no early stop), batch 16, lr 0.2. */
  static final GnnConfig SMALL = GnnConfig.blade().withDim(16).withEpochs(100).withBatch(16, 5, 100).withLearningRate(0.2);

  abstract LinkMethod method();

  private final Graph graph = PlantedGraph.generate(8, 16, 4, 5);

  @Test
  void scoresAreFiniteForEveryPair() {
    long seed = 3;
    LinkScorer s = method().train(graph, EdgeSample.EMPTY, seed);
    assertEquals(graph.nodeCount(), s.nodeCount());
    float[] all = new float[s.nodeCount()];
    for (int u = 0; u < graph.nodeCount(); u++) {
      s.scoreAll(u, all);
      for (int v = 0; v < graph.nodeCount(); v++) {
        assertTrue(Float.isFinite(all[v]), "scoreAll(" + u + ")[" + v + "] = " + all[v] + ", seed " + seed);
        assertEquals(s.score(u, v), all[v], 1e-4, "score vs scoreAll at (" + u + ", " + v + "), seed " + seed);
      }
    }
  }

  @Test
  void sameSeedGivesSameScores() {
    long seed = 17;
    LinkScorer a = method().train(graph, EdgeSample.EMPTY, seed);
    LinkScorer b = method().train(graph, EdgeSample.EMPTY, seed);
    for (int u = 0; u < graph.nodeCount(); u += 7) {
      for (int v = 0; v < graph.nodeCount(); v += 5) {
        assertEquals(a.score(u, v), b.score(u, v), 0.0, "score(" + u + ", " + v + ") differs, seed " + seed);
      }
    }
  }

  @Test
  void ranksHeldOutEdgesOfAPlantedGraphFarAboveChance() {
    long seed = 23;
    EdgeSplit split = EdgeSplit.of(graph, 0.05, 0.15, seed);
    LinkMethod method = method();
    LinkScorer s = method.train(split.train(), split.validation(), seed);
    String history = method instanceof GnnMethod g ? ", validation MRR per epoch " + g.lastResult().validationMrr() : "";
    double mrr = LinkEvaluation.evaluate(s, graph, split.train(), split.test()).overall().mrr();
    int n = graph.nodeCount();
    double harmonic = 0;
    for (int i = 1; i <= n; i++) {
      harmonic += 1.0 / i;
    }
    double chance = harmonic / n; // expected reciprocal rank of a random ranking over n nodes (upper bound)
    assertTrue(mrr > 1.5 * chance, method().name() + ": held-out MRR " + mrr + " not above 1.5 x chance " + chance
        + ", seed " + seed + history);
  }
}

class BladeContractTest extends LinkMethodContract {
  @Override
  LinkMethod method() {
    return Methods.create("blade", SMALL, false);
  }
}

class BladeFixedContractTest extends LinkMethodContract {
  @Override
  LinkMethod method() {
    return Methods.create("blade-fixed", SMALL, false);
  }
}

class SageContractTest extends LinkMethodContract {
  @Override
  LinkMethod method() {
    return Methods.create("sage", SMALL, false);
  }
}

class ShallowContractTest extends LinkMethodContract {
  @Override
  LinkMethod method() {
    return Methods.create("shallow", SMALL, false);
  }
}

class PopularityContractTest extends LinkMethodContract {
  @Override
  LinkMethod method() {
    return Methods.create("popularity", SMALL, false);
  }
}

class BladeDirectedContractTest extends LinkMethodContract {
  @Override
  LinkMethod method() {
    return Methods.create("blade-directed", SMALL, false);
  }
}
