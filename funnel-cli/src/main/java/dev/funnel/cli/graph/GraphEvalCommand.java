package dev.funnel.cli.graph;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import dev.funnel.graph.AdaptiveBlade;
import dev.funnel.graph.BladeTraining;
import dev.funnel.graph.EdgeSplit;
import dev.funnel.graph.GnnConfig;
import dev.funnel.graph.Graph;
import dev.funnel.graph.LinkEvaluation;
import dev.funnel.graph.LinkMethod;
import dev.funnel.graph.LinkScorer;
import dev.funnel.graph.Methods;
import dev.funnel.graph.SeedBootstrap;
import dev.funnel.graph.TrainingCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./funnel eval graph}: held-out link prediction on a directed edge list, several methods and seeds. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Evaluate related-item methods (BLADE and baselines) by held-out directed link prediction.")
public final class GraphEvalCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Mixin GraphInput input;

  @Option(names = "--methods", split = ",", description = "Methods to compare (default: ${DEFAULT-VALUE}).",
      defaultValue = "blade,blade-directed,sage,shallow,popularity")
  List<String> methods;

  @Option(names = "--bootstrap", defaultValue = "1000",
      description = "Bootstrap resamples of the test edges for the 95%% intervals (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and of training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--seeds", defaultValue = "1",
      description = "Number of seeds (seed, seed+1, ...); metrics are averaged over them (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Mixin BladeOptions blade;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || seeds > 100) {
      throw new InvalidInputException("seeds", seeds, "expected an integer in [1, 100]");
    }
    if (bootstrap < 10 || bootstrap > 100_000) {
      throw new InvalidInputException("bootstrap", bootstrap, "expected an integer in [10, 100000]");
    }
    GnnConfig cfg = blade.config();
    AdaptiveBlade.Tuning tuning = blade.tuning();
    TrainingCache cache = new TrainingCache();
    List<LinkMethod> ms = new ArrayList<>();
    for (String name : methods) {
      ms.add(Methods.create(name.strip(), cfg, tuning, true, cache));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("edges", input.describe());
    config.put("methods", methods);
    config.put("seed", seed);
    config.put("seeds", seeds);
    config.put("validation_fraction", 0.05);
    config.put("test_fraction", 0.10);
    config.put("blade", cfg.toMap());
    config.put("tuning", tuning.toMap());
    config.put("bootstrap", bootstrap);
    JsonOutput.header("eval graph", config);
    Graph g = input.read();
    System.err.printf(java.util.Locale.ROOT, "graph: %d nodes, %d edges, reciprocity %.4f%s%n", g.nodeCount(), g.edgeCount(),
        g.reciprocity(), g.weighted() ? ", weighted" : "");
    Map<String, List<Map<String, Object>>> chosen = new LinkedHashMap<>();
    List<Double> trainReciprocity = new ArrayList<>();
    // per method -> per seed -> report
    Map<String, List<LinkEvaluation.Report>> reports = new LinkedHashMap<>();
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, List<Integer>> epochs = new LinkedHashMap<>();
    Map<String, List<Double>> validation = new LinkedHashMap<>();
    for (int s = 0; s < seeds; s++) {
      long runSeed = seed + s;
      EdgeSplit split = EdgeSplit.of(g, 0.05, 0.10, runSeed);
      trainReciprocity.add(split.train().reciprocity());
      for (LinkMethod m : ms) {
        long t0 = System.nanoTime();
        long cpu0 = BladeTraining.cpuNanos();
        LinkScorer scorer = m.train(split.train(), split.validation(), runSeed);
        double secs = (System.nanoTime() - t0) / 1e9;
        cpu.computeIfAbsent(m.name(), k -> new ArrayList<>()).add((BladeTraining.cpuNanos() - cpu0) / 1e9);
        LinkEvaluation.Report r = LinkEvaluation.evaluate(scorer, g, split.train(), split.test());
        reports.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(r);
        seconds.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(secs);
        Map<String, Object> run = m.lastRun();
        if (run.get("best_epoch") instanceof Integer be) {
          epochs.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(be);
          validation.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(
              run.get("validation_mrr") instanceof Double vm ? vm : Double.NaN);
        }
        if (m instanceof AdaptiveBlade) {
          chosen.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(run);
          System.err.printf(java.util.Locale.ROOT, "seed %d %s chose dim %s, reverse weight %s, max walks %s, best epoch %s, symmetric mix %s, degree prior %s%s%n",
              runSeed, m.name(), run.get("dim"), run.get("reverse_weight"), run.get("max_walks"), run.get("best_epoch"),
              run.get("symmetric_mix"), run.get("degree_prior"),
              Boolean.TRUE.equals(run.get("degree_prior_only")) ? " (prior alone)" : "");
        }
        System.err.printf(java.util.Locale.ROOT, "seed %d %-14s hr@10 %.4f mrr %.4f dir-auc %.4f (%.1fs)%n", runSeed,
            m.name(), r.overall().hr10(), r.overall().mrr(), r.overall().directionAuc(), secs);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataset", input.describe());
    out.put("nodes", g.nodeCount());
    out.put("edges", g.edgeCount());
    out.put("reciprocity", finiteOrNull(g.reciprocity()));
    out.put("reciprocity_train", Summary.mean(trainReciprocity.stream().mapToDouble(Double::doubleValue).toArray()));
    out.put("weighted", g.weighted());
    out.put("seed", seed);
    out.put("seeds", seeds);
    out.put("config", config);
    Map<String, Object> methodsOut = new LinkedHashMap<>();
    SeedBootstrap boot = new SeedBootstrap(bootstrap, seed);
    String ref = reports.containsKey("blade") ? "blade" : null;
    StringBuilder table = new StringBuilder(String.format(java.util.Locale.ROOT,
        "%n%-15s %-24s %-24s %-8s %-8s %s%n", "method", "HR@10 [95% CI]", "MRR [95% CI]", "dir-AUC", "dir-acc",
        ref == null ? "" : "blade - method: HR@10 / MRR [95% CI]"));
    for (String name : reports.keySet()) {
      List<LinkEvaluation.Report> rs = reports.get(name);
      Map<String, Object> mm = mean(rs.stream().map(LinkEvaluation.Report::overall).toList());
      List<double[]> ranks = rs.stream().map(LinkEvaluation.Report::ranks).toList();
      double[] hrCi = boot.interval(ranks, null, SeedBootstrap.Stat.HR10);
      double[] mrrCi = boot.interval(ranks, null, SeedBootstrap.Stat.MRR);
      mm.put("hr@10_ci95", hrCi);
      mm.put("mrr_ci95", mrrCi);
      String diff = "";
      if (ref != null && !name.equals(ref)) {
        List<double[]> refRanks = reports.get(ref).stream().map(LinkEvaluation.Report::ranks).toList();
        double[] dh = boot.interval(refRanks, ranks, SeedBootstrap.Stat.HR10);
        double[] dm = boot.interval(refRanks, ranks, SeedBootstrap.Stat.MRR);
        mm.put("blade_minus_this_hr@10_ci95", dh);
        mm.put("blade_minus_this_mrr_ci95", dm);
        diff = String.format(java.util.Locale.ROOT, "[%+.4f, %+.4f] / [%+.4f, %+.4f]", dh[0], dh[1], dm[0], dm[1]);
      }
      Double auc = (Double) mm.get("direction_auc");
      Double acc = (Double) mm.get("direction_accuracy");
      table.append(String.format(java.util.Locale.ROOT, "%-15s %.4f [%.4f, %.4f]  %.4f [%.4f, %.4f]  %-8s %-8s %s%n", name,
          (Double) mm.get("hr@10"), hrCi[0], hrCi[1], (Double) mm.get("mrr"), mrrCi[0], mrrCi[1],
          auc == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", auc),
          acc == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", acc), diff));
      if (chosen.containsKey(name)) {
        mm.put("chosen", chosen.get(name));
      }
      mm.put("by_degree", byBucket(rs, LinkEvaluation.BUCKETS, LinkEvaluation.Report::byDegree));
      mm.put("by_in_degree", byBucket(rs, LinkEvaluation.DIRECTED_BUCKETS, LinkEvaluation.Report::byInDegree));
      mm.put("by_out_degree", byBucket(rs, LinkEvaluation.DIRECTED_BUCKETS, LinkEvaluation.Report::byOutDegree));
      mm.put("training_seconds", Summary.mean(seconds.get(name).stream().mapToDouble(Double::doubleValue).toArray()));
      mm.put("training_cpu_seconds", Summary.mean(cpu.get(name).stream().mapToDouble(Double::doubleValue).toArray()));
      if (epochs.containsKey(name)) {
        mm.put("best_epochs", epochs.get(name));
        mm.put("validation_mrr", Summary.mean(validation.get(name).stream().mapToDouble(Double::doubleValue).toArray()));
      }
      if (seeds > 1) {
        mm.put("per_seed", rs.stream().map(r -> r.overall().toMap()).toList());
      }
      methodsOut.put(name, mm);
    }
    out.put("methods", methodsOut);
    System.err.print(table);
    out.put("degree_buckets", "by_degree: total (in + out) degree of the query node in the training graph; by_in_degree, by_out_degree: its in- and out-degree");
    return strict.exitCode(JsonOutput.emit(out, json, System.out));
  }

  private static Double finiteOrNull(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private static Map<String, Object> byBucket(List<LinkEvaluation.Report> rs, List<String> buckets,
      java.util.function.Function<LinkEvaluation.Report, Map<String, LinkEvaluation.Metrics>> of) {
    Map<String, Object> by = new LinkedHashMap<>();
    for (String b : buckets) {
      List<LinkEvaluation.Metrics> ms = rs.stream().map(r -> of.apply(r).get(b)).filter(java.util.Objects::nonNull).toList();
      if (!ms.isEmpty()) {
        by.put(b, mean(ms));
      }
    }
    return by;
  }

  private static Map<String, Object> mean(List<LinkEvaluation.Metrics> ms) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hr@10", meanOf(ms, LinkEvaluation.Metrics::hr10));
    m.put("hr@20", meanOf(ms, LinkEvaluation.Metrics::hr20));
    m.put("mrr", meanOf(ms, LinkEvaluation.Metrics::mrr));
    Double auc = meanOf(ms, LinkEvaluation.Metrics::directionAuc);
    m.put("direction_auc", auc);
    m.put("direction_accuracy", meanOf(ms, LinkEvaluation.Metrics::directionAccuracy));
    m.put("test_edges", ms.stream().mapToInt(LinkEvaluation.Metrics::edges).sum() / ms.size());
    return m;
  }

  private static Double meanOf(List<LinkEvaluation.Metrics> ms, java.util.function.ToDoubleFunction<LinkEvaluation.Metrics> f) {
    double[] xs = ms.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).toArray();
    return xs.length == 0 ? null : Summary.mean(xs);
  }
}
