package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rules that pick one score mix from the validation edges' reciprocal ranks. */
class MixSelectionTest {
  private static final List<ScoreMix.Candidate> CANDS = ScoreMix.candidates(true);
  private static final int NA = ScoreMix.SYMMETRIC_GRID.length;

  private static int index(double a, double b) {
    for (int k = 0; k < CANDS.size(); k++) {
      ScoreMix.Candidate c = CANDS.get(k);
      if (!c.priorOnly() && c.symmetric() == a && c.prior() == b) {
        return k;
      }
    }
    throw new AssertionError(a + "/" + b);
  }

  /** A reciprocal-rank matrix over {@code m} edges: 0 for every candidate except the given columns. */
  private static double[][] rr(int m, Object... columns) {
    double[][] x = new double[m][CANDS.size()];
    for (int c = 0; c < columns.length; c += 2) {
      int k = (Integer) columns[c];
      double[] col = (double[]) columns[c + 1];
      for (int i = 0; i < m; i++) {
        x[i][k] = col[i];
      }
    }
    return x;
  }

  private static double[] minus(double v, double... d) {
    double[] out = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = v - d[i];
    }
    return out;
  }

  private static double[] sums(double[][] rr) {
    double[] s = new double[rr[0].length];
    for (double[] row : rr) {
      for (int k = 0; k < row.length; k++) {
        s[k] += row[k];
      }
    }
    return s;
  }

  @Test
  void componentsCountTheScoreTermsInUse() {
    assertEquals(1, CANDS.get(index(0, 0)).components(), "directed alone");
    assertEquals(1, CANDS.get(index(1, 0)).components(), "symmetric alone");
    assertEquals(1, CANDS.get(CANDS.size() - 1).components(), "prior alone");
    assertTrue(CANDS.get(CANDS.size() - 1).priorOnly());
    assertEquals(2, CANDS.get(index(0.5, 0)).components());
    assertEquals(2, CANDS.get(index(1, 0.05)).components());
    assertEquals(2, CANDS.get(index(0, 0.35)).components());
    assertEquals(3, CANDS.get(index(0.9, 0.02)).components());
    assertTrue(CANDS.get(index(1, 0)).single() && CANDS.get(index(0, 0)).single());
    assertFalse(CANDS.get(index(1, 0.02)).single() || CANDS.get(index(0.5, 0)).single());
    assertEquals(ScoreMix.SYMMETRIC_GRID.length * ScoreMix.PRIOR_GRID.length + 1, CANDS.size());
    assertEquals(NA, ScoreMix.candidates(false).size(), "without the prior: the mix weights only");
  }

  @Test
  void gainsWithinTheNoiseFallBackToTheSymmetricModel() {
    // a = 0.9, b = 0.05 has the best validation MRR, but by far less than one standard error of
    // the paired differences over the symmetric model and over a = 1, b = 0.02; the directed model
    // alone is worse on every edge.
    double[] top = {0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
    double[][] x = rr(6, index(0.9, 0.05), top,
        index(1, 0), minus(0.3, 0.1, -0.1, 0.1, -0.1, 0.1, -0.08),
        index(1, 0.02), minus(0.3, 0.05, -0.05, 0.05, -0.05, 0.05, -0.04),
        index(0, 0), minus(0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2));
    double[] s = sums(x);
    assertEquals(index(0.9, 0.05), MixSelection.BEST.select(x, s, CANDS), "best validation MRR");
    assertEquals(index(1, 0), MixSelection.ONE_SE.select(x, s, CANDS), "one-se: the symmetric model itself");
  }

  @Test
  void aGainBeyondTheNoiseIsKept() {
    double[] top = {0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
    double[][] x = rr(6, index(0.8, 0.2), top,
        index(0.8, 0), minus(0.3, 0.1, 0.05, 0.1, 0.05, 0.1, 0.05),
        index(1, 0), minus(0.3, 0.2, 0.2, 0.1, 0.2, 0.2, 0.2));
    double[] s = sums(x);
    assertEquals(index(0.8, 0.2), MixSelection.BEST.select(x, s, CANDS));
    assertEquals(index(0.8, 0.2), MixSelection.ONE_SE.select(x, s, CANDS), "the gain is several standard errors");
  }

  @Test
  void mixturesAreNotRankedAmongThemselves() {
    // a two-part mix within the noise of the best three-part mix, no single model within it:
    // the best candidate stays.
    double[] top = {0.3, 0.3, 0.3, 0.3, 0.3};
    double[][] x = rr(5, index(0.7, 0.5), top,
        index(0, 0.5), minus(0.3, 0.1, -0.1, 0.1, -0.1, 0.05),
        index(1, 0), minus(0.3, 0.2, 0.2, 0.1, 0.2, 0.2),
        CANDS.size() - 1, minus(0.3, 0.1, 0.1, 0.1, 0.1, 0.1));
    assertEquals(index(0.7, 0.5), MixSelection.ONE_SE.select(x, sums(x), CANDS));
  }

  @Test
  void thePriorAloneIsASingleModelToo() {
    double[] top = {0.3, 0.3, 0.3, 0.3, 0.3};
    int prior = CANDS.size() - 1;
    double[][] x = rr(5, index(0.2, 1), top, prior, minus(0.3, 0.1, -0.1, 0.1, -0.1, 0.05));
    assertEquals(prior, MixSelection.ONE_SE.select(x, sums(x), CANDS), "popularity within the noise of the mix");
  }

  @Test
  void amongAdmissibleCandidatesOfEqualSimplicityTheBetterOneWins() {
    // directed alone and symmetric alone both within one standard error of the best three-part
    // mix; directed alone has the higher validation MRR, so it is chosen.
    double[] top = {0.3, 0.3, 0.3, 0.3, 0.3};
    double[][] x = rr(5, index(0.3, 0.1), top,
        index(0, 0), minus(0.3, 0.1, -0.1, 0.1, -0.1, 0.05),
        index(1, 0), minus(0.3, 0.1, -0.1, 0.1, -0.1, 0.1));
    assertEquals(index(0, 0), MixSelection.ONE_SE.select(x, sums(x), CANDS));
  }

  @Test
  void admissibleIsTheOneStandardErrorTestOfThePairedDifference() {
    // two candidates, differences 0.1, 0, 0.2, 0.1: mean 0.1, sample sd 0.0816, se 0.0408
    double[][] x = {{0.5, 0.4}, {0.5, 0.5}, {0.5, 0.3}, {0.5, 0.4}};
    assertFalse(MixSelection.admissible(x, 0, 1));
    double[][] y = {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.1}, {0.5, 0.5}};
    // differences 0, 0, 0.4, 0: mean 0.1, sd 0.2, se 0.1: just within one standard error
    assertTrue(MixSelection.admissible(y, 0, 1));
    assertTrue(MixSelection.admissible(y, 0, 0), "the best candidate is admissible");
  }

  @Test
  void parseNamesTheFieldAndTheValue() {
    assertEquals(MixSelection.ONE_SE, MixSelection.parse("one-se"));
    assertEquals(MixSelection.BEST, MixSelection.parse(" BEST "));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> MixSelection.parse("median"));
    assertTrue(e.getMessage().contains("mix-selection") && e.getMessage().contains("median"), e.getMessage());
  }

  @Test
  void chooseUsesTheRuleAndReportsTheBestCandidate() {
    Graph p = PlantedGraph.generate(6, 16, 3, 9);
    EdgeSplit split = EdgeSplit.of(p, 0.1, 0.1, 4);
    SplittableRandom r = new SplittableRandom(1);
    int n = p.nodeCount();
    float[] s = new float[n * 4];
    float[] t = new float[n * 4];
    float[] e = new float[n * 4];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) r.nextGaussian();
      t[i] = (float) r.nextGaussian();
      e[i] = (float) r.nextGaussian();
    }
    DualEmbeddings dir = new DualEmbeddings(n, 4, s, t);
    DualEmbeddings sym = new DualEmbeddings(n, 4, e, e);
    float[] prior = ScoreMix.degreePrior(split.train());
    ScoreMix.Choice best = ScoreMix.choose(dir, sym, prior, split.validation(), split.train(), 1000, true, MixSelection.BEST);
    ScoreMix.Choice one = ScoreMix.choose(dir, sym, prior, split.validation(), split.train(), 1000, true, MixSelection.ONE_SE);
    assertEquals(best.validationMrr(), best.bestMrr(), 0, "best: the chosen candidate is the best one");
    assertEquals(best.bestMrr(), one.bestMrr(), 0, "both rules see the same candidates");
    assertTrue(one.validationMrr() <= one.bestMrr(), one.toString());
    assertEquals(best.directedMrr(), one.directedMrr(), 0);
  }
}
