package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.Gbm;
import dev.funnel.ml.GbmDataset;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains LambdaMART rankers with LightGBM's {@code lambdarank} objective, from a matrix (e.g.
 * SVMlight data) or from logged impressions with feedback, with inverse-propensity weighting.
 *
 * <p><b>Position-bias correction.</b> LightGBM multiplies each row's lambda gradient and hessian by
 * the row's weight after computing the query's lambdas (rank_objective.hpp, {@code GetGradients}),
 * so a per-row weight scales only that row's side of each pair, not the pair. Inverse-propensity
 * weighting must weight a pair (clicked i, unclicked j) by 1/θ(position of i) (Joachims, Swaminathan
 * &amp; Schnabel, WSDM 2017, propensity-weighted pairwise loss). To get exactly that, each request
 * with positives is expanded into one group per positive row i: i with its grade plus every row of
 * the request with a lower grade, relabelled 0, all with weight 1/max(θ_i, clip). Within a group
 * every row then has the same weight, so LightGBM's row weighting equals pair weighting, and each
 * (higher, lower) pair of the request appears in exactly one group. Propensities θ come from
 * {@link PositionBiasEstimator}; the clip (default 0.1) bounds the variance of the weights
 * (Joachims et al. 2017 clip propensities the same way). Weights are scaled to mean 1.
 */
public final class LambdaMartTrainer {
  /**
   * @param params LightGBM settings (objective lambdarank)
   * @param correctPositionBias estimate propensities and weight as above; false trains on the
   *     requests as logged
   * @param propensityModel how EM models relevance: per (query, item) pair, or from the features
   *     (regression-EM), see {@link PositionBiasEstimator}
   * @param minPropensity propensity clip in (0, 1]
   * @param maxPosition deepest position estimated separately
   * @param validationFraction share of requests held out (seeded) for validation metrics; the
   *     model is trained on the rest; 0 trains on everything
   */
  public record Config(
      GbmParams params, boolean correctPositionBias, PropensityModel propensityModel, double minPropensity, int maxPosition, double validationFraction) {
    public Config {
      if (!params.objective().equals("lambdarank")) {
        throw new InvalidInputException("objective", params.objective(), "expected lambdarank");
      }
      if (propensityModel == null) {
        throw new InvalidInputException("propensityModel", null, "expected pairs or features");
      }
      Checks.inRange("minPropensity", minPropensity, 1e-6, 1);
      Checks.atLeast("maxPosition", maxPosition, 1);
      Checks.inRange("validationFraction", validationFraction, 0, 0.9);
    }

    /**
     * 200 rounds, 15 leaves and 20 rows per leaf: click logs are small and noisy, so trees are
     * kept smaller than LightGBM's 31-leaf default; per-pair EM (exact and cheap when queries
     * repeat, as head queries do); 10 positions; 20% validation.
     */
    public static Config defaults(long seed) {
      return new Config(GbmParams.lambdaRank(200, seed).withLeaves(15, 20), true, PropensityModel.PAIRS, 0.1, 10, 0.2);
    }
  }

  /** How the propensity EM models relevance. */
  public enum PropensityModel {
    /** One relevance parameter per (query, item) pair ({@link PositionBiasEstimator#estimate}). */
    PAIRS,
    /** Regression-EM: relevance from the features ({@link PositionBiasEstimator#estimateWithFeatures}). */
    FEATURES
  }

  /** A trained ranker and the propensities it was weighted with (null without correction). */
  public record Result(LambdaMartRanker ranker, Propensities propensities) {}

  private LambdaMartTrainer() {}

  /**
   * Per-pair EM runs up to 200 cheap iterations; regression-EM fits a small LightGBM classifier
   * (20 rounds, 7 leaves, 50 rows per leaf: a smooth relevance estimate, not a ranker; one
   * thread, because 40 short fits on a busy 2-core machine stall in OpenMP barriers) in each of
   * up to 40 iterations, which brought the simulated propensities within 0.04 in
   * PositionBiasEstimatorTest.
   */
  private static Propensities propensities(TrainingSet set, Config config) {
    List<PositionBiasEstimator.Observation> obs = PositionBiasEstimator.observations(set);
    if (config.propensityModel() == PropensityModel.PAIRS) {
      return pairEstimator(config).estimate(obs);
    }
    List<float[]> x = set.groups().stream().flatMap(g -> g.rows().stream().map(TrainingSet.Row::features)).toList();
    return new PositionBiasEstimator(config.maxPosition(), 40, 1e-4)
        .estimateWithFeatures(obs, x, GbmParams.binary(20, config.params().seed()).withLeaves(7, 50).withExtra("num_threads", "1"));
  }

  /** The per-pair EM the trainer runs for {@code config}: 200 iterations at most, tolerance 1e-6. */
  public static PositionBiasEstimator pairEstimator(Config config) {
    return new PositionBiasEstimator(config.maxPosition(), 200, 1e-6);
  }

  /** Trains on a plain matrix with query groups (no weights). */
  public static LambdaMartRanker fit(FeatureSchema schema, float[][] x, float[] labels, int[] groups, GbmParams params, String source) {
    GbmModel m = Gbm.train(new GbmDataset(x, labels, null, groups, schema.names()), params);
    ModelProvenance p = new ModelProvenance(source, x.length, groups.length, null, null, params.toLightGbm(), params.seed(),
        Gbm.libraryVersion(), "none", Map.of());
    return new LambdaMartRanker(schema, m, p);
  }

  /** Trains from logged impressions joined with feedback. */
  public static Result train(TrainingSet set, Config config, String source) {
    boolean any = set.groups().stream().anyMatch(TrainingSet.Group::hasPositive);
    return train(set, config, source, config.correctPositionBias() && any ? propensities(set, config) : null, set.groups().size());
  }

  /**
   * Trains with propensities estimated elsewhere (an offline job that ran the same EM over
   * partitions of the log); {@code set} needs only the requests with feedback, and
   * {@code requestsLogged} is the number of requests in the whole log (for the provenance).
   */
  public static Result train(TrainingSet set, Config config, String source, Propensities propensities, long requestsLogged) {
    List<TrainingSet.Group> usable = set.groups().stream().filter(TrainingSet.Group::hasPositive).toList();
    if (usable.isEmpty()) {
      throw new InvalidInputException("training set", set.groups().size() + " requests", "expected at least one request with a click, cart or purchase");
    }
    if (config.correctPositionBias() && propensities == null) {
      throw new InvalidInputException("propensities", null, "expected position propensities when position bias is corrected");
    }
    SplittableRandom rnd = new SplittableRandom(config.params().seed());
    List<TrainingSet.Group> train = new ArrayList<>();
    List<TrainingSet.Group> valid = new ArrayList<>();
    for (TrainingSet.Group g : usable) {
      (rnd.nextDouble() < config.validationFraction() ? valid : train).add(g);
    }
    if (train.isEmpty()) {
      train = valid;
      valid = List.of();
    }
    Propensities prop = null;
    List<float[]> rows = new ArrayList<>();
    List<Float> labels = new ArrayList<>();
    List<Float> weights = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    if (config.correctPositionBias()) {
      prop = propensities;
      for (TrainingSet.Group g : train) {
        for (TrainingSet.Row pos : g.rows()) {
          if (pos.label() == 0) {
            continue;
          }
          float w = (float) (1 / Math.max(prop.at(pos.position()), config.minPropensity()));
          int size = 0;
          for (TrainingSet.Row r : g.rows()) {
            if (r == pos || r.label() < pos.label()) {
              rows.add(r.features());
              labels.add(r == pos ? (float) pos.label() : 0f);
              weights.add(w);
              size++;
            }
          }
          groups.add(size);
        }
      }
      double mean = weights.stream().mapToDouble(Float::doubleValue).average().orElse(1);
      weights.replaceAll(w -> (float) (w / mean));
    } else {
      for (TrainingSet.Group g : train) {
        for (TrainingSet.Row r : g.rows()) {
          rows.add(r.features());
          labels.add((float) r.label());
        }
        groups.add(g.rows().size());
      }
    }
    float[][] x = rows.toArray(new float[0][]);
    GbmDataset data = new GbmDataset(x, toFloats(labels), config.correctPositionBias() ? toFloats(weights) : null,
        groups.stream().mapToInt(Integer::intValue).toArray(), set.schema().names());
    GbmModel model = Gbm.train(data, config.params());
    ModelProvenance p = new ModelProvenance(
        source + " (" + requestsLogged + " requests logged, " + usable.size() + " with feedback: " + train.size() + " for training, "
            + valid.size() + " held out for validation; " + set.matchedEvents() + " events joined, " + set.unmatchedEvents() + " unmatched)",
        x.length, groups.size(),
        set.from() == null ? null : set.from().toString(), set.to() == null ? null : set.to().toString(),
        config.params().toLightGbm(), config.params().seed(), Gbm.libraryVersion(),
        prop == null ? "none" : "ipw-pairs " + prop + " (EM relevance " + config.propensityModel().name().toLowerCase(java.util.Locale.ROOT)
            + ") clip=" + config.minPropensity(), Map.of());
    LambdaMartRanker ranker = new LambdaMartRanker(set.schema(), model, p);
    if (!valid.isEmpty()) {
      p = p.withValidation(validate(ranker, valid, prop));
      ranker = new LambdaMartRanker(set.schema(), model, p);
    }
    return new Result(ranker, prop);
  }

  /**
   * On held-out requests: nDCG@10 (linear gains) of the model and of the logged order against the
   * click labels, and, with propensities, the inverse-propensity-scored DCG@10 of both, sum over
   * positives of grade / θ(shown position) / log2(1 + new rank) (Joachims et al. 2017, an unbiased
   * estimate of DCG under the position-based model; plain click nDCG favours the logged order,
   * whose top positions collected the clicks).
   */
  private static Map<String, Double> validate(Ranker ranker, List<TrainingSet.Group> valid, Propensities prop) {
    double model = 0;
    double logged = 0;
    double ipsModel = 0;
    double ipsLogged = 0;
    for (TrainingSet.Group g : valid) {
      List<float[]> x = g.rows().stream().map(TrainingSet.Row::features).toList();
      float[] y = new float[x.size()];
      double[] order = new double[x.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = g.rows().get(i).label();
        order[i] = -g.rows().get(i).position();
      }
      double[] s = ranker.score(x);
      model += LtrMetrics.ndcg(s, y, 10, LtrMetrics.Gain.LINEAR);
      logged += LtrMetrics.ndcg(order, y, 10, LtrMetrics.Gain.LINEAR);
      if (prop != null) {
        ipsModel += ipsDcg(s, g, prop);
        ipsLogged += ipsDcg(order, g, prop);
      }
    }
    Map<String, Double> m = new TreeMap<>();
    m.put("requests", (double) valid.size());
    m.put("ndcg@10", model / valid.size());
    m.put("ndcg@10_logged_order", logged / valid.size());
    if (prop != null) {
      m.put("ips_dcg@10", ipsModel / valid.size());
      m.put("ips_dcg@10_logged_order", ipsLogged / valid.size());
    }
    return m;
  }

  private static double ipsDcg(double[] scores, TrainingSet.Group g, Propensities prop) {
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      TrainingSet.Row r = g.rows().get(i);
      if (r.label() == 0) {
        continue;
      }
      int rank = 1;
      for (int j = 0; j < scores.length; j++) {
        if (scores[j] > scores[i] || (scores[j] == scores[i] && j < i)) {
          rank++;
        }
      }
      if (rank <= 10) {
        sum += r.label() / prop.at(r.position()) / (Math.log(1 + rank) / Math.log(2));
      }
    }
    return sum;
  }

  private static float[] toFloats(List<Float> v) {
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
}
