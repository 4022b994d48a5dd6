package dev.funnel.learning.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ClickModelTest {
  @Test
  void examinationIsInversePositionToTheEta() {
    ClickModel m = ClickModel.DEFAULT;
    assertEquals(1.0, m.examination(1), 1e-12);
    assertEquals(0.5, m.examination(2), 1e-12);
    assertEquals(0.1, m.examination(10), 1e-12);
    assertEquals(0.0, m.examination(11), 1e-12);
    ClickModel steep = new ClickModel(2, 1, 0, 10);
    assertEquals(0.25, steep.examination(2), 1e-12);
  }

  @Test
  void clickProbabilityIsExaminationTimesRelevanceProbability() {
    ClickModel m = ClickModel.DEFAULT;
    assertEquals(0.95, m.clickProbability(1, 1), 1e-12);
    assertEquals(0.05, m.clickProbability(1, 0), 1e-12);
    assertEquals(0.95 / 3, m.clickProbability(3, 2), 1e-12);
    assertEquals(0.05 / 4, m.clickProbability(4, 0), 1e-12);
  }

  @Test
  void anyClickProbabilityOfAListByHand() {
    // grades 1, 0, 1: 1 - (1 - 0.95)(1 - 0.025)(1 - 0.95/3)
    double expected = 1 - 0.05 * 0.975 * (1 - 0.95 / 3);
    assertEquals(expected, ClickModel.DEFAULT.anyClickProbability(new int[] {1, 0, 1}), 1e-12);
    assertEquals(0.0, new ClickModel(1, 0.9, 0, 10).anyClickProbability(new int[] {0, 0}), 1e-12);
  }

  @Test
  void rejectsBadParametersNamingTheField() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ClickModel(1, 1.5, 0, 10));
    assertEquals("relevant_click", e.field());
  }
}
