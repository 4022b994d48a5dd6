package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gradient accumulator's slot table numbers rows in order of first touch, across growth and batches. */
class GradientsTest {
  @Test
  void slotsFollowFirstTouchThroughGrowthAndClear() {
    int n = 1_000_003;
    int dim = 4;
    Gradients g = new Gradients(Architecture.DIRECTED, n, dim);
    for (int batch = 0; batch < 3; batch++) {
      long seed = 11 + batch;
      SplittableRandom rng = new SplittableRandom(seed);
      Map<Integer, Integer> expected = new LinkedHashMap<>();
      // enough distinct keys to grow the table several times; repeats and both roles
      for (int i = 0; i < 20_000; i++) {
        int role = rng.nextInt(2);
        int node = rng.nextInt(i % 3 == 0 ? 50 : n);
        int key = role * n + node;
        int slot = expected.computeIfAbsent(key, k -> expected.size());
        int off = g.row(role, node);
        assertEquals(slot * dim, off, "offset of key " + key + " (seed " + seed + ")");
        g.rows[off] += 1f;
      }
      assertEquals(expected.size(), g.used, "slots used (seed " + seed + ")");
      Map<Integer, Integer> touches = new LinkedHashMap<>();
      SplittableRandom again = new SplittableRandom(seed);
      for (int i = 0; i < 20_000; i++) {
        int role = again.nextInt(2);
        int node = again.nextInt(i % 3 == 0 ? 50 : n);
        touches.merge(role * n + node, 1, Integer::sum);
      }
      for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
        int key = e.getKey();
        assertEquals(e.getValue(), g.slot(key), "slot of key " + key);
        assertEquals(key, g.slotKey[e.getValue()], "key of slot " + e.getValue());
        assertEquals(touches.get(key).floatValue(), g.rows[e.getValue() * dim], 0f, "row of key " + key + " summed in place");
      }
      int untouched = 2 * n - 1;
      while (expected.containsKey(untouched)) {
        untouched--;
      }
      assertEquals(-1, g.slot(untouched), "untouched key " + untouched + " has no slot");
      g.clear();
      assertEquals(0, g.used);
      assertEquals(-1, g.slot(expected.keySet().iterator().next()), "cleared keys have no slot");
    }
  }
}
