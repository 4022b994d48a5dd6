package dev.funnel.cli.loop;

import dev.funnel.assembly.LoopAssembly;

import dev.funnel.cli.JsonOutput;
import dev.funnel.cli.retrieval.BeirEval;
import dev.funnel.events.FileEventLog;
import dev.funnel.learning.sim.LoopSimulation;
import dev.funnel.learning.sim.RewardPlot;
import dev.funnel.learning.sim.SimPolicy;
import dev.funnel.retrieval.BeirDataset;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.SearchSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funnel simulate}: simulated users on a BEIR collection running the real search loop. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulated users issue a BEIR collection's train-split queries (Zipf repeats) and",
      "click by a position-based model on the qrels, through the real loop (memory,",
      "bandit, ranker retraining, event store). Reports reward, nDCG@10 on seen",
      "queries and candidates per search for fixed strategies, union, bandits, oracle."
    })
public final class SimulateCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--beir", required = true, paramLabel = "DIR", description = "BEIR folder (corpus.jsonl, queries.jsonl, qrels/train.tsv).")
  Path beir;

  @Option(names = "--searches", defaultValue = "20000", description = "Simulated searches per policy (default ${DEFAULT-VALUE}).")
  int searches;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of queries, clicks, bandits and ranker (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--policies", split = ",", paramLabel = "LIST",
      description = "Policies: fixed:STRATEGY, union, epsilon-greedy, linucb, thompson, oracle (default: all of them).")
  List<String> policies;

  @Option(names = "--strategies", split = ",", defaultValue = "bm25,dense,hybrid,memory",
      description = "Strategies available to the policies (default ${DEFAULT-VALUE}).")
  List<String> strategies;

  @Option(names = "--checkpoints", defaultValue = "10", description = "Timeline windows (default ${DEFAULT-VALUE}).")
  int checkpoints;

  @Option(names = "--threads", defaultValue = "2", description = "Policies simulated at a time (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--retrain-every", defaultValue = "2000", description = "Clicks between ranker retrainings (default ${DEFAULT-VALUE}).")
  int retrainEvery;

  @Option(names = "--work", paramLabel = "DIR", description = "Work folder for the cached index and the event stores (default .funnel/simulate/NAME).")
  Path work;

  @Option(names = "--json", description = "Also write the result to this file.")
  Path json;

  @Option(names = "--plot", paramLabel = "FILE.svg", description = "Write an SVG chart of reward per search over time.")
  Path plot;

  @Override
  public Integer call() throws Exception {
    BeirDataset train = BeirDataset.load(beir, "train");
    Path dir = work != null ? work : Path.of(".funnel", "simulate", train.name());
    LoopSimulation.Config config = LoopSimulation.Config.defaults(searches, seed).withStrategies(strategies)
        .withCheckpoints(checkpoints).withRetrainEvery(retrainEvery).withThreads(threads);
    if (policies != null) {
      config = config.withPolicies(policies);
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("beir", beir.toString());
    header.put("searches", searches);
    header.put("seed", seed);
    header.put("policies", config.policies());
    header.put("strategies", config.strategies());
    header.put("budgets", config.budgets());
    header.put("max_total", config.maxTotal());
    header.put("max_strategies", config.maxStrategies());
    header.put("cost_penalty", config.costPenalty());
    header.put("zipf", config.zipf());
    header.put("click_model", config.clicks());
    header.put("retrain_every", retrainEvery);
    header.put("threads", threads);
    header.put("work", dir.toString());
    JsonOutput.header("simulate", header);
    boolean vectors = config.strategies().stream().anyMatch(s -> s.equals("dense") || s.startsWith("hybrid"));
    List<FileEventLog> logs = new ArrayList<>();
    Map<String, Object> result;
    try (CatalogIndex index = BeirEval.openOrBuild(beir, dir.resolve("index"), vectors, false, SearchSettings.DEFAULTS)) {
      var items = index.items();
      var catalog = LoopAssembly.lookup(items);
      LoopSimulation sim = new LoopSimulation(train.queries(), train.qrels(), index.retrievers(), LoopAssembly.structuredSearch(index), config,
          (strategies, structured, options, clock) ->
              LoopAssembly.open(strategies, structured, index.keywordFields(), items, catalog, null, null, options, clock));
      result = sim.run(policy -> {
        try {
          FileEventLog log = FileEventLog.open(dir.resolve("events-" + seed).resolve(policy.replace(':', '-')));
          logs.add(log);
          return log;
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } finally {
      for (FileEventLog l : logs) {
        l.close();
      }
    }
    result.put("config", header);
    result.put("must_show", mustShow(result));
    if (plot != null) {
      RewardPlot.write(result, plot);
    }
    return strict.exitCode(JsonOutput.emit(result, json, System.out));
  }

  /** The two simulation targets, computed from the result (null when a needed policy did not run). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mustShow(Map<String, Object> result) {
    Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) result.get("policies");
    String bestFixed = null;
    String bestFixedReward = null;
    String bestBandit = null;
    String bestBanditNdcg = null;
    for (Map.Entry<String, Map<String, Object>> e : p.entrySet()) {
      String kind = SimPolicy.parse(e.getKey(), List.of(e.getKey().replace("fixed:", ""))).kind().name();
      if (kind.equals("FIXED")) {
        bestFixed = better(p, bestFixed, e.getKey(), "ndcg@10");
        bestFixedReward = better(p, bestFixedReward, e.getKey(), "reward_per_search");
      } else if (kind.equals("BANDIT")) {
        bestBandit = better(p, bestBandit, e.getKey(), "reward_per_search");
        bestBanditNdcg = better(p, bestBanditNdcg, e.getKey(), "ndcg@10");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (bestFixed != null && bestBanditNdcg != null) {
      double gain = num(p, bestBanditNdcg, "ndcg@10") - num(p, bestFixed, "ndcg@10");
      out.put("ndcg_gain_over_best_fixed", Map.of("learned", bestBanditNdcg, "best_fixed", bestFixed, "gain", gain, "target", 0.05, "met", gain >= 0.05));
    }
    if (bestFixedReward != null && bestBandit != null && p.containsKey("union")) {
      double rb = num(p, bestBandit, "reward_per_search");
      double candidateShare = num(p, bestBandit, "candidates_per_search") / num(p, "union", "candidates_per_search");
      double rewardShare = rb / num(p, "union", "reward_per_search");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("best_bandit", bestBandit);
      m.put("best_fixed", bestFixedReward);
      m.put("reward_vs_best_fixed", rb - num(p, bestFixedReward, "reward_per_search"));
      m.put("candidate_share_of_union", candidateShare);
      m.put("reward_share_of_union", rewardShare);
      m.put("met", rb >= num(p, bestFixedReward, "reward_per_search") && candidateShare <= 0.6 && rewardShare >= 0.98);
      out.put("bandit_cost_vs_union", m);
    }
    return out;
  }

  private static String better(Map<String, Map<String, Object>> p, String current, String candidate, String metric) {
    return current == null || num(p, candidate, metric) > num(p, current, metric) ? candidate : current;
  }

  private static double num(Map<String, Map<String, Object>> p, String policy, String metric) {
    return ((Number) p.get(policy).get(metric)).doubleValue();
  }
}
