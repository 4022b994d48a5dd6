package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded position-based-model (PBM) click log for checking position-bias correction, where the
 * true relevance is known. Query q has {@code items} items; item j has features x0 (relevance
 * signal) and x1 (a feature the logging policy ranks by, unrelated to relevance), both uniform in
 * [0, 1], and relevance probability 0.05 + 0.9·x0². Each request picks a query uniformly and shows
 * its items ordered by x1 + N(0, noise²) (the noise moves items across positions, which makes
 * the propensities identifiable); an item at position k is clicked with probability θ_k · rel.
 * With θ_k = (1/k)^η, the PBM setting of Wang et al. (WSDM 2018) and Joachims et al. (WSDM 2017).
 */
public final class ClickSimulation {
  public static final FeatureSchema SCHEMA = new FeatureSchema(1, List.of("x0", "x1"));

  private final double[] theta;
  private final float[][][] features;
  private final double[][] relevance;
  private final List<TrainingRecord> log = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();

  /** θ_k = (1/k)^eta for k = 1..items. */
  public static double[] powerLawPropensities(int positions, double eta) {
    double[] t = new double[positions];
    for (int k = 0; k < positions; k++) {
      t[k] = Math.pow(1.0 / (k + 1), eta);
    }
    return t;
  }

  public ClickSimulation(long seed, int queries, int items, int requests, double[] theta, double noise) {
    Checks.atLeast("queries", queries, 1);
    Checks.atLeast("items", items, 2);
    Checks.atLeast("requests", requests, 1);
    Checks.nonNegative("noise", noise);
    for (int k = 0; k < theta.length; k++) {
      Checks.inRange("theta[" + k + "]", theta[k], 0, 1);
    }
    this.theta = theta.clone();
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom catalog = root.split();
    SplittableRandom r = root.split();
    features = new float[queries][items][];
    relevance = new double[queries][items];
    for (int q = 0; q < queries; q++) {
      for (int j = 0; j < items; j++) {
        float x0 = (float) catalog.nextDouble();
        float x1 = (float) catalog.nextDouble();
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
        log.add(new TrainingRecord(req, "q" + q, t, null, "q" + q + "-i" + j, k + 1, features[q][j]));
        if (r.nextDouble() < theta[Math.min(k, theta.length - 1)] * relevance[q][j]) {
          events.add(new Event(EventType.CLICK, req, "q" + q + "-i" + j, k + 1, t.plusSeconds(5), null, null, "q" + q));
        }
      }
    }
  }

  public double[] theta() {
    return theta.clone();
  }

  public TrainingLog trainingLog() {
    return new TrainingLog(SCHEMA, log);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public TrainingSet trainingSet() {
    return new TrainingSetBuilder(LabelGrades.DEFAULT).build(trainingLog(), events);
  }

  /** Mean nDCG@k (linear gains = true relevance probabilities) of {@code ranker} over all queries. */
  public double trueNdcg(Ranker ranker, int k) {
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
