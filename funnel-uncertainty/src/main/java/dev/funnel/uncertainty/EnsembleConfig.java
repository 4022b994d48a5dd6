package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.ml.GbmParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the bootstrap ensemble: member count, per-member boosting rounds and LightGBM
 * threads. Members use LightGBM's defaults otherwise (learning rate 0.1, 31 leaves, 20 rows per
 * leaf; see {@link GbmParams}). 100 rounds at rate 0.1 is LightGBM's default budget; 2 threads
 * match the 2-core machines Funnel targets (1 is faster for tiny data on a busy machine).
 */
public record EnsembleConfig(int members, int rounds, int threads) {
  public EnsembleConfig {
    Checks.atLeast("members", members, 2);
    Checks.atLeast("rounds", rounds, 1);
    Checks.atLeast("threads", threads, 1);
  }

  public static EnsembleConfig defaults() {
    return new EnsembleConfig(BootstrapEnsemble.DEFAULT_MEMBERS, 100, 2);
  }

  public GbmParams params(long seed) {
    GbmParams p = GbmParams.binary(rounds, seed);
    return new GbmParams(p.objective(), p.rounds(), p.learningRate(), p.numLeaves(), p.minDataInLeaf(), p.featureFraction(),
        p.baggingFraction(), threads, p.seed(), p.extra());
  }

  public BootstrapEnsemble train(FeatureTable data, long seed) {
    return BootstrapEnsemble.train(data.dataset(), params(seed), members, seed);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("members", members);
    m.put("rounds", rounds);
    m.put("gbm", params(0).toLightGbm().replace(" seed=0", ""));
    return m;
  }
}
