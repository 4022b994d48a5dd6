package dev.funnel.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.bandit.ActionSpace;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.Featurizer;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.bandit.Policy;
import dev.funnel.bandit.UniformRandomPolicy;
import dev.funnel.bandit.ope.Estimator;
import dev.funnel.bandit.ope.FunnelLog;
import dev.funnel.bandit.ope.OpeData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Off-policy estimates of a bandit policy over a decision log ({@code decisions.jsonl}) on Spark:
 * each partition turns its rows into an {@link OpeData} with the target policy's probabilities
 * (the policy restored from its state file in every task), and the partitions' sums give IPS,
 * SNIPS and the weight diagnostics of {@code ./funnel eval ope}. Row {@code i}'s generator is
 * the i-th split of the seed's generator, as in {@link FunnelLog#data}, so stochastic target
 * policies give the same probabilities on both paths. The doubly-robust estimate (a cross-fitted
 * ridge model) and the bootstrap intervals stay with the embedded command.
 */
public final class OffPolicyJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sums over rows: n, Σw, Σw², Σw·r, max w, Σr. */
  static final class Sums implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    long n;
    double w;
    double w2;
    double wr;
    double max;
    double r;

    Sums add(Sums o) {
      Sums s = new Sums();
      s.n = n + o.n;
      s.w = w + o.w;
      s.w2 = w2 + o.w2;
      s.wr = wr + o.wr;
      s.max = Math.max(max, o.max);
      s.r = r + o.r;
      return s;
    }
  }

  private OffPolicyJob() {}

  /**
   * Estimates for {@code policy}: a bandit state file (its policy) or {@code random} (uniform over
   * the action space of the bandit state {@code state}); the same result fields as eval ope.
   */
  public static Map<String, Object> run(JavaSparkContext sc, String decisions, String policy, String state, long seed) throws java.io.IOException {
    String stateText = java.nio.file.Files.readString(java.nio.file.Path.of(policy.equals("random") ? state : policy));
    boolean uniform = policy.equals("random");
    BanditService.restore(JSON.readTree(stateText)); // fails here, on the driver, when the state is bad
    JavaRDD<String> lines = sc.textFile(decisions).filter(l -> !l.isBlank());
    long n = lines.count();
    JavaRDD<Tuple2<String, Long>> rows = lines.zipWithIndex().map(t -> t);
    Sums total = rows.mapPartitions((Iterator<Tuple2<String, Long>> part) -> {
      List<Tuple2<String, Long>> chunk = new ArrayList<>();
      part.forEachRemaining(chunk::add);
      if (chunk.isEmpty()) {
        return List.<Sums>of().iterator();
      }
      BanditService service = BanditService.restore(JSON.readTree(stateText));
      Featurizer featurizer = service.featurizer();
      Policy target = uniform ? new UniformRandomPolicy(featurizer) : service.policy();
      ActionSpace space = featurizer.space();
      SplittableRandom root = new SplittableRandom(seed);
      for (long k = 0; k < chunk.get(0)._2(); k++) {
        root.split();
      }
      List<double[]> probs = new ArrayList<>();
      List<Double> reward = new ArrayList<>();
      List<Double> propensity = new ArrayList<>();
      List<Integer> logged = new ArrayList<>();
      for (Tuple2<String, Long> t : chunk) {
        String where = decisions + ":" + (t._2() + 1);
        if (t._2() == n - 1 && !isJson(t._1())) {
          continue; // a last line cut by a crash of the writer
        }
        LoggedDecision d = FunnelLog.parseLine(t._1(), where);
        logged.add(FunnelLog.loggedIndex(d, space, "line " + (t._2() + 1)));
        reward.add(d.reward());
        propensity.add(d.propensity());
        probs.add(target.probabilities(d.context(), space.actions(), root.split()));
      }
      if (logged.isEmpty()) {
        return List.<Sums>of().iterator();
      }
      OpeData data = new OpeData(reward.stream().mapToDouble(Double::doubleValue).toArray(), propensity.stream().mapToDouble(Double::doubleValue).toArray(),
          logged.stream().mapToInt(Integer::intValue).toArray(), probs.toArray(new double[0][]), null);
      Sums s = new Sums();
      for (int i = 0; i < data.size(); i++) {
        double w = data.weight(i);
        s.n++;
        s.w += w;
        s.w2 += w * w;
        s.wr += w * data.reward(i);
        s.max = Math.max(s.max, w);
        s.r += data.reward(i);
      }
      return List.of(s).iterator();
    }).fold(new Sums(), Sums::add);
    if (total.n == 0) {
      throw new dev.funnel.core.InvalidInputException(decisions, "lines", 0, "expected at least one logged decision");
    }
    Map<String, Object> est = new LinkedHashMap<>();
    est.put(Estimator.IPS.name(), Map.of("estimate", total.wr / total.n));
    Map<String, Object> snips = new LinkedHashMap<>();
    snips.put("estimate", total.w > 0 ? total.wr / total.w : null); // undefined when every weight is 0
    est.put(Estimator.SNIPS.name(), snips);
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
    out.put("seed", seed);
    return out;
  }

  private static boolean isJson(String line) {
    try {
      JSON.readTree(line);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
