package dev.funnel.cli.bandit;

import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.DecisionLogWriter;
import dev.funnel.bandit.PolicyConfig;
import dev.funnel.bandit.sim.BanditSimulation;
import dev.funnel.bandit.sim.StrategyProblem;
import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funnel eval bandit-sim}: the bandit policies on the seeded synthetic strategy
 * problem (one best strategy per query type), with cumulative regret against the per-context
 * optimum next to the uniform-random policy and the best fixed action. Optionally writes the
 * decision log of one policy's run and the state of another, for {@code eval ope --format funnel}.
 */
@Command(
    name = "bandit-sim",
    mixinStandardHelpOptions = true,
    description = {
      "Runs bandit policies on the seeded synthetic strategy problem (bm25 best for",
      "keyword queries, dense for semantic, memory for navigational) and reports",
      "cumulative regret, reward and candidates per search."
    })
public final class BanditSimCommand implements Callable<Integer> {
  @Option(names = "--rounds", defaultValue = "8000", description = "Searches per policy (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--policies", split = ",", defaultValue = "random,epsilon-greedy,linucb,linucb-disjoint,linear-ts", description = "Policies to run (default ${DEFAULT-VALUE}).")
  List<String> policies;

  @Option(names = "--epsilon", description = "Exploration rate for every policy (default: each policy's default).")
  Double epsilon;

  @Option(names = "--alpha", description = "LinUCB confidence multiplier (default: PolicyConfig default 1).")
  Double alpha;

  @Option(names = "--v", description = "Linear TS posterior scale (default: PolicyConfig default 0.25).")
  Double v;

  @Option(names = "--draws", description = "Linear TS posterior draws per decision (default: PolicyConfig default 32).")
  Integer draws;

  @Option(names = "--cost-penalty", defaultValue = "0.1", description = "lambda in reward - lambda * candidates / max candidates (default ${DEFAULT-VALUE}).")
  double costPenalty;

  @Option(names = "--log", description = "Write the Funnel bandit log (JSON lines) of the --log-policy run here.")
  Path log;

  @Option(names = "--log-policy", defaultValue = "random", description = "Policy whose decisions go to --log (default ${DEFAULT-VALUE}).")
  String logPolicy;

  @Option(names = "--save-state", description = "Save the bandit state of the --state-policy run here, and measure its frozen value.")
  Path saveState;

  @Option(names = "--state-policy", defaultValue = "linucb", description = "Policy whose final state goes to --save-state (default ${DEFAULT-VALUE}).")
  String statePolicy;

  @Option(names = "--frozen-rounds", defaultValue = "8000", description = "Searches played by the saved state without learning (default ${DEFAULT-VALUE}).")
  int frozenRounds;

  @Option(names = "--frozen-log", description = "Write the frozen state's own decision log here (its on-policy log for eval ope).")
  Path frozenLog;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of policies and environment (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Also write the result to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    for (String p : policies) {
      if (!PolicyConfig.NAMES.contains(p)) {
        throw new InvalidInputException("--policies", p, "expected names among " + String.join(", ", PolicyConfig.NAMES));
      }
    }
    if (log != null && !policies.contains(logPolicy)) {
      throw new InvalidInputException("--log-policy", logPolicy, "expected one of the --policies");
    }
    if (saveState != null && !policies.contains(statePolicy)) {
      throw new InvalidInputException("--state-policy", statePolicy, "expected one of the --policies");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("rounds", rounds);
    config.put("policies", policies);
    config.put("epsilon", epsilon);
    config.put("alpha", alpha);
    config.put("v", v);
    config.put("draws", draws);
    config.put("cost_penalty", costPenalty);
    config.put("log", log == null ? null : log.toString());
    config.put("log_policy", logPolicy);
    config.put("save_state", saveState == null ? null : saveState.toString());
    config.put("state_policy", statePolicy);
    config.put("frozen_rounds", frozenRounds);
    config.put("seed", seed);
    JsonOutput.header("eval bandit-sim", config);

    StrategyProblem problem = new StrategyProblem(StrategyProblem.defaultSpace(), costPenalty);
    BanditSimulation sim = new BanditSimulation(problem);
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> frozen = null;
    for (String name : policies) {
      PolicyConfig pc = PolicyConfig.defaults(name);
      if (epsilon != null) {
        pc = pc.withEpsilon(epsilon);
      }
      if (alpha != null) {
        pc = pc.withAlpha(alpha);
      }
      if (v != null) {
        pc = pc.withV(v);
      }
      if (draws != null) {
        pc = pc.withDraws(draws);
      }
      BanditService service = new BanditService(sim.config(pc, seed));
      DecisionLogWriter writer = null;
      if (log != null && name.equals(logPolicy)) {
        Files.deleteIfExists(log);
        writer = new DecisionLogWriter(log);
        service.logTo(writer);
      }
      long start = System.nanoTime();
      BanditSimulation.Result r = sim.run(service, rounds, seed);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (writer != null) {
        writer.close();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("regret", r.regret());
      m.put("regret_per_round", r.regret() / rounds);
      Map<String, Double> curve = new LinkedHashMap<>();
      for (int i = 0; i < r.checkpoints().length; i++) {
        curve.put(Integer.toString(r.checkpoints()[i]), r.regretCurve()[i]);
      }
      m.put("regret_curve", curve);
      m.put("reward_per_search", r.meanReward());
      m.put("penalised_reward_per_search", r.meanPenalisedReward());
      m.put("candidates_per_search", r.meanCandidates());
      m.put("seconds", seconds);
      results.put(name, m);
      if (saveState != null && name.equals(statePolicy)) {
        service.save(saveState);
        DecisionLogWriter fw = null;
        if (frozenLog != null) {
          Files.deleteIfExists(frozenLog);
          fw = new DecisionLogWriter(frozenLog);
        }
        DecisionLogWriter sink = fw;
        double[] rewards = sim.frozenRewards(BanditService.load(saveState).policy(), frozenRounds, seed + 1, d -> {
          if (sink != null) {
            sink.accept(d);
          }
        });
        if (fw != null) {
          fw.close();
        }
        Summary.Interval ci = Summary.bootstrapMean(rewards, 1000, 0.95, seed);
        frozen = new LinkedHashMap<>();
        frozen.put("policy", name);
        frozen.put("state", saveState.toString());
        frozen.put("rounds", frozenRounds);
        frozen.put("reward_per_search", Summary.mean(rewards));
        frozen.put("ci95", List.of(ci.lo(), ci.hi()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policies", results);
    out.put("uniform_expected_regret", sim.uniformRegretPerRound() * rounds);
    var best = sim.bestFixedAction();
    out.put("best_fixed_action", best.getKey().id());
    out.put("best_fixed_expected_regret", best.getValue() * rounds);
    out.put("actions", problem.space().size());
    out.put("rounds", rounds);
    if (frozen != null) {
      out.put("frozen_state", frozen);
    }
    out.put("seed", seed);
    JsonOutput.emit(out, json, System.out);
    return 0;
  }
}
