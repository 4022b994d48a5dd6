package dev.funnel.cli.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.retrieval.BeirDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataTrainingTest {
  @TempDir Path dir;

  @Test
  void theTrainingCorpusIsAValidBeirFolder() throws Exception {
    Path beir = ClassDataTraining.corpus(dir.resolve("beir"));
    BeirDataset data = BeirDataset.load(beir, "test");
    assertEquals(ClassDataTraining.QUERIES, data.queries().size());
    assertEquals(ClassDataTraining.DOCS, Files.readAllLines(beir.resolve("corpus.jsonl")).size());
    List<String> topics = Files.readAllLines(beir.resolve("topics.tsv"));
    assertEquals(ClassDataTraining.QUERIES, topics.size());
    assertTrue(topics.stream().allMatch(t -> t.split("\t").length == 2), "id<TAB>query on every line");
  }

  @Test
  void theWorkloadSucceedsPrintsNothingAndRestoresTheStreams() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(seen, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    int rc;
    try {
      rc = ClassDataTraining.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals(0, rc, "every step of the training workload succeeds");
    assertEquals("", seen.toString(StandardCharsets.UTF_8), "the workload's output goes nowhere");
  }
}
