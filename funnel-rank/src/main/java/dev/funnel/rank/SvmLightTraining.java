package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.ml.Gbm;
import dev.funnel.ml.GbmDataset;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains a LambdaMART ranker on labelled learning-to-rank data read by {@link SvmLightData}
 * (SVMlight/LETOR files: grades per row, queries as groups, NaN for missing values, which
 * LightGBM treats as missing). A seeded share of the queries is held out: the model is trained on
 * the rest and its held-out nDCG@10, in both gain conventions ({@link LtrMetrics}), is stored in
 * the model's provenance. With fewer than two queries nothing is held out.
 */
public final class SvmLightTraining {
  /**
   * @param ranker the trained model (its provenance holds the validation metrics)
   * @param trainQueries queries trained on
   * @param validationQueries queries held out (0: none)
   */
  public record Result(LambdaMartRanker ranker, int trainQueries, int validationQueries) {}

  private SvmLightTraining() {}

  /**
   * Holds out each query with probability {@code validationFraction} (seeded by {@code
   * params.seed()}), trains on the others and validates on the held-out ones.
   */
  public static Result train(SvmLightData data, GbmParams params, double validationFraction, String source) {
    Checks.inRange("validation_fraction", validationFraction, 0, 0.9);
    SplittableRandom rnd = new SplittableRandom(params.seed());
    List<Integer> train = new ArrayList<>();
    List<Integer> valid = new ArrayList<>();
    for (int q = 0; q < data.groups().length; q++) {
      (rnd.nextDouble() < validationFraction ? valid : train).add(q);
    }
    if (train.isEmpty() || data.groups().length < 2) {
      train.addAll(valid);
      train.sort(null);
      valid.clear();
    }
    SvmLightData tr = data.queries(train.stream().mapToInt(Integer::intValue).toArray());
    FeatureSchema schema = FeatureSchema.numbered(1, data.columns());
    GbmModel model = Gbm.train(new GbmDataset(tr.features(), tr.labels(), null, tr.groups(), schema.names()), params);
    ModelProvenance p = new ModelProvenance(source + " (" + data.groups().length + " queries: " + train.size() + " for training, "
        + valid.size() + " held out for validation)", tr.labels().length, tr.groups().length, null, null, params.toLightGbm(), params.seed(),
        Gbm.libraryVersion(), "none", Map.of());
    LambdaMartRanker ranker = new LambdaMartRanker(schema, model, p);
    if (!valid.isEmpty()) {
      SvmLightData va = data.queries(valid.stream().mapToInt(Integer::intValue).toArray());
      double[] s = ranker.score(Arrays.asList(va.features()));
      Map<String, Double> m = new TreeMap<>();
      m.put("queries", (double) va.groups().length);
      m.put("ndcg@10", LtrMetrics.meanNdcg(s, va.labels(), va.groups(), 10, LtrMetrics.Gain.LINEAR));
      m.put("ndcg_exp@10", LtrMetrics.meanNdcg(s, va.labels(), va.groups(), 10, LtrMetrics.Gain.EXPONENTIAL));
      ranker = new LambdaMartRanker(schema, model, p.withValidation(m));
    }
    return new Result(ranker, train.size(), valid.size());
  }
}
