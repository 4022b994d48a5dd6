package dev.funnel.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RequestLedgerTest {
  static Event click(String request, String item) {
    return new Event(EventType.CLICK, request, item, 1, Fixtures.T0, null, null, null);
  }

  static Event impression(String request, String item) {
    return new Event(EventType.IMPRESSION, request, item, 1, Fixtures.T0, null, null, null);
  }

  /**
   * Over a long random sequence of served requests (learned or fixed), events, settlements and
   * restores, the ledger never holds more than its bound, the awaiting decisions never exceed the
   * attribution window, and every bandit decision is handed back exactly once (by an
   * engagement, a settlement, the window or an eviction) or still awaits.
   */
  @Property(tries = 25, seed = "20261203")
  void memoryStaysBoundedAndEveryDecisionIsHandedBackOnce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int capacity,
      @ForAll @IntRange(min = 1, max = 60) int window) {
    int settleAfter = Math.min(window, capacity);
    RequestLedger ledger = new RequestLedger(capacity, settleAfter);
    SplittableRandom rnd = new SplittableRandom(seed);
    IdentityHashMap<ServedDecision, Boolean> made = new IdentityHashMap<>();
    IdentityHashMap<ServedDecision, Boolean> handedBack = new IdentityHashMap<>();
    List<String> ids = new ArrayList<>();
    for (int step = 0; step < 5_000; step++) {
      int op = rnd.nextInt(10);
      List<ServedDecision> back = new ArrayList<>();
      if (op < 5) {
        String id = "r" + step;
        ServedDecision d = rnd.nextBoolean() ? Fixtures.decision(id) : null;
        if (d != null) {
          made.put(d, true);
        }
        back.addAll(ledger.record(Fixtures.served(id, "q" + rnd.nextInt(5)), d));
        ids.add(id);
      } else if (op < 8 && !ids.isEmpty()) {
        String id = ids.get(rnd.nextInt(ids.size()));
        boolean engaged = rnd.nextBoolean();
        var join = ledger.join(id, List.of(engaged ? click(id, "i1") : impression(id, "i1")), engaged);
        join.map(RequestLedger.Join::settled).ifPresent(back::add);
      } else if (op < 9 && !ids.isEmpty()) {
        ServedDecision d = ledger.settle(ids.get(rnd.nextInt(ids.size())));
        if (d != null) {
          back.add(d);
        }
      } else {
        String id = "old" + step;
        back.addAll(ledger.restore(List.of(new dev.funnel.rank.TrainingRecord(id, "q", Fixtures.T0, null, "i1", 1, new float[] {1})),
            List.of(click(id, "i1"))));
      }
      for (ServedDecision d : back) {
        assertTrue(made.containsKey(d), "only decisions the ledger was given come back");
        assertNull(handedBack.put(d, true), "a decision comes back once (seed " + seed + ", step " + step + ")");
      }
      assertTrue(ledger.size() <= capacity, "entries " + ledger.size() + " > bound " + capacity + " (seed " + seed + ")");
      assertTrue(ledger.awaitingReward() <= settleAfter, "awaiting " + ledger.awaitingReward() + " > window " + settleAfter);
      assertTrue(ledger.awaitingQueueLength() <= ledger.size() + 1, "the awaiting queue is an index into the entries");
      assertTrue(ledger.shown(Integer.MAX_VALUE).size() <= capacity);
    }
    assertEquals(made.size(), handedBack.size() + ledger.awaitingReward(), "decisions made = handed back + still awaiting");
  }

  @Test
  void joinsFindRecentRequestsAndTheirQueriesAndEvictTheOldest() {
    RequestLedger ledger = new RequestLedger(3, 2);
    for (int i = 1; i <= 4; i++) {
      ledger.record(Fixtures.served("r" + i, "query " + i), null);
    }
    assertFalse(ledger.contains("r1"), "the oldest is evicted");
    assertTrue(ledger.join("r1", List.of(click("r1", "a")), true).isEmpty());
    assertEquals("query 4", ledger.query("r4").orElseThrow());
    var join = ledger.join("r3", List.of(click("r3", "a")), true).orElseThrow();
    assertEquals("r3", join.served().requestId());
    assertNull(join.settled(), "a fixed decision awaits no reward");
    assertEquals(1, ledger.shown(10).size());
    assertEquals("r3", ledger.markTrainingLogged("r3").orElseThrow().requestId());
    assertTrue(ledger.markTrainingLogged("r3").isEmpty(), "written once");
  }

  @Test
  void theAttributionWindowSettlesTheOldestAwaitingDecision() {
    RequestLedger ledger = new RequestLedger(10, 2);
    ServedDecision d1 = Fixtures.decision("r1");
    ServedDecision d2 = Fixtures.decision("r2");
    ServedDecision d3 = Fixtures.decision("r3");
    assertTrue(ledger.record(Fixtures.served("r1", "q"), d1).isEmpty());
    assertTrue(ledger.record(Fixtures.served("r2", "q"), d2).isEmpty());
    assertSame(d2, ledger.join("r2", List.of(click("r2", "a")), true).orElseThrow().settled(), "engagement takes the decision");
    assertTrue(ledger.record(Fixtures.served("r3", "q"), d3).isEmpty(), "two await: r1 and r3");
    assertEquals(List.of(d1), ledger.record(Fixtures.served("r4", "q"), Fixtures.decision("r4")), "a third awaiting one closes r1's window");
    assertNull(ledger.settle("r1"));
    assertSame(d3, ledger.settle("r3"));
    assertThrows(InvalidInputException.class, () -> new RequestLedger(2, 3), "the window cannot exceed the bound");
  }
}
