package dev.funnel.bandit.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.LinUcbPolicy;
import dev.funnel.bandit.LinearThompsonPolicy;
import dev.funnel.bandit.PolicyConfig;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LinUCB and linear TS on the synthetic problem: regret flattens and beats every fixed action. */
class RegretTest {
  @ParameterizedTest
  @ValueSource(strings = {LinUcbPolicy.NAME, LinearThompsonPolicy.NAME})
  void regretGrowsSublinearlyAndBeatsBaselines(String policy) {
    long seed = 11;
    int rounds = 8000;
    StrategyProblem problem = new StrategyProblem(StrategyProblem.defaultSpace(), 0.1);
    BanditSimulation sim = new BanditSimulation(problem);
    BanditSimulation.Result r = sim.run(new BanditService(sim.config(PolicyConfig.defaults(policy).withEpsilon(0), seed)), rounds, seed);
    System.out.println(policy + " checkpoints " + Arrays.toString(r.checkpoints()) + " regret " + Arrays.toString(r.regretCurve()));
    double[] c = r.regretCurve();
    int[] t = r.checkpoints();
    // first/second halves: rounds 1..4096 vs 4097..8000 are not equal, compare per-round rates
    int k = Arrays.binarySearch(t, 1024);
    int m = Arrays.binarySearch(t, 4096);
    double early = c[k] / 1024;
    double late = (c[c.length - 1] - c[m]) / (rounds - 4096);
    System.out.printf("%s per-round regret: first 1024 %.4f, last %d %.4f, total %.1f, fixed %.1f, uniform %.1f%n", policy, early, rounds - 4096, late, r.regret(), sim.bestFixedAction().getValue() * rounds, sim.uniformRegretPerRound() * rounds);
    assertTrue(late < 0.5 * early, "seed " + seed + ": regret rate does not fall: " + early + " -> " + late);
    assertTrue(r.regret() < 0.5 * sim.bestFixedAction().getValue() * rounds, "seed " + seed);
    assertTrue(r.regret() < 0.2 * sim.uniformRegretPerRound() * rounds, "seed " + seed);
  }
}
