package dev.funnel.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link DualGnn}-based method (BLADE, its fixed-sampling ablation, GraphSAGE, shallow). */
public final class GnnMethod implements LinkMethod {
  private final String name;
  private final GnnConfig config;
  private final boolean progress;
  private volatile GnnTrainer.Result last;

  public GnnMethod(String name, GnnConfig config, boolean progress) {
    this.name = name;
    this.config = config;
    this.progress = progress;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LinkScorer train(Graph train, EdgeSample validation, long seed) {
    GnnTrainer.Result r = GnnTrainer.train(train, config, validation, seed, progress);
    last = r;
    return r.embeddings();
  }

  /** The last training run's result (epochs, validation history), or null before training. */
  public GnnTrainer.Result lastResult() {
    return last;
  }

  @Override
  public Map<String, Object> config() {
    return new LinkedHashMap<>(config.toMap());
  }
}
