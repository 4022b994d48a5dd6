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

/**
 * The serving entry point: extracts features for a candidate union with the one
 * {@link FeaturePipeline}, scores them with the current {@link Ranker}, returns the top k with
 * explanations, and turns what was shown into {@link TrainingRecord}s. The ranker can be replaced
 * at any time ({@link #swap}); each request reads it once, so a request never mixes two models.
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

  public RankingService(FeaturePipeline pipeline, Ranker initial) {
    this.pipeline = pipeline;
    pipeline.schema().requireSame(initial.schema(), initial.name());
    this.ranker = new AtomicReference<>(initial);
  }

  public FeatureSchema schema() {
    return pipeline.schema();
  }

  public Ranker ranker() {
    return ranker.get();
  }

  /**
   * Atomically installs {@code next} (which must use the pipeline's schema) and returns the
   * previous ranker. Requests already running finish with the previous one, so release a
   * previous {@link LambdaMartRanker} only after they are done.
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
    Checks.atLeast("k", k, 0);
    Checks.atLeast("explainTop", explainTop, 0);
    Ranker r = ranker.get();
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
    int n = Math.min(k, order.length);
    List<float[]> top = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      top.add(rows.get(order[i]));
    }
    List<Explanation> why = explainTop == 0 || n == 0 ? List.of() : r.explain(top);
    List<Ranked> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int j = order[i];
      out.add(new Ranked(candidates.get(j), rows.get(j), scores[j], why.isEmpty() ? List.of() : why.get(i).top(explainTop)));
    }
    return out;
  }

  /**
   * Training records for the items of one response, in the order shown (position = index + 1);
   * append them to the training log with {@link TrainingLog#append}.
   */
  public static List<TrainingRecord> logForTraining(String requestId, Query query, List<Ranked> shown) {
    List<TrainingRecord> out = new ArrayList<>(shown.size());
    for (int i = 0; i < shown.size(); i++) {
      Ranked r = shown.get(i);
      out.add(new TrainingRecord(requestId, query.text(), query.context().time(), query.context().segment(),
          r.candidate().itemId(), i + 1, r.features()));
    }
    return out;
  }
}
