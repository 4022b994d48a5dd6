package dev.funnel.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.bandit.sim.BanditSimulation;
import dev.funnel.bandit.sim.StrategyProblem;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants every policy must satisfy; each policy's test class extends this one. Randomised
 * checks print their seed on failure.
 */
abstract class PolicyContractTest {
  static final long SEED = 20261122L;

  /** The policy under test, with default settings. */
  abstract PolicyConfig config();

  /** Whether the policy learns (the uniform baseline does not). */
  boolean learns() {
    return true;
  }

  final StrategyProblem problem = new StrategyProblem(StrategyProblem.defaultSpace(), 0.1);

  Featurizer featurizer() {
    ActionSpace space = problem.space();
    return new Featurizer(space, StrategyProblem.TYPES, List.of("new", "returning"), new StrategyStats(space.strategies(), 1000));
  }

  /** A policy trained on {@code n} random rounds of the synthetic problem. */
  Policy trained(int n, long seed) {
    Featurizer f = featurizer();
    Policy p = config().create(f);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      StrategyProblem.Request r = problem.nextRequest(rng);
      Decision d = p.choose(r.context(), problem.space().actions(), rng);
      double reward = problem.play(r.type(), d.action(), rng).isEmpty() ? 0 : 1;
      p.update(d, RewardAttribution.penalised(reward, d.action(), problem.space().maxTotal(), problem.costPenalty()));
    }
    return p;
  }

  @Test
  void propensitiesAreProbabilitiesThatSumToOneAndMatchTheDecision() {
    for (long seed = SEED; seed < SEED + 5; seed++) {
      Policy p = trained(200, seed);
      SplittableRandom rng = new SplittableRandom(seed);
      for (int i = 0; i < 50; i++) {
        StrategyProblem.Request r = problem.nextRequest(rng);
        List<Action> actions = problem.space().actions();
        long s = rng.nextLong();
        double[] probs = p.probabilities(r.context(), actions, new SplittableRandom(s));
        Decision d = p.choose(r.context(), actions, new SplittableRandom(s));
        double sum = 0;
        for (double x : probs) {
          assertTrue(x >= 0 && x <= 1, "seed " + seed + ": probability " + x);
          sum += x;
        }
        assertEquals(1.0, sum, 1e-9, "seed " + seed + ": probabilities sum");
        assertTrue(d.propensity() > 0 && d.propensity() <= 1, "seed " + seed + ": propensity " + d.propensity());
        assertEquals(probs[d.actionIndex()], d.propensity(), 1e-12, "seed " + seed + ": propensity equals P(chosen) under the same draws");
        assertEquals(actions.get(d.actionIndex()), d.action());
        assertEquals(actions.size(), d.scores().length);
        assertEquals(p.name(), d.policy());
      }
    }
  }

  @Test
  void sameSeedSameDecisions() {
    Policy a = trained(300, SEED);
    Policy b = trained(300, SEED);
    SplittableRandom ra = new SplittableRandom(7);
    SplittableRandom rb = new SplittableRandom(7);
    for (int i = 0; i < 100; i++) {
      StrategyProblem.Request r = problem.nextRequest(new SplittableRandom(i));
      Decision da = a.choose(r.context(), problem.space().actions(), ra);
      Decision db = b.choose(r.context(), problem.space().actions(), rb);
      assertEquals(da.action(), db.action());
      assertEquals(da.propensity(), db.propensity());
      assertArrayEquals(da.scores(), db.scores());
    }
  }

  @Test
  void snapshotRestoresTheSameBehaviour() throws Exception {
    Policy a = trained(300, SEED);
    String json = new ObjectMapper().writeValueAsString(a.snapshot());
    Policy b = PolicyConfig.restore(new ObjectMapper().readTree(json), featurizer());
    BanditContext ctx = new BanditContext(3, "semantic", Instant.parse("2026-11-22T10:00:00Z"), "new");
    assertArrayEquals(
        a.probabilities(ctx, problem.space().actions(), new SplittableRandom(3)), b.probabilities(ctx, problem.space().actions(), new SplittableRandom(3)), 1e-12);
  }

  /** Rounds of the learning check (a power of two): policies with more parameters need more. */
  int learningRounds() {
    return 4096;
  }

  @Test
  void learnsTheSyntheticProblem() {
    BanditSimulation sim = new BanditSimulation(problem);
    BanditService service = new BanditService(sim.config(config(), SEED));
    int rounds = learningRounds();
    BanditSimulation.Result r = sim.run(service, rounds, SEED);
    int half = java.util.Arrays.binarySearch(r.checkpoints(), rounds / 2);
    double lateRate = (r.regret() - r.regretCurve()[half]) / (rounds - rounds / 2);
    double uniformRate = sim.uniformRegretPerRound();
    double fixedRate = sim.bestFixedAction().getValue();
    System.out.printf("%s: regret %.1f over %d rounds, second-half regret/round %.4f (uniform %.4f, best fixed %s %.4f), mean reward %.3f%n", r.policy(), r.regret(), rounds, lateRate, uniformRate, sim.bestFixedAction().getKey(), fixedRate, r.meanReward());
    if (learns()) {
      assertTrue(lateRate < fixedRate, "seed " + SEED + ": once learned, beats the best fixed action: " + lateRate + " vs " + fixedRate);
      assertTrue(lateRate < 0.25 * uniformRate, "seed " + SEED + ": " + lateRate + " vs uniform " + uniformRate);
    } else {
      assertEquals(uniformRate, lateRate, 0.1 * uniformRate, "uniform policy regret matches its exact expectation");
    }
  }
}
