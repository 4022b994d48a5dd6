package dev.funnel.bandit.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.util.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * End-to-end on the Open Bandit Dataset ("men" campaign samples): each policy's CTR estimated
 * from the other policy's log must have SNIPS and DR 95% intervals containing its on-policy CTR.
 */
class ObdOpeTest {
  static final long SEED = 1;

  static Path obd(String policy) {
    var p = SharedData.resolve("bandit/obd/" + policy + "/men/men.csv");
    Assumptions.assumeTrue(p.isPresent(), "shared data folder absent");
    return p.get();
  }

  @Test
  void logsHaveTheDocumentedShape() throws Exception {
    ObdLog random = ObdLog.read(obd("random"));
    assertEquals(10_000, random.size());
    assertEquals(34, random.items());
    assertEquals(3, random.positions());
    assertEquals(1.0 / 34, random.propensity()[0], 1e-12);
  }

  @Test
  void randomPolicyFromTheBtsLogAndBtsPolicyFromTheRandomLog() throws Exception {
    ObdLog random = ObdLog.read(obd("random"));
    ObdLog bts = ObdLog.read(obd("bts"));
    ObdPolicy uniform = ObdPolicy.uniform(random.items(), random.positions());
    ObdPolicy btsPolicy = ObdPolicy.fromLog(bts, ObdPolicy.BtsEstimate.FREQUENCY);
    assertEquals(0.0046, random.ctr(), 1e-12);
    assertEquals(0.0069, bts.ctr(), 1e-12);
    OpeData randomFromBts = uniform.data(bts, 5, SEED);
    OpeData btsFromRandom = btsPolicy.data(random, 5, SEED);
    // golden point estimates (deterministic: no resampling), documented in docs/bandit.md
    assertEquals(0.0031894231622774096, Estimator.SNIPS.estimate(randomFromBts, randomFromBts.allRows()), 1e-12);
    assertEquals(0.0057398647019513424, Estimator.SNIPS.estimate(btsFromRandom, btsFromRandom.allRows()), 1e-12);
    check("random from bts log", randomFromBts, random.ctr());
    check("bts from random log", btsFromRandom, bts.ctr());
  }

  private static void check(String what, OpeData data, double onPolicy) {
    Map<String, OffPolicyEvaluation.Estimate> est = OffPolicyEvaluation.run(data, List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR), 1000, SEED);
    System.out.println(what + ": on-policy " + onPolicy + " " + est + " " + OffPolicyEvaluation.weightDiagnostics(data));
    assertTrue(est.get("snips").covers(onPolicy), what + ": snips " + est.get("snips") + " vs " + onPolicy);
    assertTrue(est.get("dr").covers(onPolicy), what + ": dr " + est.get("dr") + " vs " + onPolicy);
  }
}
