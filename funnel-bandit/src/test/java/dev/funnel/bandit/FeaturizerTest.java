package dev.funnel.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturizerTest {
  final ActionSpace space = new ActionSpace(List.of("bm25", "dense"), List.of(10, 100), 200, 2);
  final StrategyStats stats = new StrategyStats(space.strategies(), 1);
  final Featurizer f = new Featurizer(space, List.of("keyword", "semantic"), List.of("vip"), stats);

  @Test
  void contextFeatures() {
    // Sunday 2026-11-22 06:00 UTC: hour angle pi/2; day index 6 + 0.25
    double[] c = f.context(new BanditContext(3, "semantic", Instant.parse("2026-11-22T06:00:00Z"), "vip"));
    double day = 2 * Math.PI * 6.25 / 7;
    assertArrayEquals(new double[] {1, Math.log(4) / Math.log(33), 0, 1, 0, 1, 0, Math.sin(day), Math.cos(day), 1, 0}, c, 1e-12);
    double[] unknown = f.context(new BanditContext(0, "other", null, null));
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1}, unknown, 1e-12);
  }

  @Test
  void contextFromASearchRequest() {
    Instant t = Instant.parse("2026-11-22T06:00:00Z");
    dev.funnel.core.Query q = new dev.funnel.core.Query("  wool  socks ", Map.of(), new dev.funnel.core.Context("u1", "s1", "vip", t, Map.of()));
    assertEquals(new BanditContext(2, "keyword", t, "vip"), BanditContext.of(q, "keyword"));
    assertEquals(new BanditContext(0, null, null, null), BanditContext.of(dev.funnel.core.Query.of(""), " "));
  }

  @Test
  void actionFeatures() {
    double[] u = f.action(new Action(Map.of("dense", 10)));
    assertArrayEquals(new double[] {1, 0, 0, 1, Math.log(11) / Math.log(101), 10 / 200.0}, u, 1e-12);
  }

  @Test
  void jointIsTheOuterProductFollowedByPerformance() {
    stats.record(new Action(Map.of("bm25", 10)), Map.of("bm25", 1.0));
    BanditContext ctx = new BanditContext(2, "keyword", null, null);
    Action a = new Action(Map.of("bm25", 100, "dense", 10));
    double[] x = f.joint(ctx, a);
    double[] c = f.context(ctx);
    double[] u = f.action(a);
    assertEquals(c.length * u.length + 2, x.length);
    assertEquals(f.dimension(), x.length);
    assertEquals(f.names().size(), x.length);
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < u.length; j++) {
        assertEquals(c[i] * u[j], x[i * u.length + j], 1e-15);
      }
    }
    assertEquals(1.0, x[x.length - 2], 1e-12); // bm25 performance: one share of 1
    assertEquals(0.0, x[x.length - 1], 1e-12); // dense never used
    assertEquals("intent=keyword*run:bm25", f.names().get(2 * u.length + 1));
  }

  @Test
  void statisticsDecayByHalfLife() {
    StrategyStats s = new StrategyStats(List.of("bm25"), 1);
    Action a = new Action(Map.of("bm25", 10));
    s.record(a, Map.of("bm25", 1.0));
    s.record(a, Map.of("bm25", 0.0));
    // weighted share 0.5*1 + 0 = 0.5, weight 0.5*1 + 1 = 1.5
    assertEquals(1.0 / 3, s.mean("bm25"), 1e-12);
    assertEquals(1.0 / 3, StrategyStats.restore(List.of("bm25"), s.snapshot()).mean("bm25"), 1e-12);
  }
}
