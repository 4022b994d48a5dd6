package dev.funnel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** IPS, SNIPS, DR, SNDR, switch-DR and weight diagnostics of a decision log on Spark (local[2]) against eval ope's embedded code. */
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
    assertSame(data, 10, OffPolicyJob.run(sc, log.toString(), target.toString(), null, 11));
  }

  @Test
  void uniformTargetGivesTheEmbeddedEstimates() throws Exception {
    BanditService s = BanditService.load(logging);
    OpeData data = FunnelLog.data(FunnelLog.read(log), new UniformRandomPolicy(s.featurizer()), s.featurizer(), 5, 3);
    assertSame(data, 10, OffPolicyJob.run(sc, log.toString(), "random", logging.toString(), 3));
  }

  @Test
  void otherFoldsAndSwitchThresholdGiveTheEmbeddedEstimates() throws Exception {
    BanditService t = BanditService.load(target);
    OpeData data = FunnelLog.data(FunnelLog.read(log), t.policy(), t.featurizer(), 3, 7);
    Map<String, Object> onSpark = OffPolicyJob.run(sc, log.toString(), target.toString(), null, new OffPolicyJob.Options(3, 1.5, null, 7));
    assertSame(data, 1.5, onSpark);
    assertEquals(3, onSpark.get("folds"));
  }

  @Test
  void aCutLastLineIsSkippedAsEmbedded() throws Exception {
    Path cut = dir.resolve("cut.jsonl");
    String text = java.nio.file.Files.readString(log);
    java.nio.file.Files.writeString(cut, text + text.substring(0, text.indexOf('\n') / 2));
    BanditService s = BanditService.load(logging);
    List<LoggedDecision> rows = FunnelLog.read(cut);
    assertEquals(600, rows.size());
    OpeData data = FunnelLog.data(rows, new UniformRandomPolicy(s.featurizer()), s.featurizer(), 5, 4);
    assertSame(data, 10, OffPolicyJob.run(sc, cut.toString(), "random", logging.toString(), 4));
  }

  @Test
  void badOptionsNameTheirField() {
    var e = assertThrows(dev.funnel.core.InvalidInputException.class, () -> new OffPolicyJob.Options(1, 10, null, 1));
    assertTrue(e.getMessage().contains("folds"), e.getMessage());
    e = assertThrows(dev.funnel.core.InvalidInputException.class, () -> new OffPolicyJob.Options(5, -1, null, 1));
    assertTrue(e.getMessage().contains("switch-tau"), e.getMessage());
    e = assertThrows(dev.funnel.core.InvalidInputException.class, () -> OffPolicyJob.run(sc, log.toString(), "random", null, 1));
    assertTrue(e.getMessage().contains("--state"), e.getMessage());
  }

  /** Every estimator of eval ope (raw and clipped to the reward range), the weights and the row counts, against the embedded code. */
  @SuppressWarnings("unchecked")
  static void assertSame(OpeData data, double tau, Map<String, Object> onSpark) {
    Map<String, Object> est = (Map<String, Object>) onSpark.get("estimators");
    OffPolicyEvaluation.RewardRange range = OffPolicyEvaluation.RewardRange.of(data);
    assertEquals(List.of(range.lo(), range.hi()), onSpark.get("reward_range"));
    List<Estimator> all = List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR, Estimator.SNDR, Estimator.switchDr(tau));
    assertEquals(all.stream().map(Estimator::name).toList(), List.copyOf(est.keySet()));
    for (Estimator e : all) {
      double embedded = e.estimate(data, data.allRows());
      Map<String, Object> m = (Map<String, Object>) est.get(e.name());
      assertEquals(embedded, (double) m.get("unclipped"), 1e-9, e.name());
      double clipped = OffPolicyEvaluation.clip(new OffPolicyEvaluation.Estimate(embedded, embedded, embedded), range).estimate();
      assertEquals(clipped, (double) m.get("estimate"), 1e-9, e.name());
      assertEquals(clipped != embedded, m.get("clipped"), e.name());
    }
    // The reward model matters: DR differs from IPS, and switch-DR from DR when some weight passes tau.
    assertNotEquals((double) ((Map<String, Object>) est.get("ips")).get("unclipped"), (double) ((Map<String, Object>) est.get("dr")).get("unclipped"), 1e-6);
    Map<String, Object> w = (Map<String, Object>) onSpark.get("weights");
    OffPolicyEvaluation.weightDiagnostics(data).forEach((k, v) -> assertEquals(v, (double) w.get(k), 1e-9, k));
    assertEquals((long) data.size(), onSpark.get("rounds"));
    assertEquals(data.meanReward(), (double) onSpark.get("logging_policy_mean_reward"), 1e-12);
  }
}
