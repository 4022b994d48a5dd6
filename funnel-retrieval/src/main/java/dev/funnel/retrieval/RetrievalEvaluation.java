package dev.funnel.retrieval;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.core.metrics.RankingMetrics;
import dev.funnel.core.metrics.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every query of a BEIR split through a retriever, one at a time, and reports the mean
 * nDCG@10, Recall@100 and MRR@10 (trec_eval conventions, {@link RankingMetrics}) and the query
 * latency percentiles in milliseconds. Each query asks for {@link #DEPTH} results.
 */
public final class RetrievalEvaluation {
  /** Results per query: enough for Recall@100. */
  public static final int DEPTH = 100;

  private RetrievalEvaluation() {}

  /** Metrics of one strategy over a split. */
  public record Result(double ndcg10, double recall100, double mrr10, double latencyP50, double latencyP99, int queries) {
    /** The JSON shape of {@code funnel eval retrieval}. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ndcg@10", ndcg10);
      m.put("recall@100", recall100);
      m.put("mrr@10", mrr10);
      m.put("latency_ms_p50", latencyP50);
      m.put("latency_ms_p99", latencyP99);
      return m;
    }
  }

  public static Result evaluate(Retriever retriever, BeirDataset data) {
    int n = data.queries().size();
    double[] ndcg = new double[n];
    double[] recall = new double[n];
    double[] mrr = new double[n];
    double[] millis = new double[n];
    int i = 0;
    for (Map.Entry<String, String> q : data.queries().entrySet()) {
      long t0 = System.nanoTime();
      List<Candidate> hits = retriever.retrieve(Query.of(q.getValue()), DEPTH);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      List<String> ranked = new ArrayList<>(hits.size());
      hits.forEach(c -> ranked.add(c.itemId()));
      Map<String, Integer> grades = data.qrels().get(q.getKey());
      ndcg[i] = RankingMetrics.ndcg(ranked, grades, 10);
      recall[i] = RankingMetrics.recall(ranked, grades, 100);
      mrr[i] = RankingMetrics.mrr(ranked, grades, 10);
      i++;
    }
    return new Result(
        Summary.mean(ndcg), Summary.mean(recall), Summary.mean(mrr), Summary.percentile(millis, 50), Summary.percentile(millis, 99), n);
  }
}
