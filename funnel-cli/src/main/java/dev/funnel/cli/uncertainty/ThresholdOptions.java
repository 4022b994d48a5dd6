package dev.funnel.cli.uncertainty;

import dev.funnel.core.InvalidInputException;
import dev.funnel.delayed.Durations;
import dev.funnel.uncertainty.BinCountSelector;
import dev.funnel.uncertainty.EnsembleConfig;
import dev.funnel.uncertainty.PreparedData;
import dev.funnel.uncertainty.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code eval thresholds} and {@code train thresholds}: data, targets, model, bins. */
public final class ThresholdOptions {
  /** Formats of these commands: the module's own, plus event logs (conversions of clicks, or clicks of impressions). */
  static final List<String> FORMATS = java.util.stream.Stream.concat(PreparedData.FORMATS.stream(), java.util.stream.Stream.of("events", "clicks")).toList();

  @Option(names = "--data", description = "Data file, or the event log folder for --format events (not needed for --format synthetic).")
  Path data;

  @Option(names = "--format", description = "synthetic | talkingdata | taobao | csv (score,uncertainty,label or features...,label) | events (the product's event log: click features, conversion within the attribution window; mature clicks only) | clicks (an event log, e.g. the simulator's: one row per impression, label = clicked). Default: csv with --data, else synthetic.")
  String format;

  @Option(names = "--attribution-window", description = "With --format events: a purchase counts for a click within this time (default: ${DEFAULT-VALUE}).", defaultValue = "7d")
  String attributionWindow;

  @Option(names = "--precision", split = ",", description = "Target precisions (default: ${DEFAULT-VALUE}).", defaultValue = "0.8,0.9")
  List<Double> precision = new ArrayList<>();

  @Option(names = "--seed", description = "Seed for data, splits, ensemble and bootstrap (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--bins", split = ",", description = "Candidate uncertainty bin counts, chosen on validation (default: ${DEFAULT-VALUE}).", defaultValue = "1,2,4,8,16")
  List<Integer> bins = new ArrayList<>();

  @Option(names = "--members", description = "Bootstrap ensemble members (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int members;

  @Option(names = "--rounds", description = "Boosting rounds per member (default: ${DEFAULT-VALUE}).", defaultValue = "100")
  int rounds;

  @Option(names = "--threads", description = "LightGBM threads per member (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int threads;

  @Option(names = "--size", description = "Synthetic examples (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
  int size;

  @Option(names = "--synthetic-features", description = "Give synthetic data as features (noisy rate, log evidence) scored by the ensemble.")
  boolean syntheticFeatures;

  @Option(names = "--beta-a", description = "Generator: Beta prior a (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  double betaA;

  @Option(names = "--beta-b", description = "Generator: Beta prior b (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  double betaB;

  @Option(names = "--n-min", description = "Generator: smallest evidence count (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  int nMin;

  @Option(names = "--n-max", description = "Generator: largest evidence count (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
  int nMax;

  @Option(names = "--negative-keep-rate", description = "Generator: share of negatives kept for training (default: ${DEFAULT-VALUE}).", defaultValue = "0.25")
  double negativeKeepRate;

  String format() {
    String f = format != null ? format : data == null ? "synthetic" : "csv";
    if (!FORMATS.contains(f)) {
      throw new InvalidInputException("--format", f, "expected one of " + FORMATS);
    }
    if (!f.equals("synthetic") && data == null) {
      throw new InvalidInputException("--data", null, "expected a data file for --format " + f);
    }
    return f;
  }

  List<Double> targets() {
    for (double p : precision) {
      if (!(p > 0 && p < 1)) {
        throw new InvalidInputException("--precision", p, "expected target precisions in (0, 1)");
      }
    }
    return precision.stream().distinct().sorted().toList();
  }

  BinCountSelector selector() {
    return new BinCountSelector(bins.stream().mapToInt(Integer::intValue).toArray(), BinCountSelector.DEFAULT_TOLERANCE);
  }

  PreparedData load(boolean needFeatures) throws IOException {
    EnsembleConfig ensemble = new EnsembleConfig(members, rounds, threads);
    if (format().equals("events")) {
      long window = Durations.seconds("--attribution-window", attributionWindow);
      EventLogExamples.Examples ex = EventLogExamples.read(data, window);
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("format", "events");
      info.put("path", data.toString());
      info.put("attribution_window", Durations.format(window));
      info.put("as_of", java.time.Instant.ofEpochSecond(ex.asOf()).toString());
      info.put("clicks", ex.clicks());
      info.put("immature_clicks_left_out", ex.immature());
      return PreparedData.fromTable(ex.table(), info, ensemble, seed);
    }
    if (format().equals("clicks")) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("format", "clicks");
      info.put("path", data.toString());
      return PreparedData.fromTable(EventLogExamples.clicks(data), info, ensemble, seed);
    }
    return PreparedData.load(format(), data, generator(), size, syntheticFeatures || needFeatures, ensemble, seed);
  }

  SyntheticGenerator generator() {
    return new SyntheticGenerator(betaA, betaB, nMin, nMax, negativeKeepRate);
  }

  Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", format());
    m.put("data", data == null ? null : data.toString());
    m.put("precision", targets());
    m.put("seed", seed);
    m.put("bin_candidates", bins);
    m.put("bin_tolerance", BinCountSelector.DEFAULT_TOLERANCE);
    m.put("ensemble", new EnsembleConfig(members, rounds, threads).toMap());
    if (format().equals("events")) {
      m.put("attribution_window", attributionWindow);
    }
    if (format().equals("synthetic")) {
      m.put("generator", generator().config());
      m.put("size", size);
      m.put("synthetic_features", syntheticFeatures);
    }
    return m;
  }
}
