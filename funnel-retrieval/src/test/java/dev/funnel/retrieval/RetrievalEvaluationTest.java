package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalEvaluationTest {
  /** Returns a fixed ranking per query text. */
  private record Fixed(Map<String, List<String>> rankings) implements Retriever {
    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public List<Candidate> retrieve(Query query, int k) {
      List<String> ids = rankings.get(query.text());
      return java.util.stream.IntStream.range(0, Math.min(k, ids.size()))
          .mapToObj(i -> Candidate.of(ids.get(i), "fixed", 10 - i, i + 1)).toList();
    }
  }

  @Test
  void meansOfTrecEvalMetricsByHand() {
    BeirDataset data = new BeirDataset(Path.of("x"), "test",
        Map.of("q1", "first", "q2", "second"),
        Map.of("q1", Map.of("a", 2, "b", 1), "q2", Map.of("z", 1)));
    Retriever r = new Fixed(Map.of("first", List.of("b", "c", "a"), "second", List.of("c", "d")));
    RetrievalEvaluation.Result res = RetrievalEvaluation.evaluate(r, data);
    // q1: DCG = 1/log2(2) + 2/log2(4) = 2; IDCG = 2 + 1/log2(3); q2: nothing relevant found -> 0.
    double q1 = 2.0 / (2.0 + 1.0 / (Math.log(3) / Math.log(2)));
    assertEquals(q1 / 2, res.ndcg10(), 1e-12);
    assertEquals(0.5, res.recall100(), 1e-12);
    assertEquals(0.5, res.mrr10(), 1e-12);
    assertEquals(2, res.queries());
  }
}
