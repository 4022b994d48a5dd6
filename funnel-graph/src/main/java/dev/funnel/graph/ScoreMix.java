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
 * validation edges; the best validation MRR wins, ties going to the earlier candidate (no prior
 * before a prior, smaller {@code a} before larger).
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
   * alone, and of the best candidate without a prior.
   */
  public record Choice(double symmetric, double prior, boolean priorOnly, double sigma, double validationMrr,
      double directedMrr, double symmetricMrr, double priorOnlyMrr, double bestWithoutPriorMrr) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symmetric_mix", symmetric);
      m.put("degree_prior", prior);
      m.put("degree_prior_only", priorOnly);
      m.put("degree_prior_scale", AdaptiveBlade.finiteOrNull(sigma));
      m.put("validation_mrr_degree_prior_only", AdaptiveBlade.finiteOrNull(priorOnlyMrr));
      m.put("validation_mrr_without_prior", AdaptiveBlade.finiteOrNull(bestWithoutPriorMrr));
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
   * Ranks the first {@code limit} validation edges under every candidate and returns the best.
   * {@code usePrior = false} searches {@code a} only (b = 0).
   */
  static Choice choose(LinkScorer directed, LinkScorer symmetric, float[] prior, EdgeSample val, Graph train,
      int limit, boolean usePrior) {
    int n = directed.nodeCount();
    int m = Math.min(limit, val.size());
    int na = SYMMETRIC_GRID.length;
    float[] d = new float[n];
    float[] s = new float[n];
    double[] sigma = new double[na];
    boolean priorVaries = false;
    for (float x : prior) {
      priorVaries |= x != 0;
    }
    boolean withPrior = usePrior && priorVaries;
    if (withPrior) {
      for (int i = 0; i < m; i++) {
        int u = val.sources()[i];
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
    }
    int nb = withPrior ? PRIOR_GRID.length : 1;
    double[][] sum = new double[nb][na];
    double priorOnly = 0;
    for (int i = 0; i < m; i++) {
      int u = val.sources()[i];
      int v = val.targets()[i];
      directed.scoreAll(u, d);
      symmetric.scoreAll(u, s);
      for (int b = 0; b < nb; b++) {
        for (int a = 0; a < na; a++) {
          float wa = (float) SYMMETRIC_GRID[a];
          float wp = (float) (PRIOR_GRID[b] * sigma[a]);
          sum[b][a] += 1.0 / rank(1 - wa, wa, wp, d, s, prior, u, v, train);
        }
      }
      if (withPrior) {
        priorOnly += 1.0 / rank(0, 0, 1, d, s, prior, u, v, train);
      }
    }
    int bb = 0;
    int ba = 0;
    for (int b = 0; b < nb; b++) {
      for (int a = 0; a < na; a++) {
        if (sum[b][a] > sum[bb][ba]) {
          bb = b;
          ba = a;
        }
      }
    }
    int noPriorBest = 0;
    for (int a = 1; a < na; a++) {
      if (sum[0][a] > sum[0][noPriorBest]) {
        noPriorBest = a;
      }
    }
    double div = Math.max(1, m);
    double best = sum[bb][ba] / div;
    double only = withPrior ? priorOnly / div : Double.NaN;
    double dir = sum[0][0] / div;
    double sym = sum[0][na - 1] / div;
    double noPrior = sum[0][noPriorBest] / div;
    if (withPrior && priorOnly > sum[bb][ba]) {
      return new Choice(0, 0, true, Double.NaN, only, dir, sym, only, noPrior);
    }
    return new Choice(SYMMETRIC_GRID[ba], withPrior ? PRIOR_GRID[bb] : 0, false,
        withPrior ? sigma[ba] : Double.NaN, best, dir, sym, only, noPrior);
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
