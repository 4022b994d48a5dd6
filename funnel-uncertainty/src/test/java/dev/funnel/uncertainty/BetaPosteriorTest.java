package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BetaPosteriorTest {
  @Test
  void posteriorMeanAndStdByHand() {
    // Beta(1,1) + 3 of 10 -> Beta(4, 8): mean 4/12, variance 4*8 / (12^2 * 13) = 32/1872.
    Estimate e = new BetaPosterior(1, 1).posterior(3, 10);
    assertEquals(1.0 / 3, e.score(), 1e-12);
    assertEquals(Math.sqrt(32.0 / 1872), e.uncertainty(), 1e-12);
    // No evidence: the prior Beta(2, 6): mean 0.25, variance 12 / (64 * 9).
    Estimate prior = new BetaPosterior(2, 6).posterior(0, 0);
    assertEquals(0.25, prior.score(), 1e-12);
    assertEquals(Math.sqrt(12.0 / 576), prior.uncertainty(), 1e-12);
    assertThrows(InvalidInputException.class, () -> new BetaPosterior(1, 1).posterior(5, 3));
  }

  @Test
  void uncertaintyShrinksWithEvidence() {
    BetaPosterior p = new BetaPosterior(1, 1);
    assertTrue(p.posterior(10, 100).uncertainty() < p.posterior(1, 10).uncertainty());
    assertTrue(p.posterior(100, 1000).uncertainty() < p.posterior(10, 100).uncertainty());
  }

  @Test
  void methodOfMomentsRecoversThePrior() {
    long seed = 11;
    SplittableRandom rnd = new SplittableRandom(seed);
    int groups = 4000;
    long[] pos = new long[groups];
    long[] tri = new long[groups];
    for (int g = 0; g < groups; g++) {
      double rate = Distributions.beta(rnd, 2, 8);
      tri[g] = 50;
      for (int i = 0; i < 50; i++) {
        pos[g] += rnd.nextDouble() < rate ? 1 : 0;
      }
    }
    BetaPosterior fit = BetaPosterior.fit(pos, tri, 2);
    assertEquals(0.2, fit.alpha() / (fit.alpha() + fit.beta()), 0.01, "seed " + seed);
    assertEquals(10, fit.alpha() + fit.beta(), 1.5, "seed " + seed);
  }

  @Test
  void noBetweenGroupVarianceFallsBack() {
    BetaPosterior fit = BetaPosterior.fit(new long[] {5, 5}, new long[] {10, 10}, 2);
    assertEquals(2, fit.alpha() + fit.beta(), 1e-9);
    assertEquals(0.5, fit.alpha() / 2, 1e-9);
  }

  @Test
  void evidenceModelUsesCountsAndPriorForUnseenKeys() {
    BetaEvidenceModel m = BetaEvidenceModel.fit(new String[] {"a", "a", "a", "b"}, new boolean[] {true, true, false, false});
    BetaPosterior prior = m.prior();
    assertEquals(prior.posterior(2, 3).score(), m.estimate("a").score(), 1e-12);
    assertEquals(prior.posterior(0, 0).uncertainty(), m.estimate("unseen").uncertainty(), 1e-12);
  }

  @Test
  void samplerMoments() {
    SplittableRandom rnd = new SplittableRandom(3);
    double sum = 0;
    int n = 40000;
    for (int i = 0; i < n; i++) {
      sum += Distributions.beta(rnd, 0.5, 1.5);
    }
    assertEquals(0.25, sum / n, 0.01);
  }
}
