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
 *   <li><b>Mix</b>: {@code score(u -> v) = (1 - a) * source(u).target(v) + a * e(u).e(v) + b * sigma *
 *       prior(v)}, {@code prior} the standardised log in-degree, chosen with the prior-only
 *       candidate by validation MRR ({@link ScoreMix}). a = 1, b = 0 is the symmetric model
 *       itself and the prior alone ranks like the in-degree baseline, so where either ranks the
 *       validation edges better, BLADE can express it.
 * </ol>
 *
 * The result is one pair of embeddings ({@code [sqrt(1-a) s, sqrt(a) e, b sigma]}, {@code [sqrt(1-a) t,
 * sqrt(a) e, prior]}), so serving ({@link RelatedItems}) scores it with one inner product as before.
 * Without validation edges nothing can be chosen: the first grid point, no symmetric component.
 */
public final class AdaptiveBlade implements LinkMethod {
  /**
   * The grid of the directed component: every combination of the listed values is trained.
   * Defaults: dimension as configured, reverse weight {configured, configured / 4, 0}, max walks
   * as configured: three BLADE runs. Reverse weight 0 matters on reciprocal graphs: there the
   * reverse term pushes down held-out edges whose reverse is a training edge.
   */
  public record Tuning(List<Integer> dims, List<Double> reverseWeights, List<Integer> maxWalks, boolean mix,
      boolean coldStart, boolean degreePrior, MixSelection mixSelection) {
    public Tuning {
      if (dims.isEmpty() || reverseWeights.isEmpty() || maxWalks.isEmpty()) {
        throw new InvalidInputException("tune", dims + "/" + reverseWeights + "/" + maxWalks,
            "expected at least one value per tuned option");
      }
      if (mixSelection == null) {
        throw new InvalidInputException("mix-selection", null, "expected best or one-se");
      }
      dims = List.copyOf(dims);
      reverseWeights = List.copyOf(reverseWeights);
      maxWalks = List.copyOf(maxWalks);
    }

    public static Tuning defaults(GnnConfig cfg) {
      return new Tuning(List.of(cfg.dim()),
          java.util.stream.Stream.of(cfg.reverseWeight(), cfg.reverseWeight() / 4, 0.0).distinct().toList(),
          List.of(cfg.sampling().maxWalks()), true, true, true, MixSelection.ONE_SE);
    }

    /** No search: the configuration as given, directed only, no cold-start fill (BLADE before adaptation). */
    public static Tuning none(GnnConfig cfg) {
      return new Tuning(List.of(cfg.dim()), List.of(cfg.reverseWeight()), List.of(cfg.sampling().maxWalks()), false,
          false, false, MixSelection.BEST);
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dims", dims);
      m.put("reverse_weights", reverseWeights);
      m.put("max_walks", maxWalks);
      m.put("symmetric_mix", mix);
      m.put("cold_start", coldStart);
      m.put("degree_prior", degreePrior);
      m.put("mix_selection", mixSelection.label());
      return m;
    }
  }

  /** What one training run chose and what it scored on validation. */
  public record Choice(GnnConfig directed, GnnTrainer.Result directedResult, double mix, boolean coldStart,
      double validationMrr, double directedValidationMrr, double symmetricValidationMrr,
      List<Map<String, Object>> candidates, int coldStartNodes, ScoreMix.Choice score) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dim", directed.dim());
      m.put("reverse_weight", directed.reverseWeight());
      m.put("max_walks", directed.sampling().maxWalks());
      m.put("best_epoch", directedResult.bestEpoch());
      m.put("symmetric_mix", mix);
      if (score != null) {
        m.putAll(score.toMap());
      }
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
          Double.NaN, candidates, coldNodes, null);
      return cold;
    }
    GnnTrainer.Result sym = cache.train(train, symmetricConfig(config), validation, seed, progress);
    DualEmbeddings e = sym.embeddings();
    float[] prior = ScoreMix.degreePrior(train);
    ScoreMix.Choice sc = ScoreMix.choose(cold, e, prior, validation, train, GnnTrainer.VALIDATION_LIMIT,
        tuning.degreePrior(), tuning.mixSelection());
    last = new Choice(bestCfg, best, sc.symmetric(), tuning.coldStart(), sc.validationMrr(), sc.directedMrr(),
        sc.symmetricMrr(), candidates, coldNodes, sc);
    return ScoreMix.embeddings(cold, e, prior, sc);
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
