package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Validation and test sets scored with an uncertainty model, from any supported source, plus a
 * description of the data for results. Sources with features train a {@link BootstrapEnsemble}
 * on a training split ({@code ensemble} is then set; the caller closes it).
 *
 * <p>Splits (stratified, seeded): already-scored data 50% validation / 50% test; feature data 50%
 * train / 25% validation / 25% test, giving validation and test as many positives as possible
 * while keeping half for training (TalkingData has only 227 positives).
 */
public record PreparedData(ScoredSet validation, ScoredSet test, Map<String, Object> data, BootstrapEnsemble ensemble, java.util.List<String> featureNames) {

  /** Formats understood by {@link #load}. */
  public static final java.util.List<String> FORMATS = java.util.List.of("synthetic", "talkingdata", "taobao", "csv");

  /** Default synthetic size: 100,000 examples (50,000 validation, 50,000 test). */
  public static final int SYNTHETIC_SIZE = 100_000;

  /**
   * Loads {@code format} from {@code path} ({@code path} is ignored for {@code synthetic}, whose
   * examples come from {@code generator}). With {@code asFeatures}, synthetic data is given as
   * feature rows and scored by an ensemble, as real data is.
   */
  public static PreparedData load(String format, Path path, SyntheticGenerator generator, int syntheticSize, boolean asFeatures,
      EnsembleConfig ensemble, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    long dataSeed = rnd.nextLong();
    long splitSeed = rnd.nextLong();
    long modelSeed = rnd.nextLong();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("format", format);
    switch (format) {
      case "synthetic" -> {
        info.put("generator", generator.config());
        info.put("size", syntheticSize);
        if (asFeatures) {
          return fromFeatures(generator.features(syntheticSize, dataSeed), info, ensemble, splitSeed, modelSeed);
        }
        return fromScored(generator.generate(syntheticSize, dataSeed), info, splitSeed);
      }
      case "talkingdata" -> {
        info.put("path", existing(path).toString());
        return fromFeatures(TalkingData.read(path), info, ensemble, splitSeed, modelSeed);
      }
      case "taobao" -> {
        info.put("path", existing(path).toString());
        return fromKeys(Taobao.read(path), info, splitSeed);
      }
      case "csv" -> {
        info.put("path", existing(path).toString());
        LabelledCsv.Content c = LabelledCsv.read(path);
        if (c instanceof LabelledCsv.Scored s) {
          return fromScored(s.set(), info, splitSeed);
        }
        return fromFeatures(((LabelledCsv.Features) c).table(), info, ensemble, splitSeed, modelSeed);
      }
      default -> throw new InvalidInputException("format", format, "expected one of " + FORMATS);
    }
  }

  /**
   * Feature rows from a source this module does not read itself (for example the product's event
   * log), split and scored exactly as {@link #load} does for feature formats, with the same seeds.
   */
  public static PreparedData fromTable(FeatureTable all, Map<String, Object> info, EnsembleConfig ensemble, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    rnd.nextLong(); // the data seed: the rows are given
    long splitSeed = rnd.nextLong();
    long modelSeed = rnd.nextLong();
    return fromFeatures(all, new LinkedHashMap<>(info), ensemble, splitSeed, modelSeed);
  }

  private static Path existing(Path path) {
    if (path == null || !Files.isRegularFile(path)) {
      throw new InvalidInputException("data", path, "expected an existing data file");
    }
    return path;
  }

  private static PreparedData fromScored(ScoredSet all, Map<String, Object> info, long splitSeed) {
    ScoredSet[] parts = all.split(0.5, splitSeed);
    describe(info, "validation", parts[0]);
    describe(info, "test", parts[1]);
    info.put("scorer", "given");
    return new PreparedData(parts[0], parts[1], info, null, null);
  }

  private static PreparedData fromFeatures(FeatureTable all, Map<String, Object> info, EnsembleConfig config, long splitSeed, long modelSeed) {
    int[][] parts = Splits.stratified(all.labels(), new double[] {0.5, 0.25, 0.25}, new SplittableRandom(splitSeed));
    FeatureTable train = all.subset(parts[0]);
    FeatureTable val = all.subset(parts[1]);
    FeatureTable test = all.subset(parts[2]);
    info.put("train_examples", train.labels().length);
    info.put("train_positives", train.positives());
    BootstrapEnsemble e = config.train(train, modelSeed);
    ScoredSet v = e.score(val.features(), val.labels());
    ScoredSet t = e.score(test.features(), test.labels());
    describe(info, "validation", v);
    describe(info, "test", t);
    info.put("scorer", "bootstrap_gbm");
    info.put("ensemble", config.toMap());
    info.put("features", all.names());
    return new PreparedData(v, t, info, e, all.names());
  }

  private static PreparedData fromKeys(Taobao.Pairs pairs, Map<String, Object> info, long splitSeed) {
    int[][] parts = Splits.stratified(pairs.labels(), new double[] {0.5, 0.25, 0.25}, new SplittableRandom(splitSeed));
    String[] trainKeys = new String[parts[0].length];
    boolean[] trainLabels = new boolean[parts[0].length];
    for (int i = 0; i < trainKeys.length; i++) {
      trainKeys[i] = pairs.keys()[parts[0][i]];
      trainLabels[i] = pairs.labels()[parts[0][i]];
    }
    BetaEvidenceModel model = BetaEvidenceModel.fit(trainKeys, trainLabels);
    ScoredSet v = scoreKeys(model, pairs, parts[1]);
    ScoredSet t = scoreKeys(model, pairs, parts[2]);
    int pos = 0;
    for (boolean b : trainLabels) {
      pos += b ? 1 : 0;
    }
    info.put("train_examples", trainKeys.length);
    info.put("train_positives", pos);
    info.put("keys", model.keys());
    info.put("prior", Map.of("alpha", model.prior().alpha(), "beta", model.prior().beta()));
    describe(info, "validation", v);
    describe(info, "test", t);
    info.put("scorer", model.name());
    return new PreparedData(v, t, info, null, null);
  }

  private static ScoredSet scoreKeys(BetaEvidenceModel model, Taobao.Pairs pairs, int[] idx) {
    double[] s = new double[idx.length];
    double[] u = new double[idx.length];
    boolean[] y = new boolean[idx.length];
    for (int i = 0; i < idx.length; i++) {
      Estimate e = model.estimate(pairs.keys()[idx[i]]);
      s[i] = e.score();
      u[i] = e.uncertainty();
      y[i] = pairs.labels()[idx[i]];
    }
    return new ScoredSet(s, u, y);
  }

  private static void describe(Map<String, Object> info, String name, ScoredSet set) {
    info.put(name + "_examples", set.size());
    info.put(name + "_positives", set.positives());
  }
}
