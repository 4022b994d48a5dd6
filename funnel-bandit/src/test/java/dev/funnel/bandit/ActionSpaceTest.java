package dev.funnel.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionSpaceTest {
  @Test
  void enumeratesEveryActionWithinTheLimitsInAFixedOrder() {
    ActionSpace s = new ActionSpace(List.of("bm25", "dense", "memory"), List.of(0, 100, 20, 50), 200, 2);
    // singles: 3 strategies x 3 budgets = 9; pairs: 3 pairs x 9 budget pairs (max 100+100 = 200) = 27
    assertEquals(36, s.size());
    assertEquals("memory:20", s.get(0).id());
    assertEquals("bm25:100+dense:100", s.get(s.size() - 1).id());
    assertEquals(List.of(20, 50, 100), s.budgets());
    for (int i = 0; i < s.size(); i++) {
      Action a = s.get(i);
      assertTrue(a.totalCandidates() <= 200 && a.budgets().size() <= 2, a.id());
      assertEquals(i, s.indexOf(a));
      assertEquals(a, Action.parse(a.id()));
    }
    assertEquals(s.actions(), new ActionSpace(List.of("bm25", "dense", "memory"), List.of(20, 50, 100), 200, 2).actions());
  }

  @Test
  void totalLimitPrunesCombinations() {
    ActionSpace s = new ActionSpace(List.of("a", "b"), List.of(50, 100), 120, 2);
    // a:50, a:100, b:50, b:100, a:50+b:50
    assertEquals(5, s.size());
    assertEquals(-1, s.indexOf(Action.parse("a:100+b:50")));
  }

  @Test
  void badInputNamesTheField() {
    assertEquals("strategies", assertThrows(InvalidInputException.class, () -> new ActionSpace(List.of(), List.of(10), 10, 1)).field());
    assertEquals("budgets", assertThrows(InvalidInputException.class, () -> new ActionSpace(List.of("a"), List.of(0), 10, 1)).field());
    assertEquals("max_total", assertThrows(InvalidInputException.class, () -> new ActionSpace(List.of("a"), List.of(20), 10, 1)).field());
    assertEquals("action", assertThrows(InvalidInputException.class, () -> Action.parse("bm25=3")).field());
    assertEquals("action.bm25", assertThrows(InvalidInputException.class, () -> new Action(java.util.Map.of("bm25", 0))).field());
  }
}
