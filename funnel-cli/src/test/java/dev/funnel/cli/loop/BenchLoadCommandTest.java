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
    List<String> lines = new ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool"};
    for (int i = 0; i < 40; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[i % 8] + " " + words[(i / 8) % 8] + "\"}");
    }
    Files.write(dir.resolve("c.jsonl"), lines);
    Files.write(dir.resolve("queries.txt"), List.of("red mug", "lamp", "gift card"));
    assertEquals(0, FunnelCli.commandLine().execute("index", "--input", dir.resolve("c.jsonl").toString(), "--index", dir.resolve("index").toString(),
        "--text-fields", "title", "--no-vectors"));
    try (ServerAssembly server = new ServerAssembly(dir.resolve("index"), dir.resolve("events"), dir.resolve("state"), null, null, new LoopSettings().config())) {
      int port = server.start("127.0.0.1", 0);
      StringWriter err = new StringWriter();
      var cl = FunnelCli.commandLine();
      cl.setErr(new PrintWriter(err, true));
      Path out = dir.resolve("load.json");
      Path svg = dir.resolve("load.svg");
      assertEquals(0, cl.execute("bench", "load", "--url", "http://127.0.0.1:" + port, "--concurrency", "2", "--minutes", "0.05",
          "--interval-seconds", "1", "--queries", dir.resolve("queries.txt").toString(), "--json", out.toString(), "--svg", svg.toString()), err.toString());
      JsonNode r = new ObjectMapper().readTree(out.toFile());
      JsonNode total = r.get("total");
      assertTrue(total.get("requests").asLong() > 0, total.toString());
      assertEquals(total.get("requests").asLong(), total.get("statuses").get("200").asLong(), "every request answered 200: " + total);
      assertTrue(r.get("intervals").size() >= 2, r.get("intervals").toString());
      assertTrue(total.get("by_kind").has("click"), "clicks on served results: " + total);
      if (Files.exists(Path.of("/proc/self/status"))) {
        assertTrue(total.get("rss_bytes").asLong() > 0, total.toString());
      }
      assertTrue(Files.readString(svg).startsWith("<svg"));
    }
  }
}
