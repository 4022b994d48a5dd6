package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WaitingWindowWeightingTest extends WeightingSchemeContract {
  private static final long DAY = 86_400L;

  @Override
  WeightingScheme scheme() {
    return new WaitingWindowWeighting(DAY);
  }

  @Test
  void trainsOnTheSpanShiftedBackByTheWaitWithLabelsSeenAtT() {
    // a one-day span [day 7, day 8) with a one-day wait: the clicks of [day 6, day 7), labelled as at day 8
    Snapshot s = EventTimeBuilder.snapshot(DATA, DATA.start() + 7 * DAY, AS_OF, 2 * DAY);
    WeightedSet w = scheme().weigh(s, new AuxiliaryLearner(10, 1), new SplittableRandom(1));
    int n = 0;
    int positives = 0;
    for (Journey j : DATA.journeys()) {
      if (j.clickTime() >= DATA.start() + 6 * DAY && j.clickTime() < DATA.start() + 7 * DAY) {
        assertArrayEquals(j.features(), w.features()[n], "row " + n);
        boolean seen = EventTimeBuilder.observe(j, AS_OF, DATA.attributionWindow()).observedLabel();
        assertEquals(seen ? 1f : 0f, w.labels()[n], "row " + n);
        positives += seen ? 1 : 0;
        n++;
      }
    }
    assertTrue(n > 100, "clicks in the shifted span: " + n);
    assertEquals(n, w.size());
    assertEquals(positives, w.weightOf(true), 1e-9);
  }

  @Test
  void refusesAWaitLongerThanTheAttributionWindow() {
    Snapshot s = EventTimeBuilder.snapshot(DATA, DATA.start() + 7 * DAY, AS_OF, 2 * DAY);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new WaitingWindowWeighting(4 * DAY).weigh(s, new AuxiliaryLearner(10, 1), new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("wait"), e.getMessage());
  }
}
