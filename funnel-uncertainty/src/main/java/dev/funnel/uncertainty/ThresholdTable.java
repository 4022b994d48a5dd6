package dev.funnel.uncertainty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision rule for one target precision: uncertainty bins (edges) and one score threshold per
 * bin. An example is accepted when {@code score >= thresholds[bin(uncertainty)]}; a threshold of
 * +infinity accepts nothing in its bin. The global method has one bin. The validation figures
 * record how the table was chosen; when the target is unreachable on validation,
 * {@code reachable} is false, every threshold is +infinity and {@code bestAchievablePrecision}
 * says the highest precision any global cut reached.
 */
public record ThresholdTable(
    String method,
    double targetPrecision,
    double[] binEdges,
    double[] thresholds,
    boolean reachable,
    double validationPrecision,
    double validationRecall,
    double bestAchievablePrecision,
    int validationExamples,
    int validationPositives) {

  public ThresholdTable {
    Checks.nonBlank("method", method);
    if (!(targetPrecision > 0 && targetPrecision <= 1)) {
      throw new InvalidInputException("target_precision", targetPrecision, "expected a precision in (0, 1]");
    }
    binEdges = new UncertaintyBins(binEdges).edges();
    thresholds = thresholds.clone();
    if (thresholds.length != binEdges.length + 1) {
      throw new InvalidInputException("thresholds", thresholds.length, "expected one threshold per bin (" + (binEdges.length + 1) + ")");
    }
    for (int i = 0; i < thresholds.length; i++) {
      if (Double.isNaN(thresholds[i]) || thresholds[i] == Double.NEGATIVE_INFINITY) {
        throw new InvalidInputException("thresholds[" + i + "]", thresholds[i], "expected a number or +infinity (accept nothing)");
      }
    }
  }

  /** Builds a table and measures it on the validation set it was chosen on. */
  static ThresholdTable measured(String method, double target, UncertaintyBins bins, double[] thresholds, ScoredSet validation) {
    ThresholdTable t = new ThresholdTable(method, target, bins.edges(), thresholds, true, 0, 0, 0, 0, 0);
    Confusion c = Confusion.of(t, validation);
    double best = CutCurve.of(validation.scores(), validation.labels()).bestPrecision();
    return new ThresholdTable(method, target, bins.edges(), thresholds, c.tp() > 0, c.precision(), c.recall(), best,
        validation.size(), validation.positives());
  }

  public UncertaintyBins bins() {
    return new UncertaintyBins(binEdges);
  }

  public double thresholdFor(double uncertainty) {
    return thresholds[bins().index(uncertainty)];
  }

  public boolean accept(double score, double uncertainty) {
    return score >= thresholdFor(uncertainty);
  }

  /** JSON-ready map; +infinity thresholds are written as {@code null}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method);
    m.put("target_precision", targetPrecision);
    m.put("bin_edges", binEdges);
    List<Double> th = new ArrayList<>();
    for (double t : thresholds) {
      th.add(Double.isInfinite(t) ? null : t);
    }
    m.put("thresholds", th);
    m.put("reachable", reachable);
    m.put("validation_precision", Double.isNaN(validationPrecision) ? null : validationPrecision);
    m.put("validation_recall", validationRecall);
    m.put("best_achievable_precision", Double.isNaN(bestAchievablePrecision) ? null : bestAchievablePrecision);
    m.put("validation_examples", validationExamples);
    m.put("validation_positives", validationPositives);
    return m;
  }

  /** Reads {@link #toJson()} output; {@code where} names the location in the file for errors. */
  public static ThresholdTable fromJson(JsonNode n, String where) {
    JsonNode edges = require(n, "bin_edges", where);
    JsonNode th = require(n, "thresholds", where);
    if (!edges.isArray() || !th.isArray()) {
      throw new InvalidInputException(where, "bin_edges", edges.toString(), "expected arrays bin_edges and thresholds");
    }
    double[] e = new double[edges.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = edges.get(i).asDouble();
    }
    double[] t = new double[th.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = th.get(i).isNull() ? Double.POSITIVE_INFINITY : th.get(i).asDouble();
    }
    JsonNode vp = n.path("validation_precision");
    JsonNode bp = n.path("best_achievable_precision");
    return new ThresholdTable(require(n, "method", where).asText(), require(n, "target_precision", where).asDouble(), e, t,
        require(n, "reachable", where).asBoolean(), vp.isNumber() ? vp.asDouble() : Double.NaN, n.path("validation_recall").asDouble(),
        bp.isNumber() ? bp.asDouble() : Double.NaN, n.path("validation_examples").asInt(), n.path("validation_positives").asInt());
  }

  private static JsonNode require(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() && !field.equals("thresholds")) {
      throw new InvalidInputException(where, field, null, "expected a value");
    }
    return v;
  }
}
