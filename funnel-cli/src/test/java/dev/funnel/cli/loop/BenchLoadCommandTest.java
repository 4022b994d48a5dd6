package dev.funnel.cli.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.cli.serve.LoopSettings;
import dev.funnel.assembly.ServerAssembly;
import dev.funnel.core.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLoadCommandTest {
  @TempDir Path dir;

  @Test
  void loopbackOnlyAndAValidatedMix() {
    assertEquals("http://127.0.0.1:8080", BenchLoadCommand.loopback("http://127.0.0.1:8080/").toString());
    assertEquals("--url", assertThrows(InvalidInputException.class, () -> BenchLoadCommand.loopback("http://10.1.2.3:8080")).field());
    assertEquals(Map.of(BenchLoadCommand.Kind.SEARCH, 3.0, BenchLoadCommand.Kind.CLICK, 1.0), BenchLoadCommand.parseMix("search=3, click=1"));
    assertEquals("--mix", assertThrows(InvalidInputException.class, () -> BenchLoadCommand.parseMix("browse=1")).field());
    assertEquals("--mix", assertThrows(InvalidInputException.class, () -> BenchLoadCommand.parseMix("search=0")).field());
  }

  @Test
  void percentilesOfAnIntervalAndUndefinedOnesWithoutAnswers() {
    BenchLoadCommand.Recorder r = new BenchLoadCommand.Recorder(1, 2.0);
    for (int i = 1; i <= 100; i++) {
      r.add(new BenchLoadCommand.Result(BenchLoadCommand.Kind.SEARCH, "200", i));
    }
    r.add(new BenchLoadCommand.Result(BenchLoadCommand.Kind.SEARCH, "503", 1));
    Map<String, Object> m = r.summary();
    assertEquals(101L, m.get("requests"));
    assertEquals(50.5, m.get("throughput_rps"));
    assertEquals(50.5, m.get("p50_ms"));
    assertEquals(99.01, m.get("p99_ms"));
    assertEquals(1L, m.get("errors"));
    BenchLoadCommand.Recorder none = new BenchLoadCommand.Recorder(2, 1.0);
    none.add(new BenchLoadCommand.Result(BenchLoadCommand.Kind.CLICK, "io_error", 3));
    assertNull(none.summary().get("p99_ms"), "undefined, not NaN");
  }

  @Test
  void aShortClosedLoopRunAgainstAServerReportsIntervalsAndRss() throws Exception {
    Path svg = dir.resolve("load.svg");
    JsonNode r = benchLoadAgainstAServer("load.json", "--concurrency", "2", "--minutes", "0.05", "--interval-seconds", "1", "--svg", svg.toString());
    JsonNode total = r.get("total");
    assertTrue(total.get("requests").asLong() > 0, total.toString());
    assertEquals(total.get("requests").asLong(), total.get("statuses").get("200").asLong(), "every request answered 200: " + total);
    assertTrue(r.get("intervals").size() >= 2, r.get("intervals").toString());
    assertTrue(total.get("by_kind").has("click"), "clicks on served results: " + total);
    if (Files.exists(Path.of("/proc/self/status"))) {
      assertTrue(total.get("rss_bytes").asLong() > 0, total.toString());
    }
    // each interval samples the learned state's sizes and bounds and the request ledger
    JsonNode first = r.get("intervals").get(0);
    for (String f : BenchLoadCommand.LOOP_FIELDS) {
      assertTrue(first.has(f), f + " in " + first);
    }
    assertEquals(dev.funnel.memory.MemoryIndex.DEFAULT_MAX_PAIRS, first.get("memory_max_pairs").asLong());
    assertTrue(first.has("load_average_1m"), first.toString());
    String plot = Files.readString(svg);
    assertTrue(plot.startsWith("<svg") && plot.contains("memory index pairs") && plot.contains("request ledger"), plot);
  }

  @Test
  void findSaturationThenInterleavedHighAndLowBlocksInOneRun() throws Exception {
    JsonNode r = benchLoadAgainstAServer("blocks.json", "--find-saturation", "--saturation-clients", "1,2",
      "--saturation-seconds", "1", "--blocks", "4", "--block-seconds", "1");
    JsonNode sat = r.get("saturation");
    assertEquals(2, sat.get("levels").size(), sat.toString());
    double best = sat.get("answered_rps").asDouble();
    assertTrue(best > 0, sat.toString());
    for (JsonNode level : sat.get("levels")) {
      assertTrue(level.get("answered_rps").asDouble() <= best, sat.toString());
    }
    JsonNode blocks = r.get("blocks");
    assertEquals(4, blocks.size(), blocks.toString());
    for (int b = 0; b < 4; b++) {
      JsonNode block = blocks.get(b);
      assertEquals(b % 2 == 0 ? "high" : "low", block.get("load").asText(), "high first, then alternating");
      assertEquals(best * (b % 2 == 0 ? 0.9 : 0.1), block.get("rate_rps").asDouble(), 0.01, block.toString());
      assertTrue(block.has("p99_ms") && block.has("load_average_1m_start") && block.has("load_average_1m_end"), block.toString());
    }
    JsonNode pairs = r.get("pairs");
    assertEquals(2, pairs.size());
    for (JsonNode p : pairs) {
      if (!p.get("ratio").isNull()) {
        assertEquals(p.get("high_p99_ms").asDouble() / p.get("low_p99_ms").asDouble(), p.get("ratio").asDouble(), 0.001, p.toString());
      }
    }
    JsonNode result = r.get("result");
    assertTrue(result.has("median_p99_ratio") && result.has("goal_met") && result.has("load_average_1m_max"), result.toString());
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(new StringWriter(), true));
    assertEquals(2, cl.execute("bench", "load", "--url", "http://127.0.0.1:9", "--find-saturation", "--rate", "5"));
    assertEquals(2, cl.execute("bench", "load", "--url", "http://127.0.0.1:9", "--find-saturation", "--blocks", "3"));
  }

  /** Indexes the small catalog, serves it, runs {@code bench load} against it with {@code args} and reads its JSON. */
  private JsonNode benchLoadAgainstAServer(String json, String... args) throws Exception {
    indexSmallCatalog();
    try (ServerAssembly server = new ServerAssembly(dir.resolve("index"), dir.resolve("events"), dir.resolve("state"), null, null, new LoopSettings().config())) {
      int port = server.start("127.0.0.1", 0);
      StringWriter err = new StringWriter();
      var cl = FunnelCli.commandLine();
      cl.setErr(new PrintWriter(err, true));
      Path out = dir.resolve(json);
      List<String> command = new ArrayList<>(List.of("bench", "load", "--url", "http://127.0.0.1:" + port));
      command.addAll(List.of(args));
      command.addAll(List.of("--queries", dir.resolve("queries.txt").toString(), "--json", out.toString()));
      assertEquals(0, cl.execute(command.toArray(String[]::new)), err.toString());
      return new ObjectMapper().readTree(out.toFile());
    }
  }

  private void indexSmallCatalog() throws java.io.IOException {
    List<String> lines = new ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool"};
    for (int i = 0; i < 40; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[i % 8] + " " + words[(i / 8) % 8] + "\"}");
    }
    Files.write(dir.resolve("c.jsonl"), lines);
    Files.write(dir.resolve("queries.txt"), List.of("red mug", "lamp", "gift card"));
    assertEquals(0, FunnelCli.commandLine().execute("index", "--input", dir.resolve("c.jsonl").toString(), "--index", dir.resolve("index").toString(),
        "--text-fields", "title", "--no-vectors"));
  }
}
