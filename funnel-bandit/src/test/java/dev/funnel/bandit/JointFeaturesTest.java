package dev.funnel.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sparse joint vectors equal the dense ones bit for bit, and so do the scores computed on them. */
class JointFeaturesTest {
  private static final long SEED = 20261203;
  final ActionSpace space = new ActionSpace(List.of("bm25", "dense", "memory", "structured"), List.of(10, 30, 100), 130, 2);
  final StrategyStats stats = new StrategyStats(space.strategies(), 50);
  final Featurizer f = new Featurizer(space, List.of("keyword", "semantic"), List.of("vip", "new"), stats);

  private List<BanditContext> contexts(SplittableRandom rnd) {
    List<BanditContext> out = new ArrayList<>();
    String[] intents = {null, "keyword", "semantic", "navigational"};
    String[] segments = {null, "vip", "new", "other"};
    for (int i = 0; i < 40; i++) {
      Instant t = rnd.nextBoolean() ? null : Instant.ofEpochSecond(1_700_000_000L + rnd.nextLong(30_000_000L));
      out.add(new BanditContext(rnd.nextInt(40), intents[rnd.nextInt(4)], t, segments[rnd.nextInt(4)]));
    }
    return out;
  }

  @Test
  void nonZeroEntriesAndDenseRowsEqualTheDenseJointVectors() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    List<Action> actions = space.actions();
    for (int step = 0; step < 3; step++) {
      for (BanditContext ctx : contexts(rnd)) {
        double[][] dense = f.joint(ctx, actions);
        JointFeatures sparse = f.jointFeatures(ctx, actions);
        assertEquals(actions.size(), sparse.size());
        for (int i = 0; i < dense.length; i++) {
          int[] idx = sparse.indices(i);
          double[] val = sparse.values(i);
          List<Integer> expectedIdx = new ArrayList<>();
          List<Double> expectedVal = new ArrayList<>();
          for (int k = 0; k < dense[i].length; k++) {
            if (dense[i][k] != 0) {
              expectedIdx.add(k);
              expectedVal.add(dense[i][k]);
            }
          }
          assertEquals(expectedIdx, Arrays.stream(idx).boxed().toList(), "non-zero indices of row " + i);
          assertEquals(expectedVal, Arrays.stream(val).boxed().toList(), "non-zero values of row " + i);
          // Arrays.equals on doubles compares bits: -0.0 and 0.0 entries must match too
          assertArrayEquals(dense[i], sparse.dense(i), "dense row " + i);
        }
      }
      // strategy statistics move the perf features
      stats.record(actions.get(rnd.nextInt(actions.size())), Map.of("bm25", 0.6, "dense", 0.4));
    }
  }

  @Test
  void sparseScoresEqualDenseScoresBitForBit() {
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    List<Action> actions = space.actions();
    RidgeModel m = new RidgeModel(f.dimension(), 1);
    for (BanditContext ctx : contexts(rnd)) {
      double[][] dense = f.joint(ctx, actions);
      JointFeatures sparse = f.jointFeatures(ctx, actions);
      for (int i = 0; i < dense.length; i++) {
        assertEquals(Double.doubleToLongBits(m.mean(dense[i])), Double.doubleToLongBits(m.mean(sparse, i)));
        assertEquals(Double.doubleToLongBits(m.variance(dense[i])), Double.doubleToLongBits(m.variance(sparse, i)));
      }
      int pick = rnd.nextInt(actions.size());
      m.update(dense[pick], rnd.nextDouble() * 2 - 0.5);
    }
  }

  @Test
  void aModelOfAnotherDimensionIsRefused() {
    JointFeatures sparse = f.jointFeatures(new BanditContext(2, null, null, null), space.actions());
    RidgeModel other = new RidgeModel(f.dimension() + 1, 1);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> other.mean(sparse, 0));
    assertEquals(true, e.getMessage().contains("features"), e.getMessage());
  }
}
