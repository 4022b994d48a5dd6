package dev.funnel.cli.retrieval;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.RankingMetrics;
import dev.funnel.core.metrics.Summary;
import dev.funnel.retrieval.BeirDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A TREC run file ({@code qid Q0 docid rank score tag}, ranks ascending per topic) and its metrics. */
final class TrecRun {
  private TrecRun() {}

  /** Ranked document ids per topic, in file order. */
  static Map<String, List<String>> read(Path file) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    int no = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      if (f.length < 6) {
        throw new InvalidInputException(file + ":" + no, "line", line, "expected 'qid Q0 docid rank score tag'");
      }
      out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[2]);
    }
    return out;
  }

  /**
   * Mean nDCG@10, Recall@100 and MRR@10 over the split's queries (a query without results scores
   * 0), rounded to 4 decimals as the project reports them, and the number of topics in the run.
   */
  static Map<String, Object> metrics(Map<String, List<String>> run, BeirDataset data) {
    int n = data.queries().size();
    double[] ndcg = new double[n];
    double[] recall = new double[n];
    double[] mrr = new double[n];
    int i = 0;
    for (String q : data.queries().keySet()) {
      List<String> ranked = run.getOrDefault(q, List.of());
      Map<String, Integer> grades = data.qrels().get(q);
      ndcg[i] = RankingMetrics.ndcg(ranked, grades, 10);
      recall[i] = RankingMetrics.recall(ranked, grades, 100);
      mrr[i] = RankingMetrics.mrr(ranked, grades, 10);
      i++;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ndcg@10", round4(Summary.mean(ndcg)));
    m.put("recall@100", round4(Summary.mean(recall)));
    m.put("mrr@10", round4(Summary.mean(mrr)));
    m.put("topics", run.size());
    return m;
  }

  private static double round4(double x) {
    return Math.round(x * 1e4) / 1e4;
  }
}
