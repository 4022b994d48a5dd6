package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.ml.GbmParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the bootstrap ensemble: member count and per-member boosting rounds. Members use
 * LightGBM's defaults otherwise (learning rate 0.1, 31 leaves, 20 rows per leaf; see
 * {@link GbmParams}). 100 rounds at rate 0.1 is LightGBM's default budget.
 */
public record EnsembleConfig(int members, int rounds) {
  public EnsembleConfig {
    Checks.atLeast("members", members, 2);
    Checks.atLeast("rounds", rounds, 1);
  }

  public static EnsembleConfig defaults() {
    return new EnsembleConfig(BootstrapEnsemble.DEFAULT_MEMBERS, 100);
  }

  public BootstrapEnsemble train(FeatureTable data, long seed) {
    return BootstrapEnsemble.train(data.dataset(), GbmParams.binary(rounds, seed), members, seed);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("members", members);
    m.put("rounds", rounds);
    m.put("gbm", GbmParams.binary(rounds, 0).toLightGbm().replace(" seed=0", ""));
    return m;
  }
}
