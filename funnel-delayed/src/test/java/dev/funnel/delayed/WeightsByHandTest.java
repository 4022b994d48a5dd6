package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FNW and ES-DFM on a snapshot small enough to weigh by hand: with fewer than 50 history rows
 * the auxiliary learner returns the smoothed base rate (positives + 1) / (n + 2), so every weight
 * follows from the formulas in the classes' javadoc.
 *
 * <p>Attribution window A = 100 s, snapshot at t = 600 over the span [400, 600), so mature
 * history is the clicks up to 500. Journeys (click → conversion): h1 0→10, h2 10→60, h3 20 and
 * h4 30 without conversion, s0 350→450 (before the span, converted inside it), s1 510→520, s2
 * 520→580, s3 590 without conversion (yet).
 */
class WeightsByHandTest {
  static final long NONE = Journey.NO_CONVERSION;

  static Journey j(String id, long click, long conversion, float feature) {
    return new Journey(id, click, new float[] {feature}, new long[0], new EngagementKind[0], conversion);
  }

  static Snapshot snapshot() {
    List<Journey> js = new ArrayList<>(List.of(j("h1", 0, 10, 1), j("h2", 10, 60, 2), j("h3", 20, NONE, 3), j("h4", 30, NONE, 4),
        j("s0", 350, 450, 5), j("s1", 510, 520, 6), j("s2", 520, 580, 7), j("s3", 590, NONE, 8)));
    ClickData d = new ClickData("hand", new FeatureSpec(List.of("f"), Set.of()), js, 100, null);
    return EventTimeBuilder.snapshot(d, 400, 600, 1000);
  }

  static void assertRows(WeightedSet w, float[] features, float[] labels, double[] weights) {
    float[] f = new float[w.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = w.features()[i][0];
    }
    assertArrayEquals(features, f, "which clicks enter, in stream order");
    assertArrayEquals(labels, w.labels());
    assertEquals(weights.length, w.size());
    for (int i = 0; i < weights.length; i++) {
      assertEquals(weights[i], w.weights()[i], 1e-6, "weight of row " + i);
    }
  }

  @Test
  void fakeNegativeWeighting() {
    // history h1..h4, s0 observed positive 3 of 5: p = 4/7; w+ = 1 + p = 11/7, w- = (1 - p)(1 + p) = 33/49
    WeightedSet w = new FnwWeighting().weigh(snapshot(), new AuxiliaryLearner(10, 1), new SplittableRandom(1));
    double pos = 11.0 / 7;
    double neg = 33.0 / 49;
    // s0 clicked before the span: only its conversion's positive copy; s1, s2 a negative copy then a positive; s3 a negative
    assertRows(w, new float[] {5, 6, 6, 7, 7, 8}, new float[] {1, 0, 1, 0, 1, 0}, new double[] {pos, neg, pos, neg, pos, neg});
  }

  @Test
  void elapsedTimeSamplingWithAWindowOf20Seconds() {
    // p_dp: delayed positives (after c = 20 s) among history h1..h4, s0 are h2 and s0: 2 of 5 -> 3/7
    // p_rn: among the clicks not converted within c (h2, h3, h4, s0), real negatives h3, h4: 2 of 4 -> 1/2
    WeightedSet w = new EsDfmWeighting(20).weigh(snapshot(), new AuxiliaryLearner(10, 1), new SplittableRandom(1));
    double pos = 1 + 3.0 / 7;
    double neg = pos * 0.5;
    // s0 entered before the span (370): only its duplicate at 450; s1 enters at 530 converted within c;
    // s2 enters at 540 as a negative and its conversion at 580 adds a duplicate; s3 enters at 610, after t
    assertRows(w, new float[] {5, 6, 7, 7}, new float[] {1, 1, 0, 1}, new double[] {pos, pos, neg, pos});
  }
}
