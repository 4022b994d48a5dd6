package dev.funnel.cli.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RetrievalCommandsTest {
  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    CommandLine cl = FunnelCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, err.toString());
  }

  @Test
  void indexReportsSkippedRecordsOrStopsNamingTheLine() throws Exception {
    Path input = tmp.resolve("catalog.jsonl");
    Files.write(input, List.of(
        "{\"sku\": \"a\", \"name\": \"red mug\", \"brand\": \"Acme\", \"price\": 3}",
        "{\"sku\": \"b\", \"name\": \"blue lamp\", \"price\": \"cheap\"}",
        "{\"sku\": \"c\", \"name\": \"green chair\", \"sales\": 12}"));
    Path out = tmp.resolve("out.json");
    Run strict = run("index", "--input", input.toString(), "--index", tmp.resolve("idx").toString(), "--id-field", "sku",
        "--text-fields", "name", "--keyword-fields", "brand", "--numeric-fields", "price", "--no-vectors");
    assertEquals(2, strict.code(), strict.err());
    assertTrue(strict.err().contains(input + ":2: price: expected a number, got \"cheap\""), strict.err());
    Run lenient = run("index", "--input", input.toString(), "--index", tmp.resolve("idx").toString(), "--id-field", "sku",
        "--text-fields", "name", "--keyword-fields", "brand", "--numeric-fields", "price", "--popularity-field", "sales",
        "--no-vectors", "--skip-bad", "--json", out.toString());
    assertEquals(0, lenient.code(), lenient.err());
    JsonNode r = JSON.readTree(out.toFile());
    assertEquals(2, r.get("items").asInt());
    assertEquals(1, r.get("skipped").asInt());
    assertEquals(1, r.get("skipped_by_reason").get("price: expected a number").asInt());
  }

  @Test
  void repeatedIdsAreUpdatesTheLastRecordWinsAndAreCounted() throws Exception {
    Path input = tmp.resolve("repeats.jsonl");
    Files.write(input, List.of(
        "{\"id\": \"a\", \"title\": \"red mug\"}",
        "{\"id\": \"b\", \"title\": \"blue lamp\"}",
        "{\"id\": \"a\", \"title\": \"green teapot\"}",
        "{\"id\": \"a\", \"title\": \"yellow teapot\"}"));
    Path out = tmp.resolve("repeats.json");
    Path idx = tmp.resolve("idx-repeats");
    Run r = run("index", "--input", input.toString(), "--index", idx.toString(), "--text-fields", "title", "--no-vectors", "--json", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(out.toFile());
    assertEquals(2, j.get("items").asInt());
    assertEquals(2, j.get("repeated_ids").asInt());
    assertEquals(4, j.get("records").asInt());
    try (dev.funnel.retrieval.CatalogIndex index = dev.funnel.retrieval.CatalogIndex.open(idx)) {
      assertEquals("yellow teapot", index.item("a").orElseThrow().text().get("title"));
      assertEquals(2, index.size());
    }
  }

  @Test
  void evalRetrievalOnATinyBeirFolder() throws Exception {
    Path beir = Files.createDirectories(tmp.resolve("tiny"));
    Files.createDirectories(beir.resolve("qrels"));
    Files.write(beir.resolve("corpus.jsonl"), List.of(
        "{\"_id\": \"d1\", \"title\": \"Aspirin\", \"text\": \"Aspirin reduces the risk of heart attack.\"}",
        "{\"_id\": \"d2\", \"title\": \"Coffee\", \"text\": \"Coffee consumption and sleep quality.\"}",
        "{\"_id\": \"d3\", \"title\": \"Exercise\", \"text\": \"Exercise improves sleep.\"}"));
    Files.write(beir.resolve("queries.jsonl"), List.of(
        "{\"_id\": \"q1\", \"text\": \"does aspirin prevent heart attacks\"}",
        "{\"_id\": \"q2\", \"text\": \"what helps sleep\"}"));
    Files.write(beir.resolve("qrels/test.tsv"), List.of("query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td3\t1"));
    Path out = tmp.resolve("eval.json");
    Run r = run("eval", "retrieval", "--beir", beir.toString(), "--strategies", "bm25", "--index", tmp.resolve("cache").toString(),
        "--json", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(out.toFile());
    assertEquals("tiny", j.get("dataset").asText());
    assertEquals("test", j.get("split").asText());
    assertEquals(2, j.get("queries").asInt());
    JsonNode bm25 = j.get("strategies").get("bm25");
    assertEquals(1.0, bm25.get("recall@100").asDouble(), 1e-12);
    assertEquals(1.0, bm25.get("mrr@10").asDouble(), 1e-12, "d1 first for q1; d3 first for q2 (sleep ties, d3 shorter)");
    for (String key : List.of("ndcg@10", "latency_ms_p50", "latency_ms_p99")) {
      assertTrue(bm25.has(key), key);
    }
    Run bad = run("eval", "retrieval", "--beir", beir.toString(), "--strategies", "nope", "--index", tmp.resolve("cache").toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("strategies"), bad.err());
  }
}
