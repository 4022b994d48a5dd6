package dev.funnel.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.uncertainty.ItemGate;
import dev.funnel.delayed.EventLogSource;
import dev.funnel.uncertainty.BootstrapEnsemble;
import dev.funnel.uncertainty.DecisionPolicy;
import dev.funnel.uncertainty.DpThresholds;
import dev.funnel.uncertainty.EnsembleConfig;
import dev.funnel.uncertainty.FeatureTable;
import dev.funnel.uncertainty.ScoredModel;
import dev.funnel.uncertainty.ScoredSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conversion gate: greedy positions, limits, unreachable targets, click counts shared with training. */
class ConversionGateTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static ScoredModel model;

  /** Clicks at positions 1-2 convert 80% of the time, lower ones 2%: a model learns position. */
  static FeatureTable clicks(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      int pos = 1 + r.nextInt(10);
      x[i] = new float[] {pos, r.nextInt(24), r.nextInt(50), r.nextInt(20), r.nextInt(2)};
      y[i] = r.nextDouble() < (pos <= 2 ? 0.8 : 0.02);
    }
    return new FeatureTable(x, y, EventLogSource.SPEC.names());
  }

  @BeforeAll
  static void train() {
    FeatureTable train = clicks(4000, 1);
    FeatureTable val = clicks(4000, 2);
    BootstrapEnsemble e = new EnsembleConfig(3, 20, 1).train(train, 7);
    ScoredSet v = e.score(val.features(), val.labels());
    model = new ScoredModel(e, train.names(), new DecisionPolicy("dp", List.of(new DpThresholds().fit(v, 0.6, 2))), dev.funnel.core.io.FileProvenance.of(List.of("gate test"), Map.of(), Map.of(), null));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static ItemGate.Viewer viewer() {
    return new ItemGate.Viewer("u1", null, "r1", "shoes", NOW);
  }

  @Test
  void keepsItemsAtTheirShownPositionsAndStopsWhenNoneQualifies() {
    ConversionGate gate = new ConversionGate(model, "test-model");
    List<String> ids = IntStream.range(0, 20).mapToObj(i -> "i" + i).toList();
    List<ItemGate.Verdict> kept = gate.keep(ids, viewer(), 0.6, 10);
    assertEquals(2, kept.size(), "positions 1 and 2 convert, position 3 does not: " + kept);
    for (int i = 0; i < kept.size(); i++) {
      ItemGate.Verdict v = kept.get(i);
      assertEquals(i + 1, v.position());
      assertEquals("i" + i, v.itemId(), "the best-ranked items are kept first");
      assertTrue(v.score() >= v.threshold(), v.toString());
      assertTrue(v.uncertainty() >= 0, v.toString());
    }
    assertEquals(1, gate.keep(ids, viewer(), 0.6, 1).size(), "the limit is respected");
    assertEquals(0, gate.keep(List.of(), viewer(), 0.6, 10).size());
    assertEquals(2, gate.keep(ids, viewer(), 0.5, 10).size(), "a laxer request uses the nearest stricter table");
  }

  @Test
  void unreachablePrecisionAndForeignModelsFailNamingTheField() {
    ConversionGate gate = new ConversionGate(model, "test-model");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> gate.checkPrecision(0.95));
    assertEquals("precision", e.field());
    assertThrows(InvalidInputException.class, () -> gate.keep(List.of("a"), viewer(), 0.95, 10));
    FeatureTable other = new FeatureTable(new float[][] {{1}, {2}, {3}, {4}}, new boolean[] {true, false, true, false}, List.of("noisy_rate"));
    try (ScoredModel foreign = new ScoredModel(new EnsembleConfig(2, 2, 1).train(other, 1), other.names(), new DecisionPolicy("dp", List.of()),
        dev.funnel.core.io.FileProvenance.of(List.of("foreign"), Map.of(), Map.of(), null))) {
      InvalidInputException f = assertThrows(InvalidInputException.class, () -> new ConversionGate(foreign, "foreign.json"));
      assertEquals("feature_names", f.field());
      assertTrue(f.getMessage().contains("foreign.json"), f.getMessage());
    }
  }

  @Test
  void clickCountsAreCountedAsTrainingCountsThem() {
    ConversionGate gate = new ConversionGate(model, "test-model");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(new Event(EventType.CLICK, "r" + i, "hot", 1, NOW.minusSeconds(100 - i), "u1", null, "q"));
    }
    events.add(new Event(EventType.CLICK, "r9", "cold", 1, NOW.minusSeconds(50), "u2", null, null));
    events.add(new Event(EventType.PURCHASE, "r0", "hot", 1, NOW.minusSeconds(10), "u1", null, null));
    gate.observe(events);
    float[] hot = gate.features("hot", 4, viewer());
    Event click = new Event(EventType.CLICK, "r1", "hot", 4, NOW, "u1", null, "shoes");
    assertEquals(List.of(4f, 12f, 3f, 3f, 1f), asList(EventLogSource.features(click, 3, 3)));
    assertEquals(asList(EventLogSource.features(click, 3, 3)), asList(hot));
    float[] cold = gate.features("cold", 1, new ItemGate.Viewer(null, "s", "r2", null, NOW));
    assertEquals(List.of(1f, 12f, 1f, 0f, 0f), asList(cold), "a session without clicks, no query");
  }

  private static List<Float> asList(float[] a) {
    List<Float> out = new ArrayList<>();
    for (float f : a) {
      out.add(f);
    }
    return out;
  }
}
