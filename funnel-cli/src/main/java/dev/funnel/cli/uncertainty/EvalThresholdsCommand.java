package dev.funnel.cli.uncertainty;

import dev.funnel.cli.JsonOutput;
import dev.funnel.uncertainty.PreparedData;
import dev.funnel.uncertainty.ReliabilityPlot;
import dev.funnel.uncertainty.ThresholdEvaluation;
import dev.funnel.uncertainty.ThresholdTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel eval thresholds}: recall at target precisions with global, per-bin DP and isotonic thresholds. */
@Command(name = "thresholds", mixinStandardHelpOptions = true,
    description = "Recall at target precisions on test: global threshold vs per-uncertainty thresholds (DP, isotonic), with bootstrap intervals.")
public final class EvalThresholdsCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Mixin ThresholdOptions options;

  @Option(names = "--json", description = "Also write the results to this file.")
  Path json;

  @Option(names = "--plot", description = "Write an SVG of the empirical positive rate against the score per uncertainty level (test split).")
  Path plot;

  @Option(names = "--resamples", description = "Bootstrap resamples for the intervals (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
  int resamples;

  @Override
  public Integer call() throws Exception {
    int undefined;
    Map<String, Object> config = options.config();
    config.put("resamples", resamples);
    JsonOutput.header("eval thresholds", config);
    PreparedData d = options.load(false);
    try {
      ThresholdEvaluation eval = new ThresholdEvaluation(options.selector(), resamples);
      Map<String, List<ThresholdTable>> tables = new LinkedHashMap<>();
      Map<String, Object> res = eval.run(d.validation(), d.test(), options.targets(), options.seed, tables);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("command", "eval thresholds");
      out.put("data", d.data());
      out.put("seed", options.seed);
      out.put("config", config);
      out.putAll(res);
      Map<String, Object> t = new LinkedHashMap<>();
      tables.forEach((m, list) -> t.put(m, list.stream().map(ThresholdTable::toJson).toList()));
      out.put("tables", t);
      if (plot != null) {
        Path parent = plot.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(plot, ReliabilityPlot.svg(d.test(), 4, 10, "Positive rate vs score per uncertainty level (" + options.format() + ", test)"));
        out.put("plot", plot.toString());
      }
      undefined = JsonOutput.emit(out, json, System.out);
    } finally {
      if (d.ensemble() != null) {
        d.ensemble().close();
      }
    }
    return strict.exitCode(undefined);
  }
}
