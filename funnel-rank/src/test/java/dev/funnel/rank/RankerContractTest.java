package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Invariants every {@link Ranker} must satisfy, checked on seeded random feature vectors. */
abstract class RankerContractTest {
  static final FeatureSchema SCHEMA = new FeatureSchema(1, List.of("bm25.score", "bm25.rr", "dense.score", "dense.rr", "item.popularity"));

  abstract Ranker ranker();

  static List<float[]> rows(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean bm = r.nextBoolean();
      boolean dn = !bm || r.nextBoolean();
      out.add(new float[] {
          bm ? (float) (10 * r.nextDouble()) : 0, bm ? 1f / (1 + r.nextInt(100)) : 0,
          dn ? (float) r.nextDouble() : 0, dn ? 1f / (1 + r.nextInt(100)) : 0, (float) (100 * r.nextDouble())});
    }
    return out;
  }

  @Test
  void oneFiniteDeterministicScorePerRow() {
    for (long seed = 1; seed <= 5; seed++) {
      List<float[]> x = rows(seed, 50);
      double[] s = ranker().score(x);
      assertEquals(x.size(), s.length, "seed " + seed);
      for (double v : s) {
        assertTrue(Double.isFinite(v), "seed " + seed);
      }
      assertArrayEquals(s, ranker().score(x), 0, "seed " + seed);
    }
    assertEquals(0, ranker().score(List.of()).length);
  }

  @Test
  void scoresDoNotDependOnTheOtherRows() {
    for (long seed = 1; seed <= 5; seed++) {
      List<float[]> x = rows(seed, 30);
      double[] s = ranker().score(x);
      List<Integer> perm = new ArrayList<>();
      for (int i = 0; i < x.size(); i++) {
        perm.add(i);
      }
      Collections.shuffle(perm, new java.util.Random(seed));
      List<float[]> shuffled = perm.stream().map(x::get).toList();
      double[] t = ranker().score(shuffled);
      for (int i = 0; i < perm.size(); i++) {
        assertEquals(s[perm.get(i)], t[i], 1e-12, "seed " + seed);
      }
      assertEquals(s[3], ranker().score(List.of(x.get(3)))[0], 1e-12, "seed " + seed);
    }
  }

  @Test
  void explanationsAddUpToTheScore() {
    for (long seed = 1; seed <= 5; seed++) {
      List<float[]> x = rows(seed, 40);
      double[] s = ranker().score(x);
      List<Explanation> e = ranker().explain(x);
      assertEquals(x.size(), e.size());
      for (int i = 0; i < s.length; i++) {
        assertEquals(s[i], e.get(i).total(), 1e-6, "seed " + seed + " row " + i);
        for (Explanation.Contribution c : e.get(i).contributions()) {
          assertTrue(SCHEMA.indexOf(c.feature()) >= 0, c.feature());
        }
        List<Explanation.Contribution> top = e.get(i).top(2);
        assertTrue(top.size() <= 2);
        if (top.size() == 2) {
          assertTrue(Math.abs(top.get(0).contribution()) >= Math.abs(top.get(1).contribution()));
        }
      }
    }
  }

  @Test
  void wrongRowWidthIsRejected() {
    assertEquals(SCHEMA, ranker().schema());
    assertThrows(InvalidInputException.class, () -> ranker().score(List.of(new float[3])));
  }
}
