package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants every weighting scheme must keep, inherited by one test class per scheme: finite
 * non-negative weights, rows whose features are the clicks' features, determinism by seed, and no
 * leakage: changing what happens after the snapshot time (conversions, engagement) must not
 * change the weighted set, except for the evaluation-only oracle.
 */
abstract class WeightingSchemeContract {
  static final ClickData DATA = SyntheticGenerator.generate(new SyntheticConfig(10, 300, 8, 3, 0.06, 0.35, 24, 0.8, 0.7, 1.0), 7);
  static final long AS_OF = DATA.start() + 8 * 86_400L;

  abstract WeightingScheme scheme();

  private WeightedSet weigh(ClickData d, long seed) {
    Snapshot s = EventTimeBuilder.snapshot(d, d.start(), AS_OF, 5 * 86_400L);
    return scheme().weigh(s, new AuxiliaryLearner(10, seed), new SplittableRandom(seed));
  }

  @Test
  void weightsAreFiniteNonNegativeAndBothClassesPresent() {
    WeightedSet w = weigh(DATA, 3);
    assertTrue(w.size() > 0);
    for (float x : w.weights()) {
      assertTrue(Float.isFinite(x) && x >= 0, "weight " + x);
    }
    assertTrue(w.weightOf(true) > 0 && w.weightOf(false) > 0);
    for (float[] row : w.features()) {
      assertEquals(DATA.spec().size(), row.length, "rows carry the click-time features only");
    }
  }

  @Test
  void deterministicBySeed() {
    WeightedSet a = weigh(DATA, 11);
    WeightedSet b = weigh(DATA, 11);
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.weights(), b.weights());
  }

  @Test
  void theFutureDoesNotLeak() {
    // same clicks, but every conversion and engagement after AS_OF moved or removed
    List<Journey> altered = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(5);
    for (Journey j : DATA.journeys()) {
      Journey t = j.truncatedAt(AS_OF);
      if (!t.converted() && r.nextBoolean() && j.clickTime() < AS_OF) {
        t = new Journey(t.id(), t.clickTime(), t.features(), t.engagementTimes(), t.engagementKinds(), AS_OF + 1 + r.nextInt(86_400));
      }
      altered.add(t);
    }
    ClickData other = new ClickData(DATA.source(), DATA.spec(), altered, DATA.attributionWindow(), DATA.groundTruth());
    WeightedSet a = weigh(DATA, 13);
    WeightedSet b = weigh(other, 13);
    if (scheme().evaluationOnly()) {
      assertTrue(a.weightOf(true) != b.weightOf(true), "the oracle reads eventual labels by design");
    } else {
      assertArrayEquals(a.labels(), b.labels());
      assertArrayEquals(a.weights(), b.weights());
    }
  }
}
