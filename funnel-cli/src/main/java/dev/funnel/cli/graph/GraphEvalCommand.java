package dev.funnel.cli.graph;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import dev.funnel.graph.BladeTraining;
import dev.funnel.graph.EdgeListReader;
import dev.funnel.graph.EdgeSplit;
import dev.funnel.graph.GnnConfig;
import dev.funnel.graph.GnnMethod;
import dev.funnel.graph.Graph;
import dev.funnel.graph.LinkEvaluation;
import dev.funnel.graph.LinkMethod;
import dev.funnel.graph.LinkScorer;
import dev.funnel.graph.Methods;
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

  @Option(names = "--edges", required = true, description = "Directed edge list (TSV/CSV, optional weight column).")
  Path edges;

  @Option(names = "--methods", split = ",", description = "Methods to compare (default: ${DEFAULT-VALUE}).",
      defaultValue = "blade,blade-fixed,sage,shallow,popularity")
  List<String> methods;

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
    GnnConfig cfg = blade.config();
    List<LinkMethod> ms = new ArrayList<>();
    for (String name : methods) {
      ms.add(Methods.create(name.strip(), cfg, true));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("edges", edges.toString());
    config.put("methods", methods);
    config.put("seed", seed);
    config.put("seeds", seeds);
    config.put("validation_fraction", 0.05);
    config.put("test_fraction", 0.10);
    config.put("blade", cfg.toMap());
    JsonOutput.header("eval graph", config);
    Graph g = EdgeListReader.read(edges);
    // per method -> per seed -> report
    Map<String, List<LinkEvaluation.Report>> reports = new LinkedHashMap<>();
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, List<Integer>> epochs = new LinkedHashMap<>();
    Map<String, List<Double>> validation = new LinkedHashMap<>();
    for (int s = 0; s < seeds; s++) {
      long runSeed = seed + s;
      EdgeSplit split = EdgeSplit.of(g, 0.05, 0.10, runSeed);
      for (LinkMethod m : ms) {
        long t0 = System.nanoTime();
        long cpu0 = BladeTraining.cpuNanos();
        LinkScorer scorer = m.train(split.train(), split.validation(), runSeed);
        double secs = (System.nanoTime() - t0) / 1e9;
        cpu.computeIfAbsent(m.name(), k -> new ArrayList<>()).add((BladeTraining.cpuNanos() - cpu0) / 1e9);
        LinkEvaluation.Report r = LinkEvaluation.evaluate(scorer, g, split.train(), split.test());
        reports.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(r);
        seconds.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(secs);
        if (m instanceof GnnMethod gm) {
          epochs.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(gm.lastResult().bestEpoch());
          validation.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(gm.lastResult().bestValidationMrr());
        }
        System.err.printf(java.util.Locale.ROOT, "seed %d %-12s hr@10 %.4f mrr %.4f dir-auc %.4f (%.1fs)%n", runSeed,
            m.name(), r.overall().hr10(), r.overall().mrr(), r.overall().directionAuc(), secs);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataset", edges.toString());
    out.put("nodes", g.nodeCount());
    out.put("edges", g.edgeCount());
    out.put("seed", seed);
    out.put("seeds", seeds);
    out.put("config", config);
    Map<String, Object> methodsOut = new LinkedHashMap<>();
    for (String name : reports.keySet()) {
      List<LinkEvaluation.Report> rs = reports.get(name);
      Map<String, Object> mm = mean(rs.stream().map(LinkEvaluation.Report::overall).toList());
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
    out.put("degree_buckets", "by_degree: total (in + out) degree of the query node in the training graph; by_in_degree, by_out_degree: its in- and out-degree");
    return strict.exitCode(JsonOutput.emit(out, json, System.out));
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
    m.put("test_edges", ms.stream().mapToInt(LinkEvaluation.Metrics::edges).sum() / ms.size());
    return m;
  }

  private static Double meanOf(List<LinkEvaluation.Metrics> ms, java.util.function.ToDoubleFunction<LinkEvaluation.Metrics> f) {
    double[] xs = ms.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).toArray();
    return xs.length == 0 ? null : Summary.mean(xs);
  }
}
