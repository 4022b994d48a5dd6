package dev.funnel.delayed;

import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import dev.funnel.ml.Gbm;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.BinaryMetrics;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The product's training pipeline for the conversion model: builds the training set observable
 * at {@code asOf}, weights it with the chosen scheme, trains the model and records provenance.
 * Validation repeats the protocol once in the past: a model trained, with the same scheme, on
 * what was observable at {@code asOf - A - validationSpan} is scored on the clicks of the
 * following {@code validationSpan}, whose labels are mature at {@code asOf} (A is the
 * attribution window). Auxiliary models use the mature clicks of the {@code trainSpan} before
 * {@code asOf - A}.
 */
public final class ConversionTraining {
  private ConversionTraining() {}

  /** Settings of one training run (times in epoch seconds, spans in seconds). */
  public record Settings(long asOf, long trainSpan, long validationSpan, GbmParams params, long seed) {
    public Settings {
      Checks.atLeast("trainSpan", trainSpan, 1);
      Checks.atLeast("validationSpan", validationSpan, 1);
    }
  }

  /**
   * The weighted training set {@link #train} fits: the clicks of the training span as observable
   * at {@code asOf}, weighed by {@code scheme} with the run's seed (offline jobs write it).
   */
  public static WeightedSet trainingSet(ClickData data, WeightingScheme scheme, Settings s) {
    return scheme.weigh(snapshot(data, s), AuxiliaryLearner.defaults(s.seed()), new SplittableRandom(s.seed()).split());
  }

  private static Snapshot snapshot(ClickData data, Settings s) {
    Snapshot snap = EventTimeBuilder.snapshot(data, s.asOf() - s.trainSpan(), s.asOf(), s.trainSpan());
    if (snap.size() == 0) {
      throw new InvalidInputException("events", 0, "expected clicks in the training span [" + Instant.ofEpochSecond(s.asOf() - s.trainSpan()) + ", "
          + Instant.ofEpochSecond(s.asOf()) + ") (set --as-of or --train-span)");
    }
    return snap;
  }

  public static ConversionModel train(ClickData data, WeightingScheme scheme, Settings s) {
    if (scheme.evaluationOnly()) {
      throw new InvalidInputException("method", scheme.name(), "expected a method usable in production (the oracle reads future labels)");
    }
    SplittableRandom rnd = new SplittableRandom(s.seed());
    AuxiliaryLearner aux = AuxiliaryLearner.defaults(s.seed());
    Snapshot snap = snapshot(data, s);
    WeightedSet set = scheme.weigh(snap, aux, rnd.split());
    if (set.weightOf(true) == 0 || set.weightOf(false) == 0) {
      throw new InvalidInputException("events", snap.observedPositives() + " conversions in " + snap.size() + " clicks",
          "expected both converted and unconverted clicks before " + Instant.ofEpochSecond(s.asOf()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("method", scheme.name());
    params.put("method_params", ModelFile.jsonText(scheme.params()));
    params.put("as_of", Instant.ofEpochSecond(s.asOf()).toString());
    params.put("attribution_window", Durations.format(data.attributionWindow()));
    params.put("train_span", Durations.format(s.trainSpan()));
    params.put("gbm_params", s.params().toLightGbm());
    FileProvenance provenance = FileProvenance.of(List.of(data.source()), params, Map.of("gradient_boosting", Gbm.libraryVersion()), s.seed());
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("method", scheme.name());
    prov.put("data_first_click", Instant.ofEpochSecond(snap.rows().get(0).journey().clickTime()).toString());
    prov.put("data_last_click", Instant.ofEpochSecond(snap.rows().get(snap.size() - 1).journey().clickTime()).toString());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("clicks", snap.size());
    counts.put("observed_conversions", snap.observedPositives());
    counts.put("immature_clicks", snap.immature());
    counts.put("training_rows", set.size());
    counts.put("positive_weight", set.weightOf(true));
    counts.put("negative_weight", set.weightOf(false));
    prov.put("counts", counts);
    prov.put("validation", validate(data, scheme, s, aux, rnd.split()));
    GbmModel gbm = ConversionTrainer.train(set, data.spec(), s.params());
    return new ConversionModel(gbm, data.spec(), provenance, prov);
  }

  private static Map<String, Object> validate(ClickData data, WeightingScheme scheme, Settings s, AuxiliaryLearner aux, SplittableRandom rnd) {
    long vEnd = s.asOf() - data.attributionWindow();
    long vStart = vEnd - s.validationSpan();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("train_as_of", Instant.ofEpochSecond(vStart).toString());
    v.put("test_from", Instant.ofEpochSecond(vStart).toString());
    v.put("test_to", Instant.ofEpochSecond(vEnd).toString());
    Snapshot past = EventTimeBuilder.snapshot(data, vStart - s.trainSpan(), vStart, s.trainSpan());
    List<float[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (Journey j : data.journeys()) {
      if (j.clickTime() >= vStart && j.clickTime() < vEnd) {
        x.add(j.features());
        y.add(EventTimeBuilder.observe(j, s.asOf(), data.attributionWindow()).observedLabel());
      }
    }
    v.put("test_clicks", x.size());
    long pos = y.stream().filter(b -> b).count();
    v.put("test_conversions", pos);
    if (past.size() == 0 || pos == 0 || pos == x.size()) {
      v.put("status", "skipped: needs clicks before the validation span and both classes in it");
      return v;
    }
    WeightedSet set = scheme.weigh(past, aux, rnd);
    if (set.weightOf(true) == 0 || set.weightOf(false) == 0) {
      v.put("status", "skipped: no conversions observable before the validation span");
      return v;
    }
    boolean[] yy = Weightings.toArray(y);
    try (GbmModel m = ConversionTrainer.train(set, data.spec(), s.params())) {
      double[] p = m.predict(x.toArray(new float[0][]));
      v.put("auc", BinaryMetrics.auc(p, yy));
      v.put("pr_auc", BinaryMetrics.prAuc(p, yy));
      v.put("nll", BinaryMetrics.logLoss(p, yy));
    }
    v.put("status", "ok");
    return v;
  }
}
