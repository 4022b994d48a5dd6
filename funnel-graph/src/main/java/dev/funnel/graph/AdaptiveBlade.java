package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BLADE adapted to the graph at hand, with every choice made on the validation edges (carved
 * from the training edges; test edges are never seen):
 *
 * <ol>
 *   <li><b>Directed component</b>: a {@link DualGnn} of architecture {@link Architecture#DIRECTED}
 *       is trained for every point of a small grid ({@link Tuning}: dimension, reverse-edge
 *       weight, maximum walks); epochs are chosen by early stopping; the candidate with the best
 *       validation MRR is kept.
 *   <li><b>Cold-start sources</b>: a node without training out-edges has a source ID embedding that
 *       no edge ever updated. Its directed source embedding is replaced by the mean source
 *       embedding of its in-neighbours ("where the items that lead here lead to", which ranks the
 *       items co-occurring with it), when it has in-neighbours.
 *   <li><b>Symmetric component</b>: a GraphSAGE-style single embedding {@code e} (the
 *       {@code sage} baseline's configuration and seed).
 *   <li><b>Mix</b>: {@code score(u -> v) = (1 - a) * source(u).target(v) + a * e(u).e(v)} with
 *       {@code a} in {0, 0.1, ..., 1} chosen by validation MRR (ties: the smaller a). a = 1 is the
 *       symmetric model itself, so on a graph where a symmetric model ranks the validation edges
 *       better, BLADE can express it.
 * </ol>
 *
 * The result is one pair of embeddings ({@code [sqrt(1-a) s, sqrt(a) e]}, {@code [sqrt(1-a) t,
 * sqrt(a) e]}), so serving ({@link RelatedItems}) scores it with one inner product as before.
 * Without validation edges nothing can be chosen: the first grid point, no symmetric component.
 */
public final class AdaptiveBlade implements LinkMethod {
  /** Mix weights tried for the symmetric component. */
  static final double[] MIX_GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

  /**
   * The grid of the directed component: every combination of the listed values is trained.
   * Defaults: dimension as configured, reverse weight {configured, configured / 4}, max walks as
   * configured: two BLADE runs, which keeps a cora_ml-sized graph within a minute on 2 cores.
   */
  public record Tuning(List<Integer> dims, List<Double> reverseWeights, List<Integer> maxWalks, boolean mix,
      boolean coldStart) {
    public Tuning {
      if (dims.isEmpty() || reverseWeights.isEmpty() || maxWalks.isEmpty()) {
        throw new InvalidInputException("tune", dims + "/" + reverseWeights + "/" + maxWalks,
            "expected at least one value per tuned option");
      }
      dims = List.copyOf(dims);
      reverseWeights = List.copyOf(reverseWeights);
      maxWalks = List.copyOf(maxWalks);
    }

    public static Tuning defaults(GnnConfig cfg) {
      return new Tuning(List.of(cfg.dim()), List.of(cfg.reverseWeight(), cfg.reverseWeight() / 4),
          List.of(cfg.sampling().maxWalks()), true, true);
    }

    /** No search: the configuration as given, directed only, no cold-start fill (BLADE before adaptation). */
    public static Tuning none(GnnConfig cfg) {
      return new Tuning(List.of(cfg.dim()), List.of(cfg.reverseWeight()), List.of(cfg.sampling().maxWalks()), false,
          false);
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dims", dims);
      m.put("reverse_weights", reverseWeights);
      m.put("max_walks", maxWalks);
      m.put("symmetric_mix", mix);
      m.put("cold_start", coldStart);
      return m;
    }
  }

  /** What one training run chose and what it scored on validation. */
  public record Choice(GnnConfig directed, GnnTrainer.Result directedResult, double mix, boolean coldStart,
      double validationMrr, double directedValidationMrr, double symmetricValidationMrr,
      List<Map<String, Object>> candidates, int coldStartNodes) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dim", directed.dim());
      m.put("reverse_weight", directed.reverseWeight());
      m.put("max_walks", directed.sampling().maxWalks());
      m.put("best_epoch", directedResult.bestEpoch());
      m.put("symmetric_mix", mix);
      m.put("cold_start", coldStart);
      m.put("cold_start_nodes", coldStartNodes);
      m.put("validation_mrr", finiteOrNull(validationMrr));
      m.put("validation_mrr_directed", finiteOrNull(directedValidationMrr));
      m.put("validation_mrr_symmetric", finiteOrNull(symmetricValidationMrr));
      m.put("candidates", candidates);
      return m;
    }
  }

  private final String name;
  private final GnnConfig config;
  private final Tuning tuning;
  private final boolean progress;
  private final TrainingCache cache;
  private volatile Choice last;

  public AdaptiveBlade(String name, GnnConfig config, Tuning tuning, boolean progress, TrainingCache cache) {
    this.name = name;
    this.config = config;
    this.tuning = tuning;
    this.progress = progress;
    this.cache = cache == null ? new TrainingCache() : cache;
  }

  /** The symmetric component's configuration: the {@code sage} baseline's. */
  static GnnConfig symmetricConfig(GnnConfig blade) {
    return blade.withArchitecture(Architecture.SYMMETRIC).withSampling(blade.sampling().fixedEquivalent())
        .withReverseWeight(0);
  }

  @Override
  public String name() {
    return name;
  }

  /** The last run's choices, or null before training. */
  public Choice lastChoice() {
    return last;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>(config.toMap());
    m.put("tuning", tuning.toMap());
    return m;
  }

  @Override
  public Map<String, Object> lastRun() {
    Choice c = last;
    return c == null ? Map.of() : c.toMap();
  }

  @Override
  public DualEmbeddings train(Graph train, EdgeSample validation, long seed) {
    boolean validate = validation.size() > 0;
    GnnConfig bestCfg = null;
    GnnTrainer.Result best = null;
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (int dim : tuning.dims()) {
      for (double rw : tuning.reverseWeights()) {
        for (int mw : tuning.maxWalks()) {
          SamplingRule s = config.sampling();
          SamplingRule rule = new SamplingRule(s.adaptive(), Math.min(s.minWalks(), mw), mw, s.maxDepth(), s.hopDecay());
          if (!s.adaptive()) {
            rule = SamplingRule.fixed(mw);
          }
          GnnConfig c = config.withDim(dim).withReverseWeight(rw).withSampling(rule);
          GnnTrainer.Result r = cache.train(train, c, validation, seed, progress);
          Map<String, Object> cand = new LinkedHashMap<>();
          cand.put("dim", dim);
          cand.put("reverse_weight", rw);
          cand.put("max_walks", mw);
          cand.put("best_epoch", r.bestEpoch());
          cand.put("validation_mrr", finiteOrNull(r.bestValidationMrr()));
          candidates.add(cand);
          if (best == null || (validate && r.bestValidationMrr() > best.bestValidationMrr())) {
            best = r;
            bestCfg = c;
          }
          if (!validate) {
            break;
          }
        }
        if (!validate) {
          break;
        }
      }
      if (!validate) {
        break;
      }
    }
    DualEmbeddings directed = best.embeddings();
    int coldNodes = 0;
    DualEmbeddings cold = directed;
    if (tuning.coldStart()) {
      cold = coldStartSources(directed, train);
      for (int u = 0; u < train.nodeCount(); u++) {
        coldNodes += train.outDegree(u) == 0 && train.inDegree(u) > 0 ? 1 : 0;
      }
    }
    if (!validate || !tuning.mix()) {
      last = new Choice(bestCfg, best, 0, tuning.coldStart(), best.bestValidationMrr(), best.bestValidationMrr(),
          Double.NaN, candidates, coldNodes);
      return cold;
    }
    GnnTrainer.Result sym = cache.train(train, symmetricConfig(config), validation, seed, progress);
    DualEmbeddings e = sym.embeddings();
    double[] mrr = mixValidation(cold, e, validation, train, GnnTrainer.VALIDATION_LIMIT);
    int bi = 0;
    for (int i = 1; i < MIX_GRID.length; i++) {
      if (mrr[i] > mrr[bi]) {
        bi = i;
      }
    }
    double a = MIX_GRID[bi];
    last = new Choice(bestCfg, best, a, tuning.coldStart(), mrr[bi], mrr[0], mrr[MIX_GRID.length - 1], candidates,
        coldNodes);
    return mix(cold, e, a);
  }

  /**
   * The directed embeddings with the source embedding of every node without training out-edges
   * (and with in-edges) replaced by the mean source embedding of its in-neighbours.
   */
  static DualEmbeddings coldStartSources(DualEmbeddings emb, Graph train) {
    int n = emb.nodeCount();
    int dim = emb.dim();
    float[] src = emb.sourceArray();
    float[] out = src.clone();
    for (int u = 0; u < n; u++) {
      int k = train.inDegree(u);
      if (train.outDegree(u) != 0 || k == 0) {
        continue;
      }
      int o = u * dim;
      java.util.Arrays.fill(out, o, o + dim, 0f);
      for (int i = 0; i < k; i++) {
        int w = train.in(u, i);
        int wo = w * dim;
        for (int j = 0; j < dim; j++) {
          out[o + j] += src[wo + j] / k;
        }
      }
    }
    return new DualEmbeddings(n, dim, out, emb.symmetric() ? out : emb.targetArray());
  }

  /** Validation MRR of every mix weight in {@link #MIX_GRID}, over at most {@code limit} edges. */
  static double[] mixValidation(LinkScorer directed, LinkScorer symmetric, EdgeSample val, Graph train, int limit) {
    int n = directed.nodeCount();
    int m = Math.min(limit, val.size());
    float[] d = new float[n];
    float[] s = new float[n];
    float[] x = new float[n];
    double[] sum = new double[MIX_GRID.length];
    for (int i = 0; i < m; i++) {
      int u = val.sources()[i];
      directed.scoreAll(u, d);
      symmetric.scoreAll(u, s);
      for (int a = 0; a < MIX_GRID.length; a++) {
        float wa = (float) MIX_GRID[a];
        for (int v = 0; v < n; v++) {
          x[v] = (1 - wa) * d[v] + wa * s[v];
        }
        sum[a] += 1.0 / LinkRanking.rank(x, u, val.targets()[i], train);
      }
    }
    for (int a = 0; a < sum.length; a++) {
      sum[a] = m == 0 ? 0 : sum[a] / m;
    }
    return sum;
  }

  /** One pair of embeddings scoring {@code (1 - a) s.t + a e.e}. */
  static DualEmbeddings mix(DualEmbeddings directed, DualEmbeddings sym, double a) {
    if (a <= 0) {
      return directed;
    }
    if (a >= 1) {
      return sym;
    }
    int n = directed.nodeCount();
    int d1 = directed.dim();
    int d2 = sym.dim();
    int dim = d1 + d2;
    float wd = (float) Math.sqrt(1 - a);
    float ws = (float) Math.sqrt(a);
    float[] s = new float[n * dim];
    float[] t = new float[n * dim];
    float[] ds = directed.sourceArray();
    float[] dt = directed.targetArray();
    float[] e = sym.sourceArray();
    for (int u = 0; u < n; u++) {
      for (int j = 0; j < d1; j++) {
        s[u * dim + j] = wd * ds[u * d1 + j];
        t[u * dim + j] = wd * dt[u * d1 + j];
      }
      for (int j = 0; j < d2; j++) {
        float x = ws * e[u * d2 + j];
        s[u * dim + d1 + j] = x;
        t[u * dim + d1 + j] = x;
      }
    }
    return new DualEmbeddings(n, dim, s, t);
  }

  static Double finiteOrNull(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
