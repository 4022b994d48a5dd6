package dev.funnel.delayed;

import dev.funnel.ml.Gbm;
import dev.funnel.ml.GbmDataset;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;

/**
 * Trains the conversion model (LightGBM binary objective through funnel-ml) on a weighted set.
 * Defaults: 100 rounds at learning rate 0.1 (LightGBM's default rate), 15 leaves and at least 100
 * rows per leaf: with conversion rates of a few percent a leaf of 100 rows holds only a few
 * positives, and smaller leaves fit noise (LightGBM's parameter-tuning guide recommends raising
 * min_data_in_leaf against over-fitting). One thread: training sets of tens of thousands of rows
 * gain little from OpenMP, whose spin-waiting threads slow down badly on a busy 2-core machine.
 */
public final class ConversionTrainer {
  private ConversionTrainer() {}

  public static GbmParams defaultParams(long seed) {
    return GbmParams.binary(100, seed).withLeaves(15, 100).withExtra("num_threads", "1");
  }

  public static GbmModel train(WeightedSet set, FeatureSpec spec, GbmParams params) {
    GbmParams p = spec.categorical().isEmpty() ? params : params.withExtra("categorical_feature", spec.lightGbmCategorical());
    return Gbm.train(new GbmDataset(set.features(), set.labels(), set.weights(), null, spec.names()), p);
  }
}
