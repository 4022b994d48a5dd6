package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.GbmParams;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Compares Funnel's ranker pipeline with LightGBM's own run on SVMlight/LETOR learning-to-rank
 * data (groups from inline {@code qid:} or {@code .query} files), plus baselines, at nDCG@1/3/5/10 in both
 * gain conventions ({@link LtrMetrics}).
 *
 * <ul>
 *   <li>{@code funnel_lambdamart}: {@link SvmLightData} → {@link LambdaMartTrainer#fit} →
 *       {@link LambdaMartRanker#score}, with the settings of LightGBM's lambdarank example.
 *   <li>{@code lightgbm_own_run}: LightGBM loads both files itself (its own parser, its own
 *       {@code .query} loading) and trains with the example's {@code train.conf} parameters and
 *       the same seed as Funnel ({@link #ownRunConf}); we
 *       report its own {@code ndcg@k} metric on the test file and our metrics of its predictions.
 *   <li>{@code best_single_feature}: the feature with the best training nDCG@10, ranked by value.
 *   <li>{@code random}: seeded uniform scores.
 * </ul>
 */
public final class LtrEvaluation {
  private static final int[] CUTOFFS = {1, 3, 5, 10};

  /**
   * The parameters of LightGBM's examples/lambdarank/train.conf (v4.x): 100 trees, learning rate
   * 0.1, 31 leaves, at least 50 rows and hessian 5.0 per leaf, 255 bins, bagging 0.9 every
   * iteration, all features. Thread count and verbosity are machine settings, not model settings.
   */
  public static final String EXAMPLE_CONF = "objective=lambdarank metric=ndcg ndcg_eval_at=1,3,5,10 max_bin=255"
      + " learning_rate=0.1 num_leaves=31 tree_learner=serial feature_fraction=1.0 bagging_freq=1 bagging_fraction=0.9"
      + " min_data_in_leaf=50 min_sum_hessian_in_leaf=5.0 is_enable_sparse=true use_two_round_loading=false num_threads=2 verbosity=-1";

  /**
   * LightGBM's own run with {@code seed}: the example's configuration plus LightGBM's {@code seed}
   * parameter, which derives its bagging, feature-fraction and data-sampling seeds. Without it
   * LightGBM uses fixed default seeds (bagging_seed 3), and a comparison with Funnel at another
   * seed compares two bagging draws: on 50 test queries that alone moves nDCG@10 by up to ±0.02,
   * while the two pipelines at the same seed are identical ({@code docs/ranking.md}).
   */
  public static String ownRunConf(long seed) {
    return EXAMPLE_CONF + " seed=" + seed;
  }

  /** {@code num_trees} of the example's train.conf. */
  public static final int EXAMPLE_ROUNDS = 100;

  private LtrEvaluation() {}

  /** Funnel's settings equal to {@link #EXAMPLE_CONF} (the same trees, rates, leaves, bagging). */
  public static GbmParams exampleParams(int rounds, long seed) {
    return GbmParams.lambdaRank(rounds, seed)
        .withLeaves(31, 50)
        .withSampling(1.0, 0.9)
        .withExtra("min_sum_hessian_in_leaf", "5.0")
        .withExtra("max_bin", "255");
  }

  /** Runs every ranker with {@code rounds} boosting rounds ({@link #EXAMPLE_ROUNDS} reproduces the example). */
  public static Map<String, Object> run(Path train, Path test, long seed, int rounds) throws IOException {
    return run(train, test, seed, rounds, SvmLightData.Absent.ZERO);
  }

  /**
   * Runs every ranker; {@code absent} says what an absent feature means ({@link SvmLightData}).
   * LightGBM's own run reads the original files when they are in its format (no qid, no missing
   * values, absent = zero); otherwise it reads a conversion written by {@link
   * SvmLightData#writeForLightGbm} with exactly the values Funnel trains on.
   */
  public static Map<String, Object> run(Path train, Path test, long seed, int rounds, SvmLightData.Absent absent) throws IOException {
    Checks.atLeast("rounds", rounds, 1);
    Path trainQuery = groupFile(train);
    Path testQuery = groupFile(test);
    SvmLightData tr = SvmLightData.read(train, trainQuery, 0, absent);
    SvmLightData te = SvmLightData.read(test, testQuery, tr.columns(), absent);
    if (te.columns() > tr.columns()) {
      tr = SvmLightData.read(train, trainQuery, te.columns(), absent);
    }
    FeatureSchema schema = FeatureSchema.numbered(1, tr.columns());
    Map<String, Object> rankers = new LinkedHashMap<>();

    GbmParams params = exampleParams(rounds, seed);
    double[] funnelScores;
    Map<String, Object> funnel;
    try (LambdaMartRanker r = LambdaMartTrainer.fit(schema, tr.features(), tr.labels(), tr.groups(), params, train.toString())) {
      funnelScores = r.score(Arrays.asList(te.features()));
      funnel = metrics(funnelScores, te);
      funnel.put("params", params.toLightGbm());
    }
    rankers.put("funnel_lambdamart", funnel);
    boolean nativeFormat = absent == SvmLightData.Absent.ZERO && !tr.inlineQids() && !te.inlineQids()
        && tr.missingValues() == 0 && te.missingValues() == 0;
    if (nativeFormat) {
      rankers.put("lightgbm_own_run", libraryRun(train, test, te, rounds, ownRunConf(seed)));
    } else {
      Path tmp = java.nio.file.Files.createTempDirectory("funnel-ltr-");
      try {
        Path ctr = tmp.resolve("train.svm");
        Path cte = tmp.resolve("test.svm");
        tr.writeForLightGbm(ctr);
        te.writeForLightGbm(cte);
        // the conversion writes each value's exact double; LightGBM's precise parser reads it back bit for bit
        Map<String, Object> lib = libraryRun(ctr, cte, te, rounds, ownRunConf(seed) + " precise_float_parser=true");
        lib.put("input", "converted by SvmLightData.writeForLightGbm: groups from qid, missing values as nan, every column written, "
            + "read with precise_float_parser=true");
        rankers.put("lightgbm_own_run", lib);
      } finally {
        try (var files = java.nio.file.Files.list(tmp)) {
          for (Path f : files.toList()) {
            java.nio.file.Files.deleteIfExists(f);
          }
        }
        java.nio.file.Files.deleteIfExists(tmp);
      }
    }

    int best = -1;
    double bestNdcg = -1;
    for (int c = 0; c < tr.columns(); c++) {
      double[] s = column(tr, c);
      double v = LtrMetrics.meanNdcg(s, tr.labels(), tr.groups(), 10, LtrMetrics.Gain.LINEAR);
      if (v > bestNdcg) {
        bestNdcg = v;
        best = c;
      }
    }
    SingleFeatureRanker single = new SingleFeatureRanker(schema, schema.names().get(best));
    Map<String, Object> bf = metrics(single.score(Arrays.asList(te.features())), te);
    bf.put("feature", best);
    bf.put("train_ndcg@10_linear", bestNdcg);
    rankers.put("best_single_feature", bf);

    SplittableRandom rnd = new SplittableRandom(seed);
    double[] random = new double[te.labels().length];
    for (int i = 0; i < random.length; i++) {
      random[i] = rnd.nextDouble();
    }
    rankers.put("random", metrics(random, te));

    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("train", train.toString());
    data.put("train_rows", tr.labels().length);
    data.put("train_queries", tr.groups().length);
    data.put("test", test.toString());
    data.put("test_rows", te.labels().length);
    data.put("test_queries", te.groups().length);
    data.put("columns", tr.columns());
    data.put("groups_from", tr.inlineQids() ? "qid" : ".query file");
    data.put("absent_features", absent.name().toLowerCase(java.util.Locale.ROOT));
    data.put("missing_values_train", tr.missingValues());
    data.put("missing_values_test", te.missingValues());
    out.put("data", data);
    out.put("seed", seed);
    out.put("rounds", rounds);
    out.put("metrics_note", "ndcg_linear: trec_eval-style (gain = label, query without relevant rows = 0); "
        + "ndcg_exp: LightGBM-style (gain = 2^label - 1, query without relevant rows = 1)");
    out.put("rankers", rankers);
    return out;
  }

  /** {@code FILE.query} next to the data (used only when the data has no qid: tokens). */
  private static Path groupFile(Path data) {
    return data.resolveSibling(data.getFileName() + ".query");
  }

  private static double[] column(SvmLightData d, int c) {
    double[] s = new double[d.labels().length];
    for (int i = 0; i < s.length; i++) {
      s[i] = d.features()[i][c];
    }
    return s;
  }

  static Map<String, Object> metrics(double[] scores, SvmLightData te) {
    Checks.atLeast("scores", scores.length, 1);
    Map<String, Object> m = new LinkedHashMap<>();
    for (int k : CUTOFFS) {
      m.put("ndcg_linear@" + k, LtrMetrics.meanNdcg(scores, te.labels(), te.groups(), k, LtrMetrics.Gain.LINEAR));
    }
    for (int k : CUTOFFS) {
      m.put("ndcg_exp@" + k, LtrMetrics.meanNdcg(scores, te.labels(), te.groups(), k, LtrMetrics.Gain.EXPONENTIAL));
    }
    return m;
  }

  /** LightGBM trains from the files itself with the example's configuration {@code conf}. */
  private static Map<String, Object> libraryRun(Path train, Path test, SvmLightData te, int rounds, String conf) {
    dev.funnel.ml.Gbm.ensureNative();
    try (LGBMDataset dtr = LGBMDataset.createFromFile(train.toString(), conf, null);
        LGBMDataset dte = LGBMDataset.createFromFile(test.toString(), conf, dtr)) {
      LGBMBooster b = LGBMBooster.create(dtr, conf);
      try {
        b.addValidData(dte);
        for (int i = 0; i < rounds; i++) {
          if (b.updateOneIter()) {
            break;
          }
        }
        String[] names = b.getEvalNames();
        double[] own = b.getEval(1);
        int cols = b.getNumFeature();
        float[] flat = new float[te.labels().length * cols];
        for (int r = 0; r < te.labels().length; r++) {
          System.arraycopy(te.features()[r], 0, flat, r * cols, Math.min(cols, te.columns()));
        }
        double[] scores = b.predictForMat(flat, te.labels().length, cols, true, com.microsoft.ml.lightgbm.PredictionType.C_API_PREDICT_NORMAL);
        Map<String, Object> m = metrics(scores, te);
        Map<String, Double> reported = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
          reported.put(names[i], own[i]);
        }
        m.put("lightgbm_reported_on_test", reported);
        m.put("params", conf + " num_trees=" + rounds);
        m.put("library", dev.funnel.ml.Gbm.libraryVersion());
        return m;
      } finally {
        b.close();
      }
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM's own run failed: " + e.getMessage(), e);
    }
  }

  /** The cut-offs reported, for documentation and tests. */
  public static List<Integer> cutoffs() {
    return Arrays.stream(CUTOFFS).boxed().toList();
  }
}
