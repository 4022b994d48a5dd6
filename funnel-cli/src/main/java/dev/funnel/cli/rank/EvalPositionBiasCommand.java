package dev.funnel.cli.rank;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.Event;
import dev.funnel.events.EventCodec;
import dev.funnel.rank.ClickSimulation;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.LambdaMartTrainer;
import dev.funnel.rank.Propensities;
import dev.funnel.rank.SingleFeatureRanker;
import dev.funnel.rank.TrainingSet;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funnel eval position-bias}: propensity recovery and IPW training on simulated PBM clicks. */
@Command(name = "position-bias", mixinStandardHelpOptions = true,
    description = "Simulate position-based-model clicks with known propensities and relevance; report the EM propensity "
        + "estimates against the truth and the true-relevance nDCG of LambdaMART trained without and with position-bias correction.")
public final class EvalPositionBiasCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--seed", defaultValue = "1", description = "simulation and training seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--queries", defaultValue = "100", description = "distinct queries (default ${DEFAULT-VALUE})")
  int queries;

  @Option(names = "--items", defaultValue = "10", description = "items shown per request (default ${DEFAULT-VALUE})")
  int items;

  @Option(names = "--requests", defaultValue = "5000", description = "logged requests (default ${DEFAULT-VALUE})")
  int requests;

  @Option(names = "--eta", defaultValue = "1.0", description = "position bias severity: θ_k = (1/k)^eta (default ${DEFAULT-VALUE})")
  double eta;

  @Option(names = "--noise", defaultValue = "0.3", description = "std. dev. of the logging policy's ranking noise (default ${DEFAULT-VALUE})")
  double noise;

  @Option(names = "--propensity-model", defaultValue = "PAIRS",
      description = "EM relevance model: PAIRS (per query-item pair) or FEATURES (regression-EM) (default ${DEFAULT-VALUE})")
  LambdaMartTrainer.PropensityModel propensityModel;

  @Option(names = "--write-logs", description = "also write DIR/training.jsonl and DIR/events.jsonl (inputs of ./funnel train ranker)")
  Path writeLogs;

  @Option(names = "--json", description = "also write the JSON result to this file")
  Path json;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("seed", seed);
    config.put("queries", queries);
    config.put("items", items);
    config.put("requests", requests);
    config.put("eta", eta);
    config.put("noise", noise);
    config.put("propensity_model", propensityModel.name());
    JsonOutput.header("eval position-bias", config);
    ClickSimulation sim = new ClickSimulation(seed, queries, items, requests, ClickSimulation.powerLawPropensities(items, eta), noise);
    if (writeLogs != null) {
      Files.createDirectories(writeLogs);
      sim.trainingLog().write(writeLogs.resolve("training.jsonl"));
      try (BufferedWriter w = Files.newBufferedWriter(writeLogs.resolve("events.jsonl"))) {
        for (Event e : sim.events()) {
          w.write(EventCodec.toJson(e).toString());
          w.write('\n');
        }
      }
    }
    TrainingSet set = sim.trainingSet();
    LambdaMartTrainer.Config d = LambdaMartTrainer.Config.defaults(seed);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("config", config);
    result.put("impressions", set.rows());
    result.put("clicks", set.matchedEvents());
    Map<String, Object> ndcg = new LinkedHashMap<>();
    ndcg.put("oracle_x0", metrics(sim, new SingleFeatureRanker(ClickSimulation.SCHEMA, "x0")));
    ndcg.put("logging_policy_x1", metrics(sim, new SingleFeatureRanker(ClickSimulation.SCHEMA, "x1")));
    Propensities estimated = null;
    for (boolean correct : new boolean[] {false, true}) {
      LambdaMartTrainer.Config c = new LambdaMartTrainer.Config(d.params(), correct, propensityModel, d.minPropensity(), items,
          d.validationFraction());
      LambdaMartTrainer.Result r = LambdaMartTrainer.train(set, c, "simulation seed " + seed);
      try (LambdaMartRanker ranker = r.ranker()) {
        Map<String, Object> m = metrics(sim, ranker);
        m.put("importance", ranker.importance());
        ndcg.put(correct ? "lambdamart_ipw" : "lambdamart_naive", m);
      }
      if (correct) {
        estimated = r.propensities();
      }
    }
    double[] truth = sim.theta();
    double[] relTruth = new double[truth.length];
    for (int k = 0; k < truth.length; k++) {
      relTruth[k] = truth[k] / truth[0];
    }
    Map<String, Object> prop = new LinkedHashMap<>();
    prop.put("true_relative", relTruth);
    prop.put("estimated_relative", estimated == null ? null : estimated.relative());
    double maxErr = 0;
    for (int k = 1; k <= truth.length && estimated != null; k++) {
      maxErr = Math.max(maxErr, Math.abs(estimated.at(k) - relTruth[k - 1]));
    }
    prop.put("max_abs_error", maxErr);
    result.put("propensities", prop);
    result.put("true_relevance_ndcg", ndcg);
    result.put("params", d.params().toLightGbm());
    return strict.exitCode(JsonOutput.emit(result, json, System.out));
  }

  private static Map<String, Object> metrics(ClickSimulation sim, dev.funnel.rank.Ranker r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ndcg@5", sim.trueNdcg(r, 5));
    m.put("ndcg@10", sim.trueNdcg(r, 10));
    return m;
  }
}
