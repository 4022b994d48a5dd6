package dev.funnel.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * Training runs shared between methods of one evaluation: training is deterministic in (graph,
 * validation edges, configuration, seed), so when BLADE's symmetric component and the {@code sage}
 * baseline are the same run it is trained once. Keeps only the runs on the latest training graph
 * (by identity), so a multi-seed evaluation holds one split's models at a time.
 */
public final class TrainingCache {
  private record Key(GnnConfig config, long seed) {}

  private Graph graph;
  private EdgeSample validation;
  private final Map<Key, GnnTrainer.Result> runs = new HashMap<>();

  public synchronized GnnTrainer.Result train(Graph g, GnnConfig cfg, EdgeSample val, long seed, boolean progress) {
    if (g != graph || val != validation) {
      runs.clear();
      graph = g;
      validation = val;
    }
    Key k = new Key(cfg, seed);
    GnnTrainer.Result r = runs.get(k);
    if (r == null) {
      r = GnnTrainer.train(g, cfg, val, seed, progress);
      runs.put(k, r);
    }
    return r;
  }
}
