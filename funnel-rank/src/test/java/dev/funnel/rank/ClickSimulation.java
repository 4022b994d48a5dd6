package dev.funnel.rank;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Position-based-model click logs: {@code queries} queries with {@code items} items each; item j
 * of query q has features (x0 = relevance signal, x1 = a feature the logging policy ranks by but
 * that is unrelated to relevance) and click probability θ_k · rel. Each request shows the query's
 * items ordered by x1 plus noise, so pairs appear at several positions.
 */
final class ClickSimulation {
  static final FeatureSchema SCHEMA = new FeatureSchema(1, List.of("x0", "x1"));

  final double[] theta;
  final float[][][] features;
  final double[][] relevance;
  final List<TrainingRecord> log = new ArrayList<>();
  final List<Event> events = new ArrayList<>();

  ClickSimulation(long seed, int queries, int items, int requests, double[] theta, double noise) {
    this.theta = theta;
    SplittableRandom r = new SplittableRandom(seed);
    features = new float[queries][items][];
    relevance = new double[queries][items];
    for (int q = 0; q < queries; q++) {
      for (int j = 0; j < items; j++) {
        float x0 = (float) r.nextDouble();
        float x1 = (float) r.nextDouble();
        features[q][j] = new float[] {x0, x1};
        relevance[q][j] = 0.05 + 0.9 * x0 * x0;
      }
    }
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < requests; i++) {
      int q = r.nextInt(queries);
      double[] key = new double[items];
      Integer[] order = new Integer[items];
      for (int j = 0; j < items; j++) {
        key[j] = features[q][j][1] + noise * r.nextGaussian();
        order[j] = j;
      }
      Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -key[j]));
      String req = "r" + i;
      Instant t = t0.plusSeconds(60L * i);
      for (int k = 0; k < items; k++) {
        int j = order[k];
        log.add(new TrainingRecord(req, "q" + q, t, null, "i" + j, k + 1, features[q][j]));
        if (r.nextDouble() < theta[Math.min(k, theta.length - 1)] * relevance[q][j]) {
          events.add(new Event(EventType.CLICK, req, "i" + j, k + 1, t.plusSeconds(5), null, null, "q" + q));
        }
      }
    }
  }

  TrainingSet trainingSet() {
    return new TrainingSetBuilder(LabelGrades.DEFAULT).build(new TrainingLog(SCHEMA, log), events);
  }

  /** Mean nDCG@k of a ranker against the true relevance probabilities. */
  double trueNdcg(Ranker ranker, int k) {
    double sum = 0;
    for (int q = 0; q < features.length; q++) {
      float[] y = new float[relevance[q].length];
      for (int j = 0; j < y.length; j++) {
        y[j] = (float) relevance[q][j];
      }
      sum += LtrMetrics.ndcg(ranker.score(Arrays.asList(features[q])), y, k, LtrMetrics.Gain.LINEAR);
    }
    return sum / features.length;
  }
}
