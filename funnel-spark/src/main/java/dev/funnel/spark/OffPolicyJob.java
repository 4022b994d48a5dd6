package dev.funnel.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.bandit.ActionSpace;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.Featurizer;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.bandit.Policy;
import dev.funnel.bandit.RidgeModel;
import dev.funnel.bandit.UniformRandomPolicy;
import dev.funnel.bandit.ope.Estimator;
import dev.funnel.bandit.ope.FunnelLog;
import dev.funnel.bandit.ope.OffPolicyEvaluation;
import dev.funnel.bandit.ope.OpeData;
import dev.funnel.bandit.ope.RewardModel;
import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Off-policy estimates of a bandit policy over a decision log ({@code decisions.jsonl}) on Spark,
 * the estimators of {@code ./funnel eval ope}: IPS, SNIPS, doubly robust (DR), self-normalised DR
 * and switch-DR, clipped to the reward range, with the weight diagnostics.
 *
 * <p>Three passes over the log, each partition parsing its lines with {@link FunnelLog#parseLine}
 * and the target policy restored from its state file in every task. Row {@code i}'s generator
 * is the i-th split of the seed's generator, as in {@link FunnelLog#data}, so stochastic target
 * policies give the same probabilities on both paths.
 * <ol>
 *   <li>The importance-weight sums and, per cross-fitting fold ({@link RewardModel#folds}, the
 *       embedded path's folds, broadcast), the normal-equation sums {@code Σ x xᵀ} and {@code
 *       Σ r x} of the logged actions' joint features ({@link Featurizer#joint}).
 *   <li>On the driver, fold f's ridge reward model from the other folds' sums ({@link
 *       RidgeModel#ofSums}, λ = 1 as embedded): the same model that the embedded path fits row
 *       by row, broadcast as its snapshot.
 *   <li>Each partition's rows with the predictions of their fold's model, as an {@link OpeData},
 *       given to the embedded {@link Estimator}s: a partition's DR, direct-method ({@link
 *       Estimator#direct}) and switch-DR means times its row count add up to the log's sums.
 *       SNDR is DM + Σ w·(r − q̂) / Σ w, its formula with the global mean weight.
 * </ol>
 * The bootstrap intervals stay with the embedded command (a resample of a distributed log would
 * need a pass per resample). The fold table holds one int per logged decision on the driver:
 * 4 bytes a decision, 40 MB at 10^7.
 */
public final class OffPolicyJob {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The embedded DR reward model's ridge prior (FunnelLog: the policies' identity prior). */
  static final double REWARD_MODEL_LAMBDA = 1.0;
  /** The defaults of eval ope. */
  public static final int DEFAULT_FOLDS = 5;

  public static final double DEFAULT_SWITCH_TAU = 10;

  /** Cross-fitting folds, switch-DR threshold, reward range (null: [0, 1] widened to every logged reward) and seed. */
  public record Options(int folds, double switchTau, OffPolicyEvaluation.RewardRange rewardRange, long seed) implements Serializable {
    public Options {
      dev.funnel.core.Checks.atLeast("folds", folds, 2);
      Estimator.switchDr(switchTau); // validates switch-tau
    }

    public static Options defaults(long seed) {
      return new Options(DEFAULT_FOLDS, DEFAULT_SWITCH_TAU, null, seed);
    }
  }

  /** What every task needs to rebuild its rows: the log, the policy's state text, whether the target is uniform, the seed, the line count. */
  private record Setup(String decisions, String stateText, boolean uniform, long seed, long lines) implements Serializable {}

  /** A partition's rows: global row indices, parsed decisions, and the OPE rounds (without predictions). */
  private record Part(long[] index, List<LoggedDecision> decisions, OpeData data, Featurizer featurizer) {}

  /** Pass 1 sums: n, Σw, Σw², Σw·r, max w, Σr, min and max r; per fold Σ x xᵀ, Σ r x and the row count. */
  static final class Sums implements Serializable {
    private static final long serialVersionUID = 2L;
    long n;
    double w;
    double w2;
    double wr;
    double max;
    double r;
    double rmin = Double.POSITIVE_INFINITY;
    double rmax = Double.NEGATIVE_INFINITY;
    double[][][] gram;
    double[][] xty;
    long[] count;

    Sums merge(Sums o) {
      if (o.n == 0) {
        return this;
      }
      if (n == 0) {
        return o;
      }
      n += o.n;
      w += o.w;
      w2 += o.w2;
      wr += o.wr;
      max = Math.max(max, o.max);
      r += o.r;
      rmin = Math.min(rmin, o.rmin);
      rmax = Math.max(rmax, o.rmax);
      for (int f = 0; f < gram.length; f++) {
        count[f] += o.count[f];
        for (int j = 0; j < xty[f].length; j++) {
          xty[f][j] += o.xty[f][j];
          for (int k = 0; k < xty[f].length; k++) {
            gram[f][j][k] += o.gram[f][j][k];
          }
        }
      }
      return this;
    }
  }

  /** Pass 3 sums: n, Σ DR terms, Σ direct-method terms, Σ switch-DR terms. */
  static final class DrSums implements Serializable {
    private static final long serialVersionUID = 1L;
    long n;
    double dr;
    double direct;
    double switchDr;

    DrSums merge(DrSums o) {
      DrSums s = new DrSums();
      s.n = n + o.n;
      s.dr = dr + o.dr;
      s.direct = direct + o.direct;
      s.switchDr = switchDr + o.switchDr;
      return s;
    }
  }

  private OffPolicyJob() {}

  /** {@link #run(JavaSparkContext, String, String, String, Options)} with eval ope's default folds and switch threshold. */
  public static Map<String, Object> run(JavaSparkContext sc, String decisions, String policy, String state, long seed) throws IOException {
    return run(sc, decisions, policy, state, Options.defaults(seed));
  }

  /**
   * Estimates for {@code policy}: a bandit state file (its policy) or {@code random} (uniform over
   * the action space of the bandit state {@code state}); the result fields of eval ope without
   * the bootstrap intervals.
   */
  public static Map<String, Object> run(JavaSparkContext sc, String decisions, String policy, String state, Options options) throws IOException {
    boolean uniform = policy.equals("random");
    if (uniform && state == null) {
      throw new InvalidInputException("--state", null, "expected a bandit state JSON defining the action space for --policy random");
    }
    String stateText = java.nio.file.Files.readString(java.nio.file.Path.of(uniform ? state : policy));
    BanditService.restore(JSON.readTree(stateText)); // fails here, on the driver, when the state is bad
    JavaRDD<String> lines = sc.textFile(decisions).filter(l -> !l.isBlank());
    long n = lines.count();
    if (n == 0) {
      throw new InvalidInputException(decisions, "lines", 0, "expected at least one logged decision");
    }
    JavaRDD<Tuple2<String, Long>> rows = lines.zipWithIndex().map(t -> t);
    List<String> last = rows.filter(t -> t._2() == n - 1).map(Tuple2::_1).collect();
    long valid = last.isEmpty() || isJson(last.get(0)) ? n : n - 1; // a last line cut by a crash of the writer is skipped
    if (valid == 0) {
      throw new InvalidInputException(decisions, "lines", 0, "expected at least one logged decision");
    }
    if (valid > Integer.MAX_VALUE) {
      throw new InvalidInputException(decisions, "lines", valid, "expected at most " + Integer.MAX_VALUE + " decisions (one cross-fitting fold table)");
    }
    Setup setup = new Setup(decisions, stateText, uniform, options.seed(), n);
    int folds = options.folds();
    Broadcast<int[]> fold = sc.broadcast(RewardModel.folds((int) valid, folds, options.seed()));

    Sums total = rows.mapPartitions((Iterator<Tuple2<String, Long>> it) -> {
      Part p = part(it, setup);
      return p == null ? List.<Sums>of().iterator() : List.of(firstPass(p, fold.value(), folds)).iterator();
    }).reduce(Sums::merge);

    List<String> models = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      int dim = total.xty[f].length;
      double[][] g = new double[dim][dim];
      double[] b = new double[dim];
      long c = 0;
      for (int h = 0; h < folds; h++) {
        if (h != f) {
          c += total.count[h];
          for (int j = 0; j < dim; j++) {
            b[j] += total.xty[h][j];
            for (int k = 0; k < dim; k++) {
              g[j][k] += total.gram[h][j][k];
            }
          }
        }
      }
      models.add(RidgeModel.ofSums(g, b, REWARD_MODEL_LAMBDA, c).snapshot().toString());
    }
    Broadcast<List<String>> snapshots = sc.broadcast(models);
    double tau = options.switchTau();
    DrSums dr = rows.mapPartitions((Iterator<Tuple2<String, Long>> it) -> {
      Part p = part(it, setup);
      return p == null ? List.<DrSums>of().iterator() : List.of(drPass(p, fold.value(), snapshots.value(), tau)).iterator();
    }).fold(new DrSums(), DrSums::merge);
    fold.destroy();
    snapshots.destroy();
    return result(total, dr, decisions, policy, options);
  }

  private static Map<String, Object> result(Sums total, DrSums dr, String decisions, String policy, Options options) {
    OffPolicyEvaluation.RewardRange range = options.rewardRange() != null ? options.rewardRange()
        : new OffPolicyEvaluation.RewardRange(Math.min(0, total.rmin), Math.max(1, total.rmax));
    Map<String, Double> raw = new LinkedHashMap<>();
    raw.put(Estimator.IPS.name(), total.wr / total.n);
    raw.put(Estimator.SNIPS.name(), total.w > 0 ? total.wr / total.w : Double.NaN);
    raw.put(Estimator.DR.name(), dr.dr / dr.n);
    raw.put(Estimator.SNDR.name(), total.w > 0 ? dr.direct / dr.n + (dr.dr - dr.direct) / total.w : Double.NaN);
    raw.put(Estimator.switchDr(options.switchTau()).name(), dr.switchDr / dr.n);
    Map<String, Object> est = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      double c = OffPolicyEvaluation.clip(new OffPolicyEvaluation.Estimate(v, v, v), range).estimate();
      m.put("estimate", Double.isNaN(c) ? null : c); // undefined when every weight is 0
      m.put("unclipped", Double.isNaN(v) ? null : v);
      m.put("clipped", !Double.isNaN(v) && c != v);
      est.put(k, m);
    });
    Map<String, Object> weights = new LinkedHashMap<>();
    weights.put("mean_weight", total.w / total.n);
    weights.put("max_weight", total.max);
    weights.put("effective_sample_size", total.w2 > 0 ? total.w * total.w / total.w2 : 0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("estimators", est);
    out.put("logs", decisions);
    out.put("policy", policy);
    out.put("rounds", total.n);
    out.put("logging_policy_mean_reward", total.r / total.n);
    out.put("weights", weights);
    out.put("reward_range", List.of(range.lo(), range.hi()));
    out.put("switch_tau", options.switchTau());
    out.put("folds", options.folds());
    out.put("reward_model", "ridge regression (lambda 1) on the joint bandit features, " + options.folds()
        + "-fold cross-fitted (normal equations summed over partitions)");
    out.put("seed", options.seed());
    return out;
  }

  /** A partition's rows as OPE rounds for the target policy, or null when it holds none. */
  private static Part part(Iterator<Tuple2<String, Long>> it, Setup s) throws IOException {
    List<Tuple2<String, Long>> chunk = new ArrayList<>();
    it.forEachRemaining(chunk::add);
    if (chunk.isEmpty()) {
      return null;
    }
    BanditService service = BanditService.restore(JSON.readTree(s.stateText()));
    Featurizer featurizer = service.featurizer();
    Policy target = s.uniform() ? new UniformRandomPolicy(featurizer) : service.policy();
    ActionSpace space = featurizer.space();
    SplittableRandom root = new SplittableRandom(s.seed());
    for (long k = 0; k < chunk.get(0)._2(); k++) {
      root.split();
    }
    List<Long> index = new ArrayList<>();
    List<LoggedDecision> decisions = new ArrayList<>();
    List<double[]> probs = new ArrayList<>();
    for (Tuple2<String, Long> t : chunk) {
      if (t._2() == s.lines() - 1 && !isJson(t._1())) {
        continue; // a last line cut by a crash of the writer
      }
      LoggedDecision d = FunnelLog.parseLine(t._1(), s.decisions() + ":" + (t._2() + 1));
      FunnelLog.loggedIndex(d, space, "line " + (t._2() + 1));
      index.add(t._2());
      decisions.add(d);
      probs.add(target.probabilities(d.context(), space.actions(), root.split()));
    }
    if (decisions.isEmpty()) {
      return null;
    }
    int m = decisions.size();
    double[] reward = new double[m];
    double[] propensity = new double[m];
    int[] logged = new int[m];
    long[] idx = new long[m];
    for (int i = 0; i < m; i++) {
      LoggedDecision d = decisions.get(i);
      reward[i] = d.reward();
      propensity[i] = d.propensity();
      logged[i] = d.actionIndex();
      idx[i] = index.get(i);
    }
    return new Part(idx, decisions, new OpeData(reward, propensity, logged, probs.toArray(new double[0][]), null), featurizer);
  }

  private static Sums firstPass(Part p, int[] fold, int folds) {
    OpeData data = p.data();
    int dim = p.featurizer().dimension();
    ActionSpace space = p.featurizer().space();
    Sums s = new Sums();
    s.gram = new double[folds][dim][dim];
    s.xty = new double[folds][dim];
    s.count = new long[folds];
    int[] nz = new int[dim];
    for (int i = 0; i < data.size(); i++) {
      double w = data.weight(i);
      double r = data.reward(i);
      s.n++;
      s.w += w;
      s.w2 += w * w;
      s.wr += w * r;
      s.max = Math.max(s.max, w);
      s.r += r;
      s.rmin = Math.min(s.rmin, r);
      s.rmax = Math.max(s.rmax, r);
      int f = fold[(int) p.index()[i]];
      double[] x = p.featurizer().joint(p.decisions().get(i).context(), space.get(data.logged(i)));
      int k = 0;
      for (int j = 0; j < dim; j++) {
        if (x[j] != 0) {
          nz[k++] = j;
        }
      }
      double[][] g = s.gram[f];
      double[] b = s.xty[f];
      for (int a = 0; a < k; a++) {
        double xa = x[nz[a]];
        b[nz[a]] += r * xa;
        double[] row = g[nz[a]];
        for (int c = 0; c < k; c++) {
          row[nz[c]] += xa * x[nz[c]];
        }
      }
      s.count[f]++;
    }
    return s;
  }

  private static DrSums drPass(Part p, int[] fold, List<String> snapshots, double tau) throws IOException {
    List<RidgeModel> models = new ArrayList<>();
    for (String snap : snapshots) {
      models.add(RidgeModel.restore(JSON.readTree(snap)));
    }
    OpeData data = p.data();
    ActionSpace space = p.featurizer().space();
    double[][] predicted = new double[data.size()][];
    for (int i = 0; i < data.size(); i++) {
      RidgeModel m = models.get(fold[(int) p.index()[i]]);
      double[][] x = p.featurizer().joint(p.decisions().get(i).context(), space.actions());
      double[] q = new double[x.length];
      for (int a = 0; a < q.length; a++) {
        q[a] = m.mean(x[a]);
      }
      predicted[i] = q;
    }
    OpeData withQ = data.withPredictions(predicted);
    int[] all = withQ.allRows();
    DrSums s = new DrSums();
    s.n = all.length;
    s.dr = Estimator.DR.estimate(withQ, all) * all.length;
    for (int i : all) {
      s.direct += Estimator.direct(withQ, i);
    }
    s.switchDr = Estimator.switchDr(tau).estimate(withQ, all) * all.length;
    return s;
  }

  private static boolean isJson(String line) {
    try {
      JSON.readTree(line);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
