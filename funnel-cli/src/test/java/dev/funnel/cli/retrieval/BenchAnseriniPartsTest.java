package dev.funnel.cli.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.retrieval.BeirDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchAnseriniPartsTest {
  @TempDir Path dir;

  private BeirDataset data() {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("q1", "first");
    queries.put("q2", "second");
    return new BeirDataset(dir, "test", queries, Map.of("q1", Map.of("d1", 1), "q2", Map.of("d9", 1)));
  }

  @Test
  void runFilesAreScoredPerTopicAndAMissingTopicScoresZero() throws Exception {
    Path run = dir.resolve("run.txt");
    Files.write(run, List.of("q1 Q0 d2 1 3.0 A", "q1 Q0 d1 2 2.0 A", "", "q3 Q0 d1 1 1.0 A"));
    Map<String, List<String>> read = TrecRun.read(run);
    assertEquals(List.of("d2", "d1"), read.get("q1"));
    Map<String, Object> m = TrecRun.metrics(read, data());
    // q1: the relevant document at rank 2 (nDCG 1/log2(3) = 0.6309, MRR 0.5); q2 has no results.
    assertEquals(0.3155, m.get("ndcg@10"));
    assertEquals(0.25, m.get("mrr@10"));
    assertEquals(0.5, m.get("recall@100"));
    assertEquals(2, m.get("topics"));
    Files.write(run, List.of("q1 Q0 d1 1 3.0 A"));
    assertNotEquals(m, TrecRun.metrics(TrecRun.read(run), data()));
  }

  @Test
  void aMalformedRunLineNamesTheFileAndLine() throws Exception {
    Path run = dir.resolve("bad.txt");
    Files.write(run, List.of("q1 Q0 d1 1 3.0 A", "q1 d2"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrecRun.read(run));
    assertTrue(e.getMessage().contains("bad.txt:2"), e.getMessage());
  }

  @Test
  void childCpuGrowsAfterAChildProcessIsReaped() throws Exception {
    Double before = BenchAnseriniCommand.ChildCpu.seconds();
    if (before == null) {
      return; // not Linux: the command reports null CPU seconds with a reason
    }
    Process p = new ProcessBuilder(BenchAnseriniCommand.javaBinary(), "-version").redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertEquals(0, p.waitFor());
    assertTrue(BenchAnseriniCommand.ChildCpu.seconds() > before, "a JVM start costs more than one clock tick of CPU");
  }

  @Test
  void scalingPlotDrawsAPointPerMeasuredFigure() throws Exception {
    Map<String, Object> small = Map.of(
        "config", Map.of("docs", 10000, "vector_index_docs", 10000),
        "indexing", Map.of("text_only_docs_per_s", 2500.0),
        "index_disk", Map.of("text_only_bytes", 4_000_000),
        "latency_ms", Map.of("bm25", Map.of("p50", 0.2, "p99", 2.0), "dense", Map.of("p50", 3.0, "p99", 9.0)));
    Map<String, Object> large = Map.of(
        "config", Map.of("docs", 1000000, "vector_index_docs", 0),
        "indexing", Map.of("text_only_docs_per_s", 4000.0),
        "latency_ms", Map.of("bm25", Map.of("p50", 1.0, "p99", 12.0)));
    Path svg = dir.resolve("plot.svg");
    ScalingPlot.write(List.of(small, large), svg);
    String s = Files.readString(svg);
    assertTrue(s.startsWith("<svg"));
    // bm25 p99 twice, dense p99 once, docs/s twice, bytes/doc once.
    assertEquals(6, s.split("<circle", -1).length - 1);
    assertTrue(s.contains("bm25 p99") && s.contains("text-only docs/s"));
  }
}
