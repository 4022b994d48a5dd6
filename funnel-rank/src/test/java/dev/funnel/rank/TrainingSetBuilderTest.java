package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSetBuilderTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  private static TrainingRecord rec(String req, String item, int pos) {
    return new TrainingRecord(req, "shoes", T.plusSeconds(pos), "gold", item, pos, new float[] {pos, 0});
  }

  private static Event ev(EventType t, String req, String item) {
    return new Event(t, req, item, 1, T, null, null, null);
  }

  @Test
  void strongestEventGradesTheImpression() {
    TrainingLog log = new TrainingLog(ClickSimulation.SCHEMA,
        List.of(rec("r1", "b", 2), rec("r1", "a", 1), rec("r1", "c", 3), rec("r2", "a", 1), rec("r1", "a", 9)));
    TrainingSet s = new TrainingSetBuilder(LabelGrades.DEFAULT).build(log, List.of(
        ev(EventType.CLICK, "r1", "a"), ev(EventType.PURCHASE, "r1", "a"), ev(EventType.ADD_TO_CART, "r1", "c"),
        ev(EventType.CLICK, "r1", "c"), ev(EventType.IMPRESSION, "r1", "b"), ev(EventType.CLICK, "r9", "a"),
        ev(EventType.CLICK, "r2", "zz")));
    assertEquals(2, s.groups().size());
    TrainingSet.Group g = s.groups().get(0);
    assertEquals("r1", g.requestId());
    assertEquals(List.of("a", "b", "c"), g.rows().stream().map(TrainingSet.Row::itemId).toList());
    assertEquals(List.of(3, 0, 2), g.rows().stream().map(TrainingSet.Row::label).toList());
    assertEquals(List.of(1, 2, 3), g.rows().stream().map(TrainingSet.Row::position).toList());
    assertEquals(0, s.groups().get(1).rows().get(0).label());
    assertEquals(4, s.matchedEvents());
    assertEquals(2, s.unmatchedEvents());
    assertEquals(T.plusSeconds(1), s.from());
    assertEquals(T.plusSeconds(3), s.to());
    assertEquals(4, s.rows());
  }

  @Test
  void customGrades() {
    LabelGrades g = new LabelGrades(1, 1, 4);
    assertEquals(4, g.of(EventType.PURCHASE));
    assertEquals(0, g.of(EventType.IMPRESSION));
    assertEquals(1, g.of(EventType.ADD_TO_CART));
    org.junit.jupiter.api.Assertions.assertThrows(dev.funnel.core.InvalidInputException.class, () -> new LabelGrades(2, 1, 3));
  }
}
