package dev.funnel.retrieval;

import dev.funnel.core.Checks;

/**
 * Search-time parameters of the strategies. Defaults and their sources:
 *
 * <ul>
 *   <li>{@code k1 = 0.9, b = 0.4}: Anserini's BEIR BM25 defaults (SearchCollection), which
 *       reproduce SciFact nDCG@10 0.6789;
 *   <li>{@code popularityWeight = 1.0}: {@code bm25-pop} adds {@code w * ln(1 + popularity)};
 *       with w = 1 an item with 100 reviews gains 4.6, about half a typical matched BM25 score,
 *       so popularity reorders close matches without overruling the text;
 *   <li>{@code rrfK = 60}: reciprocal-rank fusion constant of Cormack, Clarke and Buettcher
 *       (SIGIR 2009), also Elasticsearch's and OpenSearch's default;
 *   <li>{@code fusionDepth}, {@code denseWeight}: how many candidates each list contributes to
 *       hybrid fusion and the dense weight of normalised-score fusion; tuned on the SciFact
 *       train split only (docs/retrieval.md);
 *   <li>{@code knnCandidates = 100}: HNSW beam width at query time ({@code max(k, this)}), as
 *       Lucene's {@code KnnFloatVectorQuery} k; more candidates raise recall at some cost.
 * </ul>
 */
public record SearchSettings(
    double k1, double b, double popularityWeight, int rrfK, int fusionDepth, double denseWeight, int knnCandidates) {

  public static final SearchSettings DEFAULTS = new SearchSettings(0.9, 0.4, 1.0, 10, 200, 0.5, 100);

  public SearchSettings {
    Checks.inRange("k1", k1, 0, 100);
    Checks.inRange("b", b, 0, 1);
    Checks.inRange("popularityWeight", popularityWeight, 0, 64);
    Checks.atLeast("rrfK", rrfK, 1);
    Checks.atLeast("fusionDepth", fusionDepth, 1);
    Checks.inRange("denseWeight", denseWeight, 0, 1);
    Checks.atLeast("knnCandidates", knnCandidates, 1);
  }

  /** The settings for JSON output (configs, health, results), in the snake_case of the rest of the API. */
  public java.util.Map<String, Object> toMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("k1", k1);
    m.put("b", b);
    m.put("popularity_weight", popularityWeight);
    m.put("rrf_k", rrfK);
    m.put("fusion_depth", fusionDepth);
    m.put("dense_weight", denseWeight);
    m.put("knn_candidates", knnCandidates);
    return m;
  }

  public SearchSettings withBm25(double newK1, double newB) {
    return new SearchSettings(newK1, newB, popularityWeight, rrfK, fusionDepth, denseWeight, knnCandidates);
  }

  public SearchSettings withPopularityWeight(double w) {
    return new SearchSettings(k1, b, w, rrfK, fusionDepth, denseWeight, knnCandidates);
  }

  public SearchSettings withFusion(int newRrfK, int depth, double newDenseWeight) {
    return new SearchSettings(k1, b, popularityWeight, newRrfK, depth, newDenseWeight, knnCandidates);
  }

  public SearchSettings withKnnCandidates(int n) {
    return new SearchSettings(k1, b, popularityWeight, rrfK, fusionDepth, denseWeight, n);
  }
}
