package dev.funnel.cli.delayed;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.delayed.AuxiliaryLearner;
import dev.funnel.delayed.ClickData;
import dev.funnel.delayed.ConversionTrainer;
import dev.funnel.delayed.DataSources;
import dev.funnel.delayed.Durations;
import dev.funnel.delayed.StreamingConfig;
import dev.funnel.delayed.StreamingEvaluation;
import dev.funnel.delayed.WeightingScheme;
import dev.funnel.delayed.Weightings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel eval delayed}: the streaming delayed-feedback evaluation of all weighting schemes. */
@Command(name = "delayed", mixinStandardHelpOptions = true,
    description = "Streaming evaluation of delayed-feedback weighting schemes (AUC, PR-AUC, NLL, RI-AUC with 95%% bootstrap intervals).")
public final class EvalDelayedCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--data", description = "Data file or folder (not needed for --format synthetic).")
  Path data;

  @Option(names = "--format", required = true, description = "talkingdata, taobao or synthetic.")
  String format;

  @Option(names = "--methods", defaultValue = "vanilla,oracle,waiting,fnw,fsiw,esdfm,engagement",
      description = "Comma-separated weighting schemes (vanilla and oracle are always run). Default: ${DEFAULT-VALUE}.")
  String methods;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generator, the models and the bootstrap. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--days", description = "Synthetic only: simulated days (default 30).")
  Integer days;

  @Option(names = "--clicks-per-day", description = "Synthetic only: clicks per day (default 6000).")
  Integer clicksPerDay;

  @Option(names = "--attribution-window", description = "Attribution window (default per format: synthetic 7d, talkingdata 12h, taobao 30m).")
  String attribution;

  @Option(names = "--pretrain", description = "Initial period before the first test window (default per format).")
  String pretrain;

  @Option(names = "--window", description = "Test window length (default per format).")
  String window;

  @Option(names = "--train-span", description = "Training span before each window (default per format).")
  String trainSpan;

  @Option(names = "--history-span", description = "Mature clicks used by auxiliary models, before each window start minus the attribution window (default per format).")
  String historySpan;

  @Option(names = "--wait", description = "Waiting-window method: minimum click age (default per format).")
  String wait;

  @Option(names = "--esdfm-window", description = "ES-DFM observation window c (default per format).")
  String esdfmWindow;

  @Option(names = "--rounds", defaultValue = "100", description = "Boosting rounds of the conversion model. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--bootstrap", defaultValue = "100", description = "Bootstrap resamples for the 95%% intervals. Default: ${DEFAULT-VALUE}.")
  int bootstrap;

  @Option(names = "--json", description = "Also write the result JSON here.")
  Path json;

  @Override
  public Integer call() throws Exception {
    DataSources.Defaults d = DataSources.defaults(format);
    long attr = attribution == null ? d.attributionWindow() : Durations.seconds("--attribution-window", attribution);
    ClickData cd = DataSources.load(format, data, attr, seed, days, clicksPerDay);
    StreamingConfig cfg = new StreamingConfig(
        pretrain == null ? d.pretrain() : Durations.seconds("--pretrain", pretrain),
        window == null ? d.window() : Durations.seconds("--window", window),
        trainSpan == null ? d.trainSpan() : Durations.seconds("--train-span", trainSpan),
        historySpan == null ? d.historySpan() : Durations.seconds("--history-span", historySpan),
        attr, bootstrap, seed);
    Weightings.Settings ws = new Weightings.Settings(
        wait == null ? d.waitingWindow() : Durations.seconds("--wait", wait),
        esdfmWindow == null ? d.esdfmWindow() : Durations.seconds("--esdfm-window", esdfmWindow));
    Map<String, WeightingScheme> schemes = Weightings.parseList(methods, ws);
    if (rounds < 1) {
      throw new InvalidInputException("--rounds", rounds, "expected an integer >= 1");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("format", format);
    config.put("data", cd.source());
    config.put("seed", seed);
    config.put("attribution_window", Durations.format(attr));
    config.put("pretrain", Durations.format(cfg.pretrain()));
    config.put("window", Durations.format(cfg.window()));
    config.put("train_span", Durations.format(cfg.trainSpan()));
    config.put("history_span", Durations.format(cfg.historySpan()));
    config.put("rounds", rounds);
    config.put("bootstrap", bootstrap);
    Map<String, Object> params = new LinkedHashMap<>();
    schemes.forEach((k, v) -> params.put(k, v.params()));
    config.put("method_params", params);
    JsonOutput.header("eval delayed", config);
    StreamingEvaluation.Result r = StreamingEvaluation.run(cd, schemes, cfg, ConversionTrainer.defaultParams(seed).withRounds(rounds),
        AuxiliaryLearner.defaults(seed), System.err::println);
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> ms = new LinkedHashMap<>();
    r.methods().forEach((k, m) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("auc", m.auc());
      e.put("pr_auc", m.prAuc());
      e.put("nll", m.nll());
      e.put("ri_auc", Double.isNaN(m.riAuc()) ? null : m.riAuc());
      e.put("auc_ci95", m.aucCi95());
      e.put("pr_auc_ci95", m.prAucCi95());
      e.put("nll_ci95", m.nllCi95());
      e.put("ri_auc_ci95", m.riAucCi95());
      e.put("mean_train_rows", m.meanTrainRows());
      e.put("mean_positive_weight", m.meanPositiveWeight());
      ms.put(k, e);
    });
    out.put("methods", ms);
    out.put("oracle_minus_vanilla_auc", r.oracleGain());
    out.put("oracle_minus_vanilla_auc_ci95", r.oracleGainCi95());
    Map<String, Object> dataInfo = new LinkedHashMap<>();
    dataInfo.put("source", cd.source());
    dataInfo.put("clicks", cd.journeys().size());
    dataInfo.put("conversions", cd.conversions());
    dataInfo.put("first_click", java.time.Instant.ofEpochSecond(cd.start()).toString());
    dataInfo.put("last_click", java.time.Instant.ofEpochSecond(cd.end()).toString());
    if (cd.groundTruth() != null) {
      dataInfo.put("ground_truth_auc", DataSources.groundTruthAuc(cd, cfg));
    }
    out.put("data", dataInfo);
    out.put("seed", seed);
    out.put("config", config);
    out.put("windows", r.windows());
    out.put("test_clicks", r.testClicks());
    out.put("test_conversions", r.testConversions());
    out.put("window_counts", r.windowCounts());
    int undefined = JsonOutput.emit(out, json, System.out, undefinedReasons(r));
    return strict.exitCode(undefined);
  }

  /** Why metrics are undefined on this run, by output path prefix. */
  private static Map<String, String> undefinedReasons(StreamingEvaluation.Result r) {
    if (r.testConversions() == 0) {
      String why = "no conversions among the " + r.testClicks() + " test clicks: AUC, PR-AUC and their intervals need both classes";
      return Map.of("methods", why, "oracle_minus_vanilla_auc", why);
    }
    if (r.testConversions() == r.testClicks()) {
      String why = "every test click converted: AUC needs both classes";
      return Map.of("methods", why, "oracle_minus_vanilla_auc", why);
    }
    return Map.of();
  }
}
