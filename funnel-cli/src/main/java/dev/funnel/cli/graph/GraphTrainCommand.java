package dev.funnel.cli.graph;

import dev.funnel.cli.JsonOutput;
import dev.funnel.graph.BladeTraining;
import dev.funnel.graph.GnnConfig;
import dev.funnel.graph.Graph;
import dev.funnel.graph.GraphModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./funnel train graph}: trains a BLADE related-items model and saves it with provenance. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Train a BLADE related-items model (source/target embeddings) from a directed graph.")
public final class GraphTrainCommand implements Callable<Integer> {
  @Mixin GraphInput input;

  @Option(names = "--out", required = true, description = "Model file to write.")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Mixin BladeOptions blade;

  @Override
  public Integer call() throws Exception {
    GnnConfig cfg = blade.config();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data", input.describe());
    config.put("out", out.toString());
    config.put("seed", seed);
    config.put("blade", cfg.toMap());
    config.put("tuning", blade.tuning().toMap());
    JsonOutput.header("train graph", config);
    Graph g = input.read();
    System.err.printf(java.util.Locale.ROOT, "graph: %d nodes, %d edges, reciprocity %.4f%s%n", g.nodeCount(), g.edgeCount(),
        g.reciprocity(), g.weighted() ? ", weighted" : "");
    GraphModel model = BladeTraining.train(g, cfg, blade.tuning(), seed, input.describe(), true);
    System.err.println("chosen on validation: " + model.report().get("chosen"));
    model.save(out);
    dev.funnel.graph.GraphDegrees.write(g, out);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("provenance", dev.funnel.core.io.ModelFile.toJson(model.provenance()));
    result.putAll(model.report());
    result.put("model_file", out.toString());
    result.put("degrees_file", dev.funnel.graph.GraphDegrees.fileFor(out).toString());
    JsonOutput.emit(result, json, System.out);
    return 0;
  }
}
