package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.core.metrics.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses tables on validation with every {@link ThresholdMethod} (bin counts by
 * {@link BinCountSelector}) and measures them on test: recall, precision and their 95%
 * percentile-bootstrap intervals over test examples ({@link Summary#bootstrap}).
 */
public final class ThresholdEvaluation {
  /** 1,000 resamples: the usual minimum for 95% percentile intervals (Efron and Tibshirani 1993). */
  public static final int DEFAULT_RESAMPLES = 1000;

  private final BinCountSelector selector;
  private final int resamples;

  public ThresholdEvaluation(BinCountSelector selector, int resamples) {
    this.selector = selector;
    this.resamples = Checks.atLeast("resamples", resamples, 10);
  }

  /** The tables chosen for one target, by method name. */
  public Map<String, ThresholdTable> fit(ScoredSet validation, double precision, long seed, Map<String, Object> chosenBins) {
    Map<String, ThresholdTable> tables = new LinkedHashMap<>();
    for (ThresholdMethod m : ThresholdMethod.all()) {
      BinCountSelector.Choice c = selector.choose(m, validation, precision, seed);
      tables.put(m.name(), m.fit(validation, precision, c.bins()));
      if (m.usesBins()) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("bins", c.bins());
        info.put("trials", c.trials().stream().map(t -> {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("bins", t.bins());
          x.put("heldout_recall", t.meanRecall());
          x.put("heldout_precision", Double.isNaN(t.pooledPrecision()) ? null : t.pooledPrecision());
          return x;
        }).toList());
        chosenBins.put(m.name(), info);
      }
    }
    return tables;
  }

  /** The JSON {@code targets} object plus chosen bin counts; {@code tablesOut} receives every table. */
  public Map<String, Object> run(ScoredSet validation, ScoredSet test, List<Double> targets, long seed, Map<String, List<ThresholdTable>> tablesOut) {
    Map<String, Object> byTarget = new LinkedHashMap<>();
    Map<String, Object> bins = new LinkedHashMap<>();
    for (double p : targets) {
      String key = String.format(Locale.ROOT, "%s", p);
      Map<String, Object> chosen = new LinkedHashMap<>();
      Map<String, ThresholdTable> tables = fit(validation, p, seed, chosen);
      bins.put(key, chosen);
      Map<String, Object> methods = new LinkedHashMap<>();
      for (Map.Entry<String, ThresholdTable> e : tables.entrySet()) {
        methods.put(e.getKey(), measure(e.getValue(), test, seed));
        tablesOut.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue());
      }
      byTarget.put(key, methods);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("targets", byTarget);
    out.put("chosen_bins", bins);
    return out;
  }

  /** Test figures of one table, with bootstrap intervals. */
  public Map<String, Object> measure(ThresholdTable table, ScoredSet test, long seed) {
    boolean[] accepted = new boolean[test.size()];
    for (int i = 0; i < accepted.length; i++) {
      accepted[i] = table.accept(test.scores()[i], test.uncertainties()[i]);
    }
    Confusion c = Confusion.of(table, test);
    boolean[] y = test.labels();
    Summary.Interval recallCi = Summary.bootstrap(test.size(), resamples, 0.95, seed, idx -> {
      int tp = 0;
      int pos = 0;
      for (int i : idx) {
        if (y[i]) {
          pos++;
          tp += accepted[i] ? 1 : 0;
        }
      }
      return pos == 0 ? Double.NaN : (double) tp / pos;
    });
    Summary.Interval precCi = Summary.bootstrap(test.size(), resamples, 0.95, seed, idx -> {
      int tp = 0;
      int acc = 0;
      for (int i : idx) {
        if (accepted[i]) {
          acc++;
          tp += y[i] ? 1 : 0;
        }
      }
      return acc == 0 ? Double.NaN : (double) tp / acc;
    });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recall", c.recall());
    m.put("precision", Double.isNaN(c.precision()) ? null : c.precision());
    m.put("recall_ci95", finiteOrNull(recallCi));
    m.put("precision_ci95", finiteOrNull(precCi));
    m.put("accepted", c.tp() + c.fp());
    m.put("bins", table.thresholds().length);
    m.put("reachable_on_validation", table.reachable());
    if (!table.reachable()) {
      m.put("best_achievable_precision_on_validation", Double.isNaN(table.bestAchievablePrecision()) ? null : table.bestAchievablePrecision());
    }
    return m;
  }

  private static Object finiteOrNull(Summary.Interval ci) {
    return Double.isFinite(ci.lo()) && Double.isFinite(ci.hi()) ? ci.toArray() : null;
  }
}
