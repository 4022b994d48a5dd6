package dev.funnel.cli.uncertainty;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.uncertainty.BinCountSelector;
import dev.funnel.uncertainty.DecisionPolicy;
import dev.funnel.uncertainty.PreparedData;
import dev.funnel.uncertainty.ScoredModel;
import dev.funnel.uncertainty.ThresholdMethod;
import dev.funnel.uncertainty.ThresholdTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel train thresholds}: trains the ensemble, chooses tables on validation, writes one model file. */
@Command(name = "thresholds", mixinStandardHelpOptions = true,
    description = "Train the bootstrap GBM ensemble, choose per-uncertainty threshold tables on validation and write a scored model file.")
public final class TrainThresholdsCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Mixin ThresholdOptions options;

  @Option(names = "--out", required = true, description = "Model file to write (JSON, format funnel-scored-model).")
  Path out;

  @Option(names = "--method", description = "Threshold method shipped with the model: global | dp | isotonic (default: ${DEFAULT-VALUE}).", defaultValue = "dp")
  String method;

  @Option(names = "--json", description = "Also write the training summary to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    ThresholdMethod m = ThresholdMethod.named(method);
    if (options.format().equals("taobao")) {
      throw new InvalidInputException("--format", "taobao", "expected a format with features (talkingdata, csv with features, synthetic): taobao is scored by a Beta posterior, not a shippable ensemble");
    }
    Map<String, Object> config = options.config();
    config.put("method", method);
    JsonOutput.header("train thresholds", config);
    PreparedData d = options.load(true);
    if (d.ensemble() == null) {
      throw new InvalidInputException("--data", options.data, "expected features to train on (a CSV with score,uncertainty,label has no features)");
    }
    BinCountSelector selector = options.selector();
    List<ThresholdTable> tables = new ArrayList<>();
    Map<String, Object> bins = new LinkedHashMap<>();
    for (double p : options.targets()) {
      BinCountSelector.Choice c = selector.choose(m, d.validation(), p, options.seed);
      tables.add(m.fit(d.validation(), p, c.bins()));
      bins.put(Double.toString(p), c.bins());
    }
    dev.funnel.core.io.FileProvenance prov = dev.funnel.core.io.FileProvenance.of(List.of(String.valueOf(d.data())),
        Map.of("command", "funnel train thresholds", "config", String.valueOf(config)),
        Map.of("gradient_boosting", dev.funnel.ml.Gbm.libraryVersion(), "java", System.getProperty("java.version")), options.seed);
    try (ScoredModel model = new ScoredModel(d.ensemble(), d.featureNames(), new DecisionPolicy(m.name(), tables), prov)) {
      model.write(out);
    }
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("command", "train thresholds");
    res.put("model", out.toString());
    res.put("data", d.data());
    res.put("seed", options.seed);
    res.put("config", config);
    res.put("chosen_bins", bins);
    res.put("tables", tables.stream().map(ThresholdTable::toJson).toList());
    return strict.exitCode(JsonOutput.emit(res, json, System.out));
  }
}
