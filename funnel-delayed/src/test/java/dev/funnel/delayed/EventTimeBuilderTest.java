package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTimeBuilderTest {
  static final FeatureSpec SPEC = new FeatureSpec(List.of("f"), Set.of());
  static final long H = 3600;

  static Journey journey(String id, long click, long conversion, long... carts) {
    EngagementKind[] kinds = new EngagementKind[carts.length];
    java.util.Arrays.fill(kinds, EngagementKind.CART);
    return new Journey(id, click, new float[] {1}, carts, kinds, conversion);
  }

  @Test
  void conversionAfterTIsInvisibleAtT() {
    Journey j = journey("a", 0, 10 * H, 2 * H, 8 * H);
    Observation at5 = EventTimeBuilder.observe(j, 5 * H, 24 * H);
    assertFalse(at5.observedLabel());
    assertFalse(at5.journey().converted(), "the truncated journey must not carry the future conversion");
    assertEquals(1, at5.engagement().carts(), "the cart at 8h is in the future at 5h");
    assertEquals(1, at5.journey().engagementTimes().length);
    assertEquals(3 * H, at5.engagement().secondsSinceLast(), 1e-9);
    assertEquals(5 * H, at5.elapsed());
    assertFalse(at5.mature());
    Observation at10 = EventTimeBuilder.observe(j, 10 * H, 24 * H);
    assertTrue(at10.observedLabel(), "a conversion at exactly t is observed at t");
    assertTrue(EventTimeBuilder.eventualLabel(j, 24 * H));
  }

  @Test
  void conversionsAfterTheWindowNeverCount() {
    Journey late = journey("b", 0, 30 * H);
    assertFalse(EventTimeBuilder.eventualLabel(late, 24 * H));
    Observation o = EventTimeBuilder.observe(late, 40 * H, 24 * H);
    assertFalse(o.observedLabel());
    assertTrue(o.mature());
  }

  @Test
  void snapshotKeepsClicksBeforeTAndEventualLabelsApart() {
    ClickData d = new ClickData("t", SPEC, List.of(journey("a", 0, 10 * H), journey("b", 2 * H, Journey.NO_CONVERSION), journey("c", 6 * H, 7 * H)), 24 * H, null);
    Snapshot s = EventTimeBuilder.snapshot(d, 0, 6 * H, 24 * H);
    assertEquals(2, s.size(), "the click at 6h is not before t = 6h");
    assertFalse(s.rows().get(0).observedLabel());
    assertTrue(s.eventualLabel(0));
    assertEquals(0, s.observedPositives());
    assertEquals(2, s.immature());
    assertEquals(0, s.history().size(), "no click is a full window old at 6h");
    Snapshot later = EventTimeBuilder.snapshot(d, 3 * H, 27 * H, 24 * H);
    assertEquals(1, later.size(), "only the click at 6h is in [3h, 27h)");
    assertEquals(2, later.history().size(), "clicks at 0h and 2h are mature at 27h");
  }

  @Test
  void assemblerFollowsTheJourneyRules() {
    float[] x = {1};
    List<Touch> touches = List.of(
        Touch.of("u|i", Touch.Kind.CONVERSION, 0), // purchase before any click: orphan
        Touch.click("u|i", 10, x),
        Touch.click("u|i", 20, x), // repeated view
        Touch.of("u|i", Touch.Kind.CART, 30),
        Touch.of("u|i", Touch.Kind.FAVOURITE, 40),
        Touch.of("u|i", Touch.Kind.CONVERSION, 50),
        Touch.click("u|i", 60, x), // new journey after the conversion
        Touch.click("u|i", 60 + 200, x)); // beyond the 100 s window: a third journey
    JourneyAssembler.Result r = JourneyAssembler.assemble(touches, 100);
    assertEquals(1, r.orphans());
    assertEquals(3, r.journeys().size());
    Journey first = r.journeys().get(0);
    assertEquals(10, first.clickTime());
    assertEquals(50, first.conversionTime());
    assertEquals(List.of(EngagementKind.VIEW, EngagementKind.CART, EngagementKind.FAVOURITE), List.of(first.engagementKinds()));
    assertFalse(r.journeys().get(1).converted());
    assertEquals(260, r.journeys().get(2).clickTime());
  }
}
