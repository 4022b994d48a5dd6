package dev.funnel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.bandit.BanditConfig;
import dev.funnel.bandit.BanditContext;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.DecisionLogWriter;
import dev.funnel.bandit.EpsilonGreedyPolicy;
import dev.funnel.bandit.LinearThompsonPolicy;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.bandit.PolicyConfig;
import dev.funnel.bandit.RewardAttribution;
import dev.funnel.bandit.UniformRandomPolicy;
import dev.funnel.bandit.ope.Estimator;
import dev.funnel.bandit.ope.FunnelLog;
import dev.funnel.bandit.ope.OffPolicyEvaluation;
import dev.funnel.bandit.ope.OpeData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IPS, SNIPS and weight diagnostics of a decision log on Spark (local[2]) against eval ope's embedded code. */
class OffPolicyJobTest {
  static SparkSession spark;
  static JavaSparkContext sc;
  @TempDir static Path dir;
  static Path log;
  static Path logging;
  static Path target;

  static BanditConfig config(String policy) {
    return new BanditConfig(List.of("bm25", "dense", "memory"), List.of(0, 20, 50), 200, 2, List.of("keyword", "semantic"), List.of("new"),
        PolicyConfig.defaults(policy), 0.1, 1000, 5);
  }

  @BeforeAll
  static void setUp() throws Exception {
    spark = TestSpark.session();
    sc = SparkRuntime.context(spark);
    // An epsilon-greedy logging policy over 600 requests with a reward that depends on the action; a Thompson target learned from them.
    BanditService s = new BanditService(config(EpsilonGreedyPolicy.NAME));
    BanditService t = new BanditService(config(LinearThompsonPolicy.NAME));
    log = dir.resolve("decisions.jsonl");
    SplittableRandom r = new SplittableRandom(5);
    try (DecisionLogWriter w = new DecisionLogWriter(log)) {
      s.logTo(w);
      for (int i = 0; i < 600; i++) {
        BanditContext ctx = BanditContext.ofQuery("q" + (i % 7), i % 3 == 0 ? "keyword" : "semantic", Instant.parse("2026-11-22T10:00:00Z").plusSeconds(600L * i), "new");
        var d = s.decide("r" + i, ctx);
        var dt = t.decide("r" + i, ctx);
        double p = d.action().budgets().containsKey("bm25") ? 0.7 : 0.3;
        double reward = r.nextDouble() < p ? 1 : 0;
        s.feedback(d, new RewardAttribution.Result(reward, Map.of()));
        t.feedback(dt, new RewardAttribution.Result(dt.action().budgets().containsKey("bm25") ? 1 : 0, Map.of()));
      }
    }
    logging = dir.resolve("logging.json");
    s.save(logging);
    target = dir.resolve("target.json");
    t.save(target);
  }

  @Test
  void stochasticTargetPolicyGivesTheEmbeddedEstimates() throws Exception {
    BanditService t = BanditService.load(target);
    List<LoggedDecision> rows = FunnelLog.read(log);
    OpeData data = FunnelLog.data(rows, t.policy(), t.featurizer(), 5, 11);
    assertSame(data, OffPolicyJob.run(sc, log.toString(), target.toString(), null, 11));
  }

  @Test
  void uniformTargetGivesTheEmbeddedEstimates() throws Exception {
    BanditService s = BanditService.load(logging);
    OpeData data = FunnelLog.data(FunnelLog.read(log), new UniformRandomPolicy(s.featurizer()), s.featurizer(), 5, 3);
    assertSame(data, OffPolicyJob.run(sc, log.toString(), "random", logging.toString(), 3));
  }

  @SuppressWarnings("unchecked")
  static void assertSame(OpeData data, Map<String, Object> onSpark) {
    Map<String, Object> est = (Map<String, Object>) onSpark.get("estimators");
    assertEquals(Estimator.IPS.estimate(data, data.allRows()), (double) ((Map<String, Object>) est.get("ips")).get("estimate"), 1e-12);
    assertEquals(Estimator.SNIPS.estimate(data, data.allRows()), (double) ((Map<String, Object>) est.get("snips")).get("estimate"), 1e-12);
    Map<String, Object> w = (Map<String, Object>) onSpark.get("weights");
    OffPolicyEvaluation.weightDiagnostics(data).forEach((k, v) -> assertEquals(v, (double) w.get(k), 1e-9, k));
    assertEquals((long) data.size(), onSpark.get("rounds"));
    assertEquals(data.meanReward(), (double) onSpark.get("logging_policy_mean_reward"), 1e-12);
  }
}
