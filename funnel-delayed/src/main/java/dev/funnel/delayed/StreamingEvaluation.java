package dev.funnel.delayed;

import dev.funnel.core.metrics.BinaryMetrics;
import dev.funnel.core.metrics.Summary;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The streaming evaluation protocol for delayed feedback (as in Yang et al., AAAI 2021): after an
 * initial pretraining period, for each window the conversion model is trained, with each
 * weighting scheme, on what is observable at the window's start, and tested on the clicks of the
 * window with their eventual labels. Predictions of all windows are pooled; metrics are AUC,
 * PR-AUC, NLL and RI-AUC = (AUC - AUC_vanilla) / (AUC_oracle - AUC_vanilla), each with a paired
 * percentile-bootstrap 95% interval over test clicks (the same resamples for every method).
 */
public final class StreamingEvaluation {
  private StreamingEvaluation() {}

  /** Metrics of one method; {@code riAuc} is NaN for vanilla and oracle. */
  public record MethodResult(
      double auc, double prAuc, double nll, double riAuc, double[] aucCi95, double[] prAucCi95, double[] nllCi95, double[] riAucCi95,
      double meanTrainRows, double meanPositiveWeight) {}

  /**
   * Everything a run produced; {@code oracleGain} is AUC_oracle - AUC_vanilla with its paired
   * bootstrap interval (how clearly delayed labels hurt on this data).
   */
  public record Result(Map<String, MethodResult> methods, double oracleGain, double[] oracleGainCi95, int windows, int testClicks, int testConversions,
      List<Map<String, Object>> windowCounts) {}

  public static Result run(ClickData data, Map<String, WeightingScheme> methods, StreamingConfig cfg, GbmParams params, AuxiliaryLearner aux, Consumer<String> log) {
    long first = data.start();
    long last = data.end();
    Map<String, List<Double>> preds = new LinkedHashMap<>();
    Map<String, double[]> trainStats = new LinkedHashMap<>();
    methods.keySet().forEach(m -> {
      preds.put(m, new ArrayList<>());
      trainStats.put(m, new double[2]);
    });
    List<Boolean> labels = new ArrayList<>();
    List<Map<String, Object>> counts = new ArrayList<>();
    SplittableRandom root = new SplittableRandom(cfg.seed());
    int w = 0;
    for (long s = first + cfg.pretrain(); s + cfg.window() <= last - cfg.maturityMargin() + 1; s += cfg.window()) {
      Snapshot train = EventTimeBuilder.snapshot(data, s - cfg.trainSpan(), s, cfg.historySpan());
      List<float[]> testX = new ArrayList<>();
      for (Journey j : data.journeys()) {
        if (j.clickTime() >= s && j.clickTime() < s + cfg.window()) {
          testX.add(j.features());
          labels.add(EventTimeBuilder.eventualLabel(j, data.attributionWindow()));
        }
      }
      if (testX.isEmpty() || train.size() == 0) {
        continue;
      }
      float[][] tx = testX.toArray(new float[0][]);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("start", java.time.Instant.ofEpochSecond(s).toString());
      c.put("train_clicks", train.size());
      c.put("train_observed_conversions", train.observedPositives());
      long eventualPos = 0;
      for (int i = 0; i < train.size(); i++) {
        eventualPos += train.eventualLabel(i) ? 1 : 0;
      }
      c.put("train_eventual_conversions", eventualPos);
      c.put("test_clicks", tx.length);
      counts.add(c);
      SplittableRandom windowRnd = root.split();
      StringBuilder timing = new StringBuilder();
      for (Map.Entry<String, WeightingScheme> e : methods.entrySet()) {
        long t0 = System.nanoTime();
        WeightedSet set = e.getValue().weigh(train, aux, windowRnd.split());
        double[] p;
        if (set.weightOf(true) == 0 || set.weightOf(false) == 0) {
          double rate = set.weightOf(true) / Math.max(1e-12, set.weightOf(true) + set.weightOf(false));
          p = new double[tx.length];
          java.util.Arrays.fill(p, rate);
        } else {
          try (GbmModel m = ConversionTrainer.train(set, data.spec(), params)) {
            p = m.predict(tx);
          }
        }
        for (double v : p) {
          preds.get(e.getKey()).add(v);
        }
        trainStats.get(e.getKey())[0] += set.size();
        trainStats.get(e.getKey())[1] += set.weightOf(true);
        timing.append(String.format(java.util.Locale.ROOT, " %s=%.1fs", e.getKey(), (System.nanoTime() - t0) / 1e9));
      }
      w++;
      log.accept("window " + w + " " + c + timing);
    }
    boolean[] y = new boolean[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    Map<String, double[]> p = new LinkedHashMap<>();
    preds.forEach((k, v) -> p.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    Map<String, MethodResult> out = new LinkedHashMap<>();
    int conv = 0;
    for (boolean b : y) {
      conv += b ? 1 : 0;
    }
    if (y.length == 0) {
      return new Result(out, Double.NaN, null, 0, 0, 0, counts);
    }
    double[] van = p.get("vanilla");
    double[] ora = p.get("oracle");
    double aucV = BinaryMetrics.auc(van, y);
    double aucO = BinaryMetrics.auc(ora, y);
    long bootSeed = new SplittableRandom(cfg.seed()).split().nextLong();
    for (String m : p.keySet()) {
      double[] pm = p.get(m);
      double auc = BinaryMetrics.auc(pm, y);
      boolean relative = !m.equals("vanilla") && !m.equals("oracle");
      double ri = relative ? (auc - aucV) / (aucO - aucV) : Double.NaN;
      double[] aucCi = Summary.bootstrap(y.length, cfg.bootstrap(), 0.95, bootSeed, idx -> BinaryMetrics.auc(pick(pm, idx), pick(y, idx))).toArray();
      double[] prCi = Summary.bootstrap(y.length, cfg.bootstrap(), 0.95, bootSeed, idx -> BinaryMetrics.prAuc(pick(pm, idx), pick(y, idx))).toArray();
      double[] nllCi = Summary.bootstrap(y.length, cfg.bootstrap(), 0.95, bootSeed, idx -> BinaryMetrics.logLoss(pick(pm, idx), pick(y, idx))).toArray();
      double[] riCi = relative
          ? Summary.bootstrap(y.length, cfg.bootstrap(), 0.95, bootSeed, idx -> {
              boolean[] yb = pick(y, idx);
              double v = BinaryMetrics.auc(pick(van, idx), yb);
              return (BinaryMetrics.auc(pick(pm, idx), yb) - v) / (BinaryMetrics.auc(pick(ora, idx), yb) - v);
            }).toArray()
          : null;
      double[] st = trainStats.get(m);
      out.put(m, new MethodResult(auc, BinaryMetrics.prAuc(pm, y), BinaryMetrics.logLoss(pm, y), ri, aucCi, prCi, nllCi, riCi, st[0] / Math.max(1, w), st[1] / Math.max(1, w)));
    }
    double[] gainCi = Summary.bootstrap(y.length, cfg.bootstrap(), 0.95, bootSeed, idx -> {
      boolean[] yb = pick(y, idx);
      return BinaryMetrics.auc(pick(ora, idx), yb) - BinaryMetrics.auc(pick(van, idx), yb);
    }).toArray();
    return new Result(out, aucO - aucV, gainCi, w, y.length, conv, counts);
  }

  private static double[] pick(double[] xs, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = xs[idx[i]];
    }
    return out;
  }

  private static boolean[] pick(boolean[] xs, int[] idx) {
    boolean[] out = new boolean[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = xs[idx[i]];
    }
    return out;
  }
}
