package dev.funnel.bandit.sim;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.BanditConfig;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.Decision;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.bandit.Policy;
import dev.funnel.bandit.PolicyConfig;
import dev.funnel.bandit.RewardAttribution;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a {@link BanditService} on a {@link StrategyProblem} through the same decide/feedback
 * API the search funnel uses, and measures cumulative expected regret against the per-context
 * optimum, next to the exact regret of the uniform-random policy and of the best fixed action.
 */
public final class BanditSimulation {
  private final StrategyProblem problem;

  public BanditSimulation(StrategyProblem problem) {
    this.problem = problem;
  }

  /** Regret curve and totals of one run. {@code checkpoints[i]} rounds → {@code regret[i]}. */
  public record Result(
      String policy, int rounds, double meanReward, double meanPenalisedReward, double regret, int[] checkpoints, double[] regretCurve, double meanCandidates) {}

  /** The service configuration a simulation uses for {@code policy} (intents = the query types). */
  public BanditConfig config(PolicyConfig policy, long seed) {
    return new BanditConfig(
        problem.space().strategies(),
        problem.space().budgets(),
        problem.space().maxTotal(),
        problem.space().maxStrategies(),
        StrategyProblem.TYPES,
        List.of(),
        policy,
        problem.costPenalty(),
        BanditConfig.DEFAULT_HALF_LIFE,
        seed);
  }

  /** Plays {@code rounds} requests; the environment's randomness is split from {@code seed}. */
  public Result run(BanditService service, int rounds, long seed) {
    Checks.atLeast("rounds", rounds, 1);
    SplittableRandom env = new SplittableRandom(seed);
    RewardAttribution attribution = RewardAttribution.defaults();
    List<Integer> cps = new ArrayList<>();
    for (int c = 1; c <= rounds; c *= 2) {
      cps.add(c);
    }
    if (cps.get(cps.size() - 1) != rounds) {
      cps.add(rounds);
    }
    int[] checkpoints = cps.stream().mapToInt(Integer::intValue).toArray();
    double[] curve = new double[checkpoints.length];
    double regret = 0;
    double reward = 0;
    double penalised = 0;
    double candidates = 0;
    int next = 0;
    for (int t = 1; t <= rounds; t++) {
      StrategyProblem.Request req = problem.nextRequest(env);
      String id = "sim-" + t;
      ServedDecision d = service.decide(id, req.context());
      Action a = d.action();
      regret += problem.optimum(req.type()) - problem.expectedPenalised(req.type(), a);
      candidates += a.totalCandidates();
      List<String> finders = problem.play(req.type(), a, env);
      RewardAttribution.Result r;
      if (finders.isEmpty()) {
        r = attribution.attributeValues(a, List.of(), Map.of());
      } else {
        List<Provenance> prov = new ArrayList<>();
        for (String s : finders) {
          prov.add(new Provenance(s, 1, 1));
        }
        r = attribution.attributeValues(a, List.of(new Candidate("wanted", 1, prov)), Map.of("wanted", 1.0));
      }
      reward += r.reward();
      penalised += RewardAttribution.penalised(r.reward(), a, problem.space().maxTotal(), problem.costPenalty());
      service.feedback(d, r);
      if (t == checkpoints[next]) {
        curve[next++] = regret;
      }
    }
    return new Result(service.policy().name(), rounds, reward / rounds, penalised / rounds, regret, checkpoints, curve, candidates / rounds);
  }

  /**
   * The value of a frozen policy (no learning): plays {@code rounds} requests, sends each
   * decision with its reward to {@code sink} (e.g. a decision log) and returns the rewards.
   */
  public double[] frozenRewards(Policy policy, int rounds, long seed, Consumer<LoggedDecision> sink) {
    Checks.atLeast("rounds", rounds, 1);
    SplittableRandom env = new SplittableRandom(seed);
    SplittableRandom decide = env.split();
    double[] rewards = new double[rounds];
    List<Action> actions = problem.space().actions();
    for (int t = 0; t < rounds; t++) {
      StrategyProblem.Request req = problem.nextRequest(env);
      Decision d = policy.choose(req.context(), actions, decide.split());
      rewards[t] = problem.play(req.type(), d.action(), env).isEmpty() ? 0 : 1;
      double penalised = RewardAttribution.penalised(rewards[t], d.action(), problem.space().maxTotal(), problem.costPenalty());
      sink.accept(new LoggedDecision("frozen-" + (t + 1), req.context(), d.action(), d.actionIndex(), actions.size(), d.propensity(), d.policy(), rewards[t], penalised));
    }
    return rewards;
  }

  /** Expected regret per round of the uniform-random policy (exact, types are uniform). */
  public double uniformRegretPerRound() {
    double sum = 0;
    int types = StrategyProblem.TYPES.size();
    for (int type = 0; type < types; type++) {
      double mean = 0;
      for (Action a : problem.space().actions()) {
        mean += problem.expectedPenalised(type, a);
      }
      sum += problem.optimum(type) - mean / problem.space().size();
    }
    return sum / types;
  }

  /** The best fixed action and its expected regret per round (exact). */
  public Map.Entry<Action, Double> bestFixedAction() {
    int types = StrategyProblem.TYPES.size();
    Action best = null;
    double bestRegret = Double.POSITIVE_INFINITY;
    for (Action a : problem.space().actions()) {
      double r = 0;
      for (int type = 0; type < types; type++) {
        r += problem.optimum(type) - problem.expectedPenalised(type, a);
      }
      r /= types;
      if (r < bestRegret) {
        bestRegret = r;
        best = a;
      }
    }
    return Map.entry(best, bestRegret);
  }
}
