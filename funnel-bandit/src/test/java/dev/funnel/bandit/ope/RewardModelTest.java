package dev.funnel.bandit.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class RewardModelTest {
  @Test
  void keyedMeansShrinkTowardsTheTrainingMean() {
    // rows 0,1 have key 1, row 2 key 2; rewards 1,0,1; prior mean 2/3, strength 1
    long[] logged = {1, 1, 2, 3};
    long[][] candidates = {{1, 2, 9}, {1, 2, 9}, {1, 2, 9}, {1, 2, 9}};
    double[] reward = {1, 0, 1, 0};
    KeyedMeanRewardModel m = new KeyedMeanRewardModel(logged, candidates, reward, 1);
    double[][] q = m.fitPredict(new int[] {0, 1, 2}, new int[] {3});
    double prior = 2.0 / 3;
    assertEquals((1 + prior) / 3, q[0][0], 1e-12);
    assertEquals((1 + prior) / 2, q[0][1], 1e-12);
    assertEquals(prior, q[0][2], 1e-12);
  }

  @Test
  void crossFittingPredictsEveryRowFromOtherFolds() {
    long[] logged = {1, 1, 1, 1, 1, 1};
    long[][] candidates = new long[6][];
    java.util.Arrays.fill(candidates, new long[] {1});
    double[] reward = {1, 1, 1, 0, 0, 0};
    // prior strength 0: the prediction is the mean of the other folds' rewards
    double[][] q = RewardModel.crossFit(new KeyedMeanRewardModel(logged, candidates, reward, 0), 6, 6, 3);
    for (int i = 0; i < 6; i++) {
      assertNotNull(q[i]);
      assertEquals((3 - reward[i]) / 5, q[i][0], 1e-12, "row " + i + " must not see its own reward");
    }
  }

  @Test
  void ridgeRewardModelFitsTheLinearSolution() {
    // x(row, a) = one-hot(a) of length 2; rewards: action 0 -> 1, 1, action 1 -> 0
    int[] logged = {0, 0, 1};
    double[] reward = {1, 1, 0};
    RidgeRewardModel.Features f =
        new RidgeRewardModel.Features() {
          @Override
          public double[] of(int row, int action) {
            return action == 0 ? new double[] {1, 0} : new double[] {0, 1};
          }

          @Override
          public int actions(int row) {
            return 2;
          }
        };
    double[][] q = new RidgeRewardModel(f, logged, reward, 2, 1).fitPredict(new int[] {0, 1, 2}, new int[] {0});
    assertEquals(2.0 / 3, q[0][0], 1e-12); // (λ + n)⁻¹ Σ r = 2/3
    assertEquals(0, q[0][1], 1e-12);
  }
}
