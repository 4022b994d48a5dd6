package dev.funnel.graph;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated combination of BLADE's three score components for an edge u -> v:
 *
 * <pre>
 *   score(u -> v) = (1 - a) * directed(u, v) + a * symmetric(u, v) + b * sigma_a * prior(v)
 * </pre>
 *
 * where {@code prior(v)} is the standardised {@code ln(1 + in-degree of v)} in the training graph
 * (mean 0, standard deviation 1 over the nodes) and {@code sigma_a} the mean, over the validation
 * queries, of the standard deviation over all nodes of the first two terms, so that {@code b} is
 * a weight relative to the spread of the learned scores on this graph. {@code a} comes from
 * {@link #SYMMETRIC_GRID}, {@code b} from {@link #PRIOR_GRID}, and one more candidate is the
 * prior alone (which ranks like the in-degree baseline). All candidates are ranked on the same
 * validation edges and a {@link MixSelection} rule picks one: by default the one-standard-error
 * rule, which keeps the best of the three single models (directed, symmetric, prior alone) unless
 * a mixture beats it by more than one paired standard error; {@link MixSelection#BEST} takes the
 * highest validation MRR, ties going to the earlier candidate (no prior before a prior, smaller
 * {@code a} before larger).
 *
 * <p>The chosen combination is one pair of embeddings (see {@link #embeddings}), so serving still
 * scores with one inner product.
 */
public final class ScoreMix {
  /** Mix weights tried for the symmetric component. */
  static final double[] SYMMETRIC_GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

  /** Prior weights tried, relative to the spread of the learned scores. */
  static final double[] PRIOR_GRID = {0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5};

  /**
   * The chosen combination. {@code priorOnly} means the score is {@code prior(v)} alone ({@code a}
   * and {@code b} then have no meaning and are 0); {@code sigma} is {@code sigma_a} of the chosen
   * {@code a}. The validation MRRs are of the chosen candidate, of the directed component alone
   * ({@code a = 0, b = 0}), of the symmetric component alone ({@code a = 1, b = 0}), of the prior
   * alone, of the best candidate without a prior, and of the best candidate of all (which the
   * one-standard-error rule of {@link MixSelection#ONE_SE} may pass over for a simpler one).
   */
  public record Choice(double symmetric, double prior, boolean priorOnly, double sigma, double validationMrr,
      double directedMrr, double symmetricMrr, double priorOnlyMrr, double bestWithoutPriorMrr, double bestMrr) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symmetric_mix", symmetric);
      m.put("degree_prior", prior);
      m.put("degree_prior_only", priorOnly);
      m.put("degree_prior_scale", AdaptiveBlade.finiteOrNull(sigma));
      m.put("validation_mrr_degree_prior_only", AdaptiveBlade.finiteOrNull(priorOnlyMrr));
      m.put("validation_mrr_without_prior", AdaptiveBlade.finiteOrNull(bestWithoutPriorMrr));
      m.put("validation_mrr_best_candidate", AdaptiveBlade.finiteOrNull(bestMrr));
      return m;
    }
  }

  private ScoreMix() {}

  /** The standardised {@code ln(1 + in-degree)} of every node of the training graph (all 0 when constant). */
  static float[] degreePrior(Graph train) {
    int n = train.nodeCount();
    double[] x = new double[n];
    double mean = 0;
    for (int v = 0; v < n; v++) {
      x[v] = Math.log1p(train.inDegree(v));
      mean += x[v];
    }
    mean = n == 0 ? 0 : mean / n;
    double var = 0;
    for (int v = 0; v < n; v++) {
      var += (x[v] - mean) * (x[v] - mean);
    }
    double sd = n == 0 ? 0 : Math.sqrt(var / n);
    float[] p = new float[n];
    if (sd > 0) {
      for (int v = 0; v < n; v++) {
        p[v] = (float) ((x[v] - mean) / sd);
      }
    }
    return p;
  }

  /**
   * One point of the search: mix index {@code a} into {@link #SYMMETRIC_GRID} and prior index
   * {@code b} into {@link #PRIOR_GRID}, or the prior alone.
   */
  record Candidate(int a, int b, boolean priorOnly) {
    double symmetric() {
      return priorOnly ? 0 : SYMMETRIC_GRID[a];
    }

    double prior() {
      return priorOnly ? 0 : PRIOR_GRID[b];
    }

    /**
     * How many of the three score components (directed, symmetric, prior) the candidate uses:
     * 1 for the directed model, the symmetric model or the prior alone, 3 for a mix of all three.
     */
    int components() {
      if (priorOnly) {
        return 1;
      }
      double s = symmetric();
      return (s > 0 && s < 1 ? 2 : 1) + (prior() > 0 ? 1 : 0);
    }

    /** One of the three models of its own: directed alone, symmetric alone, or the prior alone. */
    boolean single() {
      return components() == 1;
    }
  }

  /** Every candidate: b-major over ({@code b}, {@code a}), then the prior alone when {@code withPrior}. */
  static java.util.List<Candidate> candidates(boolean withPrior) {
    java.util.List<Candidate> c = new java.util.ArrayList<>();
    int nb = withPrior ? PRIOR_GRID.length : 1;
    for (int b = 0; b < nb; b++) {
      for (int a = 0; a < SYMMETRIC_GRID.length; a++) {
        c.add(new Candidate(a, b, false));
      }
    }
    if (withPrior) {
      c.add(new Candidate(0, 0, true));
    }
    return c;
  }

  /**
   * {@code sigma_a} for every mix weight of {@link #SYMMETRIC_GRID}: the mean over the first
   * {@code limit} query nodes of {@code edges} of the standard deviation over all nodes of
   * {@code (1 - a) directed + a symmetric}.
   */
  static double[] sigmas(LinkScorer directed, LinkScorer symmetric, EdgeSample edges, int limit) {
    int n = directed.nodeCount();
    int m = Math.min(limit, edges.size());
    int na = SYMMETRIC_GRID.length;
    float[] d = new float[n];
    float[] s = new float[n];
    double[] sigma = new double[na];
    for (int i = 0; i < m; i++) {
      int u = edges.sources()[i];
      directed.scoreAll(u, d);
      symmetric.scoreAll(u, s);
      for (int a = 0; a < na; a++) {
        float wa = (float) SYMMETRIC_GRID[a];
        double sum = 0;
        double sq = 0;
        for (int v = 0; v < n; v++) {
          double x = (1 - wa) * d[v] + wa * s[v];
          sum += x;
          sq += x * x;
        }
        double mu = sum / n;
        sigma[a] += Math.sqrt(Math.max(0, sq / n - mu * mu));
      }
    }
    for (int a = 0; a < na; a++) {
      sigma[a] = m == 0 ? 0 : sigma[a] / m;
    }
    return sigma;
  }

  /**
   * The reciprocal rank of every one of the first {@code limit} edges of {@code edges} under every
   * candidate ({@code [edge][candidate]}), with the rank rule of {@link LinkRanking#rank}.
   */
  static double[][] reciprocalRanks(LinkScorer directed, LinkScorer symmetric, float[] prior, double[] sigma,
      EdgeSample edges, Graph train, int limit, java.util.List<Candidate> cands) {
    int n = directed.nodeCount();
    int m = Math.min(limit, edges.size());
    float[] d = new float[n];
    float[] s = new float[n];
    double[][] rr = new double[m][cands.size()];
    for (int i = 0; i < m; i++) {
      int u = edges.sources()[i];
      int v = edges.targets()[i];
      directed.scoreAll(u, d);
      symmetric.scoreAll(u, s);
      for (int k = 0; k < cands.size(); k++) {
        Candidate c = cands.get(k);
        if (c.priorOnly()) {
          rr[i][k] = 1.0 / rank(0, 0, 1, d, s, prior, u, v, train);
        } else {
          float wa = (float) SYMMETRIC_GRID[c.a()];
          float wp = (float) (PRIOR_GRID[c.b()] * sigma[c.a()]);
          rr[i][k] = 1.0 / rank(1 - wa, wa, wp, d, s, prior, u, v, train);
        }
      }
    }
    return rr;
  }

  /**
   * Ranks the first {@code limit} validation edges under every candidate and returns the one
   * {@code rule} selects. {@code usePrior = false} searches {@code a} only (b = 0).
   */
  static Choice choose(LinkScorer directed, LinkScorer symmetric, float[] prior, EdgeSample val, Graph train,
      int limit, boolean usePrior) {
    return choose(directed, symmetric, prior, val, train, limit, usePrior, MixSelection.BEST);
  }

  static Choice choose(LinkScorer directed, LinkScorer symmetric, float[] prior, EdgeSample val, Graph train,
      int limit, boolean usePrior, MixSelection rule) {
    int m = Math.min(limit, val.size());
    boolean priorVaries = false;
    for (float x : prior) {
      priorVaries |= x != 0;
    }
    boolean withPrior = usePrior && priorVaries;
    double[] sigma = withPrior ? sigmas(directed, symmetric, val, limit) : new double[SYMMETRIC_GRID.length];
    java.util.List<Candidate> cands = candidates(withPrior);
    double[][] rr = reciprocalRanks(directed, symmetric, prior, sigma, val, train, limit, cands);
    double[] sum = new double[cands.size()];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < cands.size(); k++) {
        sum[k] += rr[i][k];
      }
    }
    int na = SYMMETRIC_GRID.length;
    int pick = rule.select(rr, sum, cands);
    int noPriorBest = 0;
    for (int a = 1; a < na; a++) {
      if (sum[a] > sum[noPriorBest]) {
        noPriorBest = a;
      }
    }
    double div = Math.max(1, m);
    double dir = sum[0] / div;
    double sym = sum[na - 1] / div;
    double noPrior = sum[noPriorBest] / div;
    double only = withPrior ? sum[cands.size() - 1] / div : Double.NaN;
    double top = sum[MixSelection.BEST.select(rr, sum, cands)] / div;
    Candidate c = cands.get(pick);
    if (c.priorOnly()) {
      return new Choice(0, 0, true, Double.NaN, only, dir, sym, only, noPrior, top);
    }
    return new Choice(c.symmetric(), withPrior ? c.prior() : 0, false, withPrior ? sigma[c.a()] : Double.NaN,
        sum[pick] / div, dir, sym, only, noPrior, top);
  }

  /**
   * The rank of v for query u under {@code wd * d + ws * s + wp * p}, with the same rule as
   * {@link LinkRanking#rank}: u and u's training out-neighbours other than v are not candidates,
   * ties count half.
   */
  static double rank(float wd, float ws, float wp, float[] d, float[] s, float[] p, int u, int v, Graph train) {
    float sv = wd * d[v] + ws * s[v] + wp * p[v];
    long greater = 0;
    long ties = 0;
    for (int w = 0; w < d.length; w++) {
      float x = wd * d[w] + ws * s[w] + wp * p[w];
      if (x > sv) {
        greater++;
      } else if (x == sv) {
        ties++;
      }
    }
    ties--; // v itself
    int k = train.outDegree(u);
    for (int i = -1; i < k; i++) {
      int w = i < 0 ? u : train.out(u, i);
      if (w == v) {
        continue;
      }
      float x = wd * d[w] + ws * s[w] + wp * p[w];
      if (x > sv) {
        greater--;
      } else if (x == sv) {
        ties--;
      }
    }
    return 1 + greater + ties / 2.0;
  }

  /**
   * One pair of embeddings scoring the chosen combination: {@code [sqrt(1-a) s, sqrt(a) e, b sigma]}
   * against {@code [sqrt(1-a) t, sqrt(a) e, prior]} (the parts with weight 0 left out), or
   * {@code [1]} against {@code [prior]} for the prior alone.
   */
  static DualEmbeddings embeddings(DualEmbeddings directed, DualEmbeddings sym, float[] prior, Choice c) {
    int n = directed.nodeCount();
    if (c.priorOnly()) {
      float[] one = new float[n];
      Arrays.fill(one, 1f);
      return new DualEmbeddings(n, 1, one, prior.clone());
    }
    DualEmbeddings base = AdaptiveBlade.mix(directed, sym, c.symmetric());
    if (c.prior() <= 0) {
      return base;
    }
    int d0 = base.dim();
    int dim = d0 + 1;
    float[] bs = base.sourceArray();
    float[] bt = base.targetArray();
    float[] src = new float[n * dim];
    float[] tgt = new float[n * dim];
    float w = (float) (c.prior() * c.sigma());
    for (int u = 0; u < n; u++) {
      System.arraycopy(bs, u * d0, src, u * dim, d0);
      System.arraycopy(bt, u * d0, tgt, u * dim, d0);
      src[u * dim + d0] = w;
      tgt[u * dim + d0] = prior[u];
    }
    return new DualEmbeddings(n, dim, src, tgt);
  }
}
