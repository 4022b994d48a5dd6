package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The serving entry point: extracts features for a candidate union with the one
 * {@link FeaturePipeline}, scores them with the current {@link Ranker}, returns the top k with
 * explanations, and turns what was shown into {@link TrainingRecord}s. The ranker can be replaced
 * at any time ({@link #swap}); each request reads it once, so a request never mixes two models,
 * and holds a reference to it ({@link Ranker#retain()}) until it is done, so closing a replaced
 * ranker at once is safe: its native model is freed when the last request using it finishes.
 */
public final class RankingService {
  /**
   * One ranked candidate.
   *
   * @param candidate the candidate with its provenance (which strategies found it, at which rank)
   * @param features the feature vector as served (log it for training)
   * @param score the ranker's score
   * @param why the largest feature contributions to the score, largest first
   */
  public record Ranked(Candidate candidate, float[] features, double score, List<Explanation.Contribution> why) {}

  private final FeaturePipeline pipeline;
  private final AtomicReference<Ranker> ranker;
  private volatile Ranker fusion;

  public RankingService(FeaturePipeline pipeline, Ranker initial) {
    this.pipeline = pipeline;
    pipeline.schema().requireSame(initial.schema(), initial.name());
    this.ranker = new AtomicReference<>(initial);
  }

  /**
   * Reciprocal rank fusion over the pipeline's strategy features, whatever ranker is installed:
   * the order of a request that asks for its strategies' own lists rather than the learned
   * ranker's. It holds no native resources and is built once.
   */
  public Ranker fusion() {
    Ranker f = fusion;
    if (f == null) {
      f = new ReciprocalRankFusionRanker(pipeline.schema(), ReciprocalRankFusionRanker.DEFAULT_K);
      fusion = f;
    }
    return f;
  }

  public FeatureSchema schema() {
    return pipeline.schema();
  }

  public Ranker ranker() {
    return ranker.get();
  }

  /**
   * Atomically installs {@code next} (which must use the pipeline's schema) and returns the
   * previous ranker. Requests already running finish with the previous one, which they have
   * retained; the caller may close a previous {@link LambdaMartRanker} at once.
   */
  public Ranker swap(Ranker next) {
    pipeline.schema().requireSame(next.schema(), next.name());
    return ranker.getAndSet(next);
  }

  /**
   * Scores every candidate and returns the best {@code k} (score descending, ties by the
   * candidate's own order), each with its {@code explainTop} largest feature contributions.
   *
   * @param items catalog lookup by item id; every candidate must resolve
   */
  public List<Ranked> rank(Query query, List<Candidate> candidates, Function<String, Item> items, int k, int explainTop) {
    return rank(query, candidates, items, k, explainTop, null);
  }

  /**
   * As {@link #rank(Query, List, Function, int, int)}, but with a {@code selection} (null: the
   * top k) that receives every candidate ranked (score descending, without explanations) and
   * returns the items to serve, in the order to show them; at most {@code k} of them are kept and
   * explained. A post-ranking decision (for example a conversion threshold) goes there.
   */
  public List<Ranked> rank(Query query, List<Candidate> candidates, Function<String, Item> items, int k, int explainTop,
      UnaryOperator<List<Ranked>> selection) {
    Checks.atLeast("k", k, 0);
    Checks.atLeast("explainTop", explainTop, 0);
    Ranker r = acquire();
    try {
      return rank(r, query, candidates, items, k, explainTop, selection);
    } finally {
      r.release();
    }
  }

  /**
   * The current ranker, retained for one request: when a swap closed the one just read and it
   * was freed before it could be retained, the one that replaced it is read instead.
   */
  public Ranker acquire() {
    for (int attempt = 0; ; attempt++) {
      Ranker r = ranker.get();
      if (r.retain()) {
        return r;
      }
      if (attempt > 1000) {
        throw new IllegalStateException("ranker: the current ranker " + r.name() + " was closed while installed");
      }
      Thread.onSpinWait();
    }
  }

  private List<Ranked> rank(Ranker r, Query query, List<Candidate> candidates, Function<String, Item> items, int k, int explainTop,
      UnaryOperator<List<Ranked>> selection) {
    List<Ranked> all = score(r, query, candidates, items);
    List<Ranked> chosen = selection == null ? all.subList(0, Math.min(k, all.size())) : selection.apply(all);
    chosen = chosen.subList(0, Math.min(k, chosen.size()));
    return explain(r, chosen, explainTop);
  }

  /**
   * Every candidate scored by {@code r} (which the caller has {@linkplain #acquire() acquired}),
   * best first (score descending, ties by the candidate's own order), without explanations.
   *
   * @param items catalog lookup by item id; every candidate must resolve
   */
  public List<Ranked> score(Ranker r, Query query, List<Candidate> candidates, Function<String, Item> items) {
    List<float[]> rows = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      rows.add(pipeline.extract(query, c, items.apply(c.itemId())));
    }
    double[] scores = r.score(rows);
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
    List<Ranked> out = new ArrayList<>(order.length);
    for (int j : order) {
      out.add(new Ranked(candidates.get(j), rows.get(j), scores[j], List.of()));
    }
    return List.copyOf(out);
  }

  /** {@code chosen} with each one's {@code explainTop} largest feature contributions under {@code r} (the ranker that scored them). */
  public List<Ranked> explain(Ranker r, List<Ranked> chosen, int explainTop) {
    Checks.atLeast("explainTop", explainTop, 0);
    if (explainTop == 0 || chosen.isEmpty()) {
      return List.copyOf(chosen);
    }
    List<Explanation> why = r.explain(chosen.stream().map(Ranked::features).toList());
    List<Ranked> out = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      Ranked c = chosen.get(i);
      out.add(new Ranked(c.candidate(), c.features(), c.score(), why.get(i).top(explainTop)));
    }
    return out;
  }

  /**
   * Training records for the items of one response, in the order shown (position = index + 1);
   * append them to the training log with {@link TrainingLog#append}.
   */
  public static List<TrainingRecord> logForTraining(String requestId, Query query, List<Ranked> shown) {
    return logForTraining(requestId, query, shown, 1);
  }

  /** As {@link #logForTraining(String, Query, List)} for a page whose first item is shown at {@code firstPosition}. */
  public static List<TrainingRecord> logForTraining(String requestId, Query query, List<Ranked> shown, int firstPosition) {
    Checks.atLeast("first_position", firstPosition, 1);
    List<TrainingRecord> out = new ArrayList<>(shown.size());
    for (int i = 0; i < shown.size(); i++) {
      Ranked r = shown.get(i);
      out.add(new TrainingRecord(requestId, query.text(), query.context().time(), query.context().segment(),
          r.candidate().itemId(), firstPosition + i, r.features()));
    }
    return out;
  }
}
