package dev.funnel.cli.retrieval;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funnel bench scaling-plot}: the SVG of {@code bench retrieval} results at several catalog sizes. */
@Command(
    name = "scaling-plot",
    mixinStandardHelpOptions = true,
    description = "Plot bench retrieval results (output JSON or regression files) against the number of documents, as an SVG.")
public final class BenchScalingPlotCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "bench retrieval output JSON files, or regression files holding one under \"output\".")
  List<Path> files;

  @Option(names = "--svg", required = true, description = "SVG file to write.")
  Path svg;

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() throws Exception {
    List<Map<String, Object>> outputs = new ArrayList<>();
    for (Path f : files) {
      Map<String, Object> m = JsonOutput.JSON.readValue(f.toFile(), Map.class);
      Map<String, Object> o = m.get("output") instanceof Map<?, ?> inner ? (Map<String, Object>) inner : m;
      if (!(o.get("config") instanceof Map<?, ?>) || !(o.get("latency_ms") instanceof Map<?, ?>)) {
        throw new InvalidInputException("files", f, "expected the JSON of a bench retrieval run");
      }
      outputs.add(o);
    }
    ScalingPlot.write(outputs, svg);
    System.err.println("bench scaling-plot: wrote " + svg);
    return 0;
  }
}
