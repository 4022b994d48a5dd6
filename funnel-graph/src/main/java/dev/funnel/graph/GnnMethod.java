package dev.funnel.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link DualGnn}-based method (BLADE, its fixed-sampling ablation, GraphSAGE, shallow). */
public final class GnnMethod implements LinkMethod {
  private final String name;
  private final GnnConfig config;
  private final boolean progress;
  private final TrainingCache cache;
  private volatile GnnTrainer.Result last;

  public GnnMethod(String name, GnnConfig config, boolean progress) {
    this(name, config, progress, null);
  }

  public GnnMethod(String name, GnnConfig config, boolean progress, TrainingCache cache) {
    this.name = name;
    this.config = config;
    this.progress = progress;
    this.cache = cache;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LinkScorer train(Graph train, EdgeSample validation, long seed) {
    GnnTrainer.Result r = cache == null ? GnnTrainer.train(train, config, validation, seed, progress)
        : cache.train(train, config, validation, seed, progress);
    last = r;
    return r.embeddings();
  }

  /** The last training run's result (epochs, validation history), or null before training. */
  public GnnTrainer.Result lastResult() {
    return last;
  }

  @Override
  public Map<String, Object> lastRun() {
    GnnTrainer.Result r = last;
    if (r == null) {
      return Map.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("best_epoch", r.bestEpoch());
    m.put("epochs_run", r.epochs());
    m.put("validation_mrr", AdaptiveBlade.finiteOrNull(r.bestValidationMrr()));
    return m;
  }

  @Override
  public Map<String, Object> config() {
    return new LinkedHashMap<>(config.toMap());
  }
}
