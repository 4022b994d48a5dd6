package dev.funnel.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.core.Candidate;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.Provenance;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardAttributionTest {
  static final Action ACTION = new Action(java.util.Map.of("bm25", 10, "dense", 10));
  static final List<Candidate> SERVED =
      List.of(
          new Candidate("A", 2, List.of(new Provenance("bm25", 5, 1), new Provenance("dense", 0.9, 2))),
          Candidate.of("B", "bm25", 1.5, 2),
          Candidate.of("C", "memory", 1, 1),
          Candidate.of("D", "dense", 0.5, 3));

  static Event event(EventType t, String item, int pos) {
    return new Event(t, "r1", item, pos, Instant.parse("2026-11-22T10:00:00Z"), null, null, null);
  }

  static final List<Event> EVENTS =
      List.of(event(EventType.IMPRESSION, "D", 4), event(EventType.CLICK, "A", 1), event(EventType.CLICK, "B", 2), event(EventType.PURCHASE, "B", 2), event(EventType.CLICK, "C", 3));

  @Test
  void equalWeightsSplitEachItemAmongItsStrategies() {
    // A (bm25+dense) = 1, B (bm25) = max(click, purchase) = 1, C ran by no strategy of the action
    RewardAttribution.Result r = RewardAttribution.defaults().attribute(ACTION, SERVED, EVENTS);
    assertEquals(1.0, r.reward()); // min(1, 2)
    assertEquals(0.75, r.shares().get("bm25"), 1e-12);
    assertEquals(0.25, r.shares().get("dense"), 1e-12);
  }

  @Test
  void eventWeightsChangeCredit() {
    // A = 0.2 (click), B = 1 (purchase): total 1.2; bm25 = 0.1 + 1, dense = 0.1
    RewardAttribution.Result r = new RewardAttribution(0.2, 0.5, 1).attribute(ACTION, SERVED, EVENTS);
    assertEquals(1.0, r.reward());
    assertEquals(1.1 / 1.2, r.shares().get("bm25"), 1e-12);
    assertEquals(0.1 / 1.2, r.shares().get("dense"), 1e-12);
  }

  @Test
  void noFeedbackMeansZeroRewardAndZeroShares() {
    RewardAttribution.Result r = RewardAttribution.defaults().attribute(ACTION, SERVED, List.of(event(EventType.IMPRESSION, "A", 1)));
    assertEquals(0.0, r.reward());
    assertEquals(0.0, r.shares().get("bm25"));
    assertEquals(0.0, r.shares().get("dense"));
  }

  @Test
  void smallRewardsAreNotCapped() {
    RewardAttribution.Result r = new RewardAttribution(0.3, 0.5, 1).attribute(ACTION, SERVED, List.of(event(EventType.CLICK, "D", 4)));
    assertEquals(0.3, r.reward(), 1e-12);
    assertEquals(1.0, r.shares().get("dense"), 1e-12);
  }

  @Test
  void costPenalty() {
    assertEquals(1 - 0.5 * 20 / 200.0, RewardAttribution.penalised(1, ACTION, 200, 0.5), 1e-12);
  }
}
