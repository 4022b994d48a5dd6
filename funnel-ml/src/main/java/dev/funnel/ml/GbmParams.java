package dev.funnel.ml;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gradient-boosting settings. Defaults follow LightGBM's own (learning rate 0.1, 31 leaves, 20
 * rows per leaf), with two threads for the 2-core machines Funnel targets, and deterministic
 * training so a seed reproduces a model bit for bit.
 *
 * @param objective {@code binary} (classifier), {@code lambdarank} (LambdaMART) or
 *     {@code regression}
 * @param extra further LightGBM parameters, passed through verbatim
 */
public record GbmParams(
    String objective,
    int rounds,
    double learningRate,
    int numLeaves,
    int minDataInLeaf,
    double featureFraction,
    double baggingFraction,
    int threads,
    long seed,
    Map<String, String> extra) {

  private static final Set<String> OBJECTIVES = Set.of("binary", "lambdarank", "regression", "rank_xendcg");

  public GbmParams {
    if (!OBJECTIVES.contains(objective)) {
      throw new InvalidInputException("objective", objective, "expected one of " + new java.util.TreeSet<>(OBJECTIVES));
    }
    Checks.atLeast("rounds", rounds, 1);
    Checks.inRange("learningRate", learningRate, 1e-6, 1);
    Checks.atLeast("numLeaves", numLeaves, 2);
    Checks.atLeast("minDataInLeaf", minDataInLeaf, 1);
    Checks.inRange("featureFraction", featureFraction, 1e-6, 1);
    Checks.inRange("baggingFraction", baggingFraction, 1e-6, 1);
    Checks.atLeast("threads", threads, 1);
    extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extra));
  }

  public static GbmParams binary(int rounds, long seed) {
    return new GbmParams("binary", rounds, 0.1, 31, 20, 1.0, 1.0, 2, seed, Map.of());
  }

  public static GbmParams lambdaRank(int rounds, long seed) {
    return new GbmParams("lambdarank", rounds, 0.1, 31, 20, 1.0, 1.0, 2, seed, Map.of());
  }

  public GbmParams withRounds(int r) {
    return new GbmParams(objective, r, learningRate, numLeaves, minDataInLeaf, featureFraction, baggingFraction, threads, seed, extra);
  }

  public GbmParams withSeed(long s) {
    return new GbmParams(objective, rounds, learningRate, numLeaves, minDataInLeaf, featureFraction, baggingFraction, threads, s, extra);
  }

  public GbmParams withLearningRate(double lr) {
    return new GbmParams(objective, rounds, lr, numLeaves, minDataInLeaf, featureFraction, baggingFraction, threads, seed, extra);
  }

  public GbmParams withLeaves(int leaves, int minData) {
    return new GbmParams(objective, rounds, learningRate, leaves, minData, featureFraction, baggingFraction, threads, seed, extra);
  }

  public GbmParams withSampling(double features, double rows) {
    return new GbmParams(objective, rounds, learningRate, numLeaves, minDataInLeaf, features, rows, threads, seed, extra);
  }

  public GbmParams withExtra(String key, String value) {
    Map<String, String> e = new TreeMap<>(extra);
    e.put(key, value);
    return new GbmParams(objective, rounds, learningRate, numLeaves, minDataInLeaf, featureFraction, baggingFraction, threads, seed, e);
  }

  /** The LightGBM parameter string. */
  public String toLightGbm() {
    Map<String, String> p = new TreeMap<>();
    p.put("objective", objective);
    p.put("learning_rate", fmt(learningRate));
    p.put("num_leaves", Integer.toString(numLeaves));
    p.put("min_data_in_leaf", Integer.toString(minDataInLeaf));
    p.put("feature_fraction", fmt(featureFraction));
    p.put("bagging_fraction", fmt(baggingFraction));
    p.put("bagging_freq", baggingFraction < 1 ? "1" : "0");
    p.put("num_threads", Integer.toString(threads));
    p.put("seed", Long.toString(seed));
    p.put("deterministic", "true");
    p.put("force_row_wise", "true");
    p.put("verbosity", "-1");
    p.putAll(extra);
    StringBuilder sb = new StringBuilder();
    p.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }
}
