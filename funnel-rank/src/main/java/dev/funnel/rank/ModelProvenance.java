package dev.funnel.rank;

import dev.funnel.core.Checks;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from, enough to retrain and compare it: the training data (source, rows,
 * groups, time span), the LightGBM parameter string, the seed, the library version, the
 * position-bias correction used and validation metrics.
 *
 * @param source description of the training data (file names, log, split)
 * @param rows training rows
 * @param groups training groups (requests / queries)
 * @param from earliest training event time (ISO-8601) or null when the data has no times
 * @param to latest training event time or null
 * @param params LightGBM parameter string as passed to the library
 * @param seed training seed
 * @param library the gradient-boosting library and version
 * @param positionBias position-bias correction: {@code none} or the estimated propensities
 * @param validation validation metrics (name -> value), may be empty
 */
public record ModelProvenance(
    String source,
    long rows,
    long groups,
    String from,
    String to,
    String params,
    long seed,
    String library,
    String positionBias,
    Map<String, Double> validation) {
  public ModelProvenance {
    Checks.nonBlank("source", source);
    Checks.atLeast("rows", rows, 1);
    Checks.atLeast("groups", groups, 1);
    Checks.nonBlank("params", params);
    Checks.nonBlank("library", library);
    Checks.nonBlank("positionBias", positionBias);
    validation = validation == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(validation));
  }

  public ModelProvenance withValidation(Map<String, Double> metrics) {
    return new ModelProvenance(source, rows, groups, from, to, params, seed, library, positionBias, metrics);
  }
}
