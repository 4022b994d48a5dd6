package dev.funnel.cli.rank;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.Event;
import dev.funnel.core.InvalidInputException;
import dev.funnel.events.FileEventLog;
import dev.funnel.rank.LabelGrades;
import dev.funnel.ml.GbmParams;
import dev.funnel.rank.LambdaMartTrainer;
import dev.funnel.rank.LtrEvaluation;
import dev.funnel.rank.ModelProvenance;
import dev.funnel.rank.RankerFile;
import dev.funnel.rank.SvmLightData;
import dev.funnel.rank.SvmLightTraining;
import dev.funnel.rank.TrainingLog;
import dev.funnel.rank.TrainingSet;
import dev.funnel.rank.TrainingSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funnel train ranker}: LambdaMART from a training log and feedback events, or from
 * labelled SVMlight/LETOR data ({@code --data}, read by {@link SvmLightData}, the reader {@code
 * eval ltr} uses).
 */
@Command(name = "ranker", mixinStandardHelpOptions = true,
    description = "Train a LambdaMART ranker from a training log (features as served) joined with click, cart and purchase "
        + "events, with position-bias correction (EM propensities, inverse-propensity-weighted pairs); or from labelled "
        + "SVMlight/LETOR data (--data: groups from inline qid: or FILE.query, NULL/NaN values missing, # comments as document ids).")
public final class TrainRankerCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--logs", description = "training log (JSON lines written by RankingService.logForTraining); with --events")
  Path logs;

  @Option(names = "--events", description = "events: a JSON-lines file (one event or array per line) or an event-log directory; with --logs")
  Path events;

  @Option(names = "--data", description = "instead of --logs/--events: labelled SVMlight/LETOR data (qid: inline or groups in FILE.query), "
      + "trained with the settings of LightGBM's lambdarank example")
  Path data;

  @Option(names = "--absent", defaultValue = "auto",
      description = "with --data, what a feature absent from a line means: missing (NaN), zero (sparse SVMlight) or auto: missing for files "
          + "with qid: (LETOR), zero otherwise (default ${DEFAULT-VALUE})")
  String absent;

  @Option(names = "--out", required = true, description = "model file to write")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "training seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--rounds", defaultValue = "200", description = "boosting rounds (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--no-position-bias", description = "train on the logged requests without propensity weighting")
  boolean noPositionBias;

  @Option(names = "--propensity-model", defaultValue = "PAIRS",
      description = "EM relevance model: PAIRS (per query-item pair; needs repeated pairs) or FEATURES (regression-EM) (default ${DEFAULT-VALUE})")
  LambdaMartTrainer.PropensityModel propensityModel;

  @Option(names = "--json", description = "also write the JSON result to this file")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (data != null) {
      if (logs != null || events != null) {
        throw new InvalidInputException("--data", data.toString(), "expected either --data or --logs with --events, not both");
      }
      return trainOnData();
    }
    if (logs == null || events == null) {
      throw new InvalidInputException(logs == null ? "--logs" : "--events", null, "expected --logs and --events (a training log and its events), or --data FILE");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("logs", logs.toString());
    config.put("events", events.toString());
    config.put("out", out.toString());
    config.put("seed", seed);
    config.put("rounds", rounds);
    config.put("position_bias", !noPositionBias);
    config.put("propensity_model", propensityModel.name());
    JsonOutput.header("train ranker", config);
    TrainingLog log = TrainingLog.read(logs);
    TrainingSet set = new TrainingSetBuilder(LabelGrades.DEFAULT).build(log, readEvents(events));
    LambdaMartTrainer.Config d = LambdaMartTrainer.Config.defaults(seed);
    LambdaMartTrainer.Config c = new LambdaMartTrainer.Config(d.params().withRounds(rounds), !noPositionBias, propensityModel, d.minPropensity(),
        d.maxPosition(), d.validationFraction());
    LambdaMartTrainer.Result r = LambdaMartTrainer.train(set, c, logs + " + " + events);
    Map<String, Object> result = new LinkedHashMap<>();
    try (var ranker = r.ranker()) {
      RankerFile.write(ranker, out);
      ModelProvenance p = ranker.provenance();
      result.put("model", out.toString());
      result.put("requests", set.groups().size());
      result.put("impressions", set.rows());
      result.put("events_joined", set.matchedEvents());
      result.put("events_unmatched", set.unmatchedEvents());
      result.put("training_rows", p.rows());
      result.put("training_groups", p.groups());
      result.put("propensities", r.propensities() == null ? null : r.propensities().relative());
      result.put("validation", p.validation());
      result.put("importance", ranker.importance());
    }
    List<String> warnings = degenerate(set, r.propensities() == null ? null : r.propensities().relative());
    warnings.forEach(w -> System.err.println("warning: " + w));
    result.put("warnings", warnings);
    int undefined = JsonOutput.emit(result, json, System.out);
    return strict.exitCode(undefined + (strict.on() ? warnings.size() : 0));
  }

  /** {@code --data}: LambdaMART on SVMlight/LETOR data, 20% of its queries held out (seeded). */
  private int trainOnData() throws IOException {
    SvmLightData.Absent a = EvalLtrCommand.absentFor(absent, data);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data", data.toString());
    config.put("absent", absent);
    config.put("out", out.toString());
    config.put("seed", seed);
    config.put("rounds", rounds);
    JsonOutput.header("train ranker", config);
    SvmLightData d = SvmLightData.read(data, data.resolveSibling(data.getFileName() + ".query"), 0, a);
    GbmParams params = LtrEvaluation.exampleParams(rounds, seed);
    SvmLightTraining.Result r = SvmLightTraining.train(d, params, LambdaMartTrainer.Config.defaults(seed).validationFraction(), data.toString());
    Map<String, Object> result = new LinkedHashMap<>();
    try (var ranker = r.ranker()) {
      RankerFile.write(ranker, out);
      ModelProvenance p = ranker.provenance();
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("file", data.toString());
      in.put("rows", d.labels().length);
      in.put("queries", d.groups().length);
      in.put("columns", d.columns());
      in.put("groups_from", d.inlineQids() ? "qid" : ".query file");
      in.put("absent_features", a.name().toLowerCase(java.util.Locale.ROOT));
      in.put("missing_values", d.missingValues());
      in.put("rows_with_missing", d.rowsWithMissing());
      in.put("rows_with_document_id", d.rowsWithId());
      result.put("model", out.toString());
      result.put("data", in);
      result.put("params", p.params());
      result.put("training_rows", p.rows());
      result.put("training_groups", p.groups());
      result.put("validation_queries", r.validationQueries());
      result.put("validation", p.validation());
      result.put("importance", ranker.importance());
    }
    List<String> warnings = new ArrayList<>();
    if (d.groups().length < 2) {
      warnings.add("the data has " + d.groups().length + " query: the model cannot generalise and nothing is held out for validation");
    }
    boolean positive = false;
    for (float y : d.labels()) {
      positive |= y > 0;
    }
    if (!positive) {
      warnings.add("no row has a label above 0: nothing to learn");
    }
    warnings.forEach(w -> System.err.println("warning: " + w));
    result.put("warnings", warnings);
    int undefined = JsonOutput.emit(result, json, System.out);
    return strict.exitCode(undefined + (strict.on() ? warnings.size() : 0));
  }

  /**
   * What makes this training data unfit for trust: fewer than two distinct queries (nothing to
   * generalise across, held-out nDCG is not a test of ranking), no positive labels, or position
   * propensities that rise with position (examination should fall; the EM fit had too little
   * data or the log is not from a ranked list).
   */
  static List<String> degenerate(TrainingSet set, double[] propensities) {
    List<String> w = new ArrayList<>();
    long queries = set.groups().stream().map(TrainingSet.Group::query).distinct().count();
    if (queries < 2) {
      w.add("the training log has " + queries + " distinct quer" + (queries == 1 ? "y" : "ies")
          + ": the model cannot generalise and its held-out figures say nothing about ranking");
    }
    long positive = set.groups().stream().filter(TrainingSet.Group::hasPositive).count();
    if (positive == 0) {
      w.add("no request has a positive label (no click, cart or purchase joined): nothing to learn");
    }
    if (propensities != null) {
      for (int k = 1; k < propensities.length; k++) {
        if (propensities[k] > propensities[k - 1] * (1 + 1e-9)) {
          w.add(String.format(java.util.Locale.ROOT,
              "position propensities are not monotone: position %d has %.3f, above position %d's %.3f; too few clicks per position to estimate them",
              k + 1, propensities[k], k, propensities[k - 1]));
          break;
        }
      }
    }
    return w;
  }

  static List<Event> readEvents(Path path) throws IOException {
    List<Event> out = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (FileEventLog log = FileEventLog.open(path)) {
        log.scan(out::add);
      }
      return out;
    }
    out.addAll(dev.funnel.events.EventFiles.read(path));
    return out;
  }
}
