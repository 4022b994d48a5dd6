package dev.funnel.bandit.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.util.SharedData;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * End-to-end on the Open Bandit Dataset ("men" campaign samples): each policy's CTR estimated
 * from the other policy's log must have SNIPS and DR 95% intervals containing its on-policy CTR,
 * and every estimate must match the regression file {@code regression/obd-men-ope.json}.
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
    JsonNode expected;
    try (InputStream in = getClass().getResourceAsStream("/regression/obd-men-ope.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    for (JsonNode c : expected.get("cases")) {
      ObdLog log = c.get("logs").asText().equals("bts") ? bts : random;
      ObdLog own = log == bts ? random : bts;
      ObdPolicy target = c.get("target").asText().equals("random") ? ObdPolicy.uniform(log.items(), log.positions()) : ObdPolicy.fromLog(bts, ObdPolicy.BtsEstimate.FREQUENCY);
      String what = c.get("name").asText();
      assertEquals(c.get("on_policy").asDouble(), own.ctr(), 1e-12, what);
      Map<String, OffPolicyEvaluation.Estimate> est = OffPolicyEvaluation.run(target.data(log, 5, SEED), List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR), 1000, SEED);
      System.out.println(what + ": on-policy " + own.ctr() + " " + est);
      est.forEach(
          (name, e) -> {
            JsonNode x = c.get("estimators").get(name);
            assertEquals(x.get("estimate").asDouble(), e.estimate(), 1e-12, what + " " + name);
            assertEquals(x.get("ci95").get(0).asDouble(), e.lo(), 1e-12, what + " " + name);
            assertEquals(x.get("ci95").get(1).asDouble(), e.hi(), 1e-12, what + " " + name);
          });
      assertTrue(est.get("snips").covers(own.ctr()), what + ": snips " + est.get("snips") + " vs " + own.ctr());
      assertTrue(est.get("dr").covers(own.ctr()), what + ": dr " + est.get("dr") + " vs " + own.ctr());
    }
  }
}
