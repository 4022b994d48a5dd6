package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Each weighting formula against values computed by hand. */
class WeightingFormulasTest {
  @Test
  void fnw() {
    // p = 0.2: w+ = 1.2, w- = 0.8 * 1.2 = 0.96
    assertEquals(1.2, FnwWeighting.positiveWeight(0.2), 1e-12);
    assertEquals(0.96, FnwWeighting.negativeWeight(0.2), 1e-12);
    assertEquals(1.0, FnwWeighting.negativeWeight(0.0), 1e-12);
  }

  @Test
  void fsiw() {
    // P(observed | positive) = 0.25: w+ = 4; capped at 20 for 0.01
    assertEquals(4.0, FsiwWeighting.positiveWeight(0.25), 1e-12);
    assertEquals(20.0, FsiwWeighting.positiveWeight(0.01), 1e-12);
    assertEquals(0.9, FsiwWeighting.negativeWeight(0.9), 1e-12);
  }

  @Test
  void esdfm() {
    // p_dp = 0.1, p_rn = 0.7: w+ = 1.1, w- = 1.1 * 0.7 = 0.77
    assertEquals(1.1, EsDfmWeighting.positiveWeight(0.1), 1e-12);
    assertEquals(0.77, EsDfmWeighting.negativeWeight(0.1, 0.7), 1e-12);
  }

  @Test
  void esdfmIsUnbiasedOnItsStream() {
    // p(y=1|x) = 0.3 of which a third converts after c: p_dp = 0.1, p(y=0|x) = 0.7.
    // Stream q (per click, before normalisation): positives 0.2 (early) + 0.1 (duplicates),
    // negatives 0.7 + 0.1 (fake), normalised by 1 + p_dp = 1.1.
    double pdp = 0.1;
    double prn = 0.7 / (0.7 + 0.1);
    double qPos = 0.3 / 1.1;
    double qNeg = 0.8 / 1.1;
    assertEquals(0.3, qPos * EsDfmWeighting.positiveWeight(pdp), 1e-12);
    assertEquals(0.7, qNeg * EsDfmWeighting.negativeWeight(pdp, prn), 1e-12);
  }

  @Test
  void fsiwIsUnbiasedOnASnapshot() {
    // p = 0.3, half of the conversions are observed by e: q(c=1) = 0.15, q(c=0) = 0.85,
    // P(y=0 | c=0) = 0.7 / 0.85
    assertEquals(0.3, 0.15 * FsiwWeighting.positiveWeight(0.5), 1e-12);
    assertEquals(0.7, 0.85 * FsiwWeighting.negativeWeight(0.7 / 0.85), 1e-12);
  }

  @Test
  void engagementSplit() {
    // p_flip = 0.35: positive copy 0.35, negative copy 0.65; the expected label of the row is p_flip
    assertEquals(0.35, EngagementWeighting.positiveCopyWeight(0.35), 1e-12);
    assertEquals(0.65, EngagementWeighting.negativeCopyWeight(0.35), 1e-12);
    // with the same numbers as FSIW, the split recovers p(y=1) = 0.15 + 0.85 * 0.15 / 0.85
    assertEquals(0.3, 0.15 + 0.85 * EngagementWeighting.positiveCopyWeight(0.15 / 0.85), 1e-12);
  }

  @Test
  void durations() {
    assertEquals(7 * 86_400, Durations.seconds("w", "7d"));
    assertEquals(5_400, Durations.seconds("w", "1.5h"));
    assertEquals(1_800, Durations.seconds("w", "30m"));
    assertEquals(3_600, Durations.seconds("w", "PT1H"));
    assertEquals("7d", Durations.format(7 * 86_400));
    assertEquals("90m", Durations.format(5_400));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Durations.seconds("--wait", "7 weeks"));
    assertEquals("--wait", e.field());
    assertThrows(InvalidInputException.class, () -> Durations.seconds("--wait", "0h"));
  }
}
