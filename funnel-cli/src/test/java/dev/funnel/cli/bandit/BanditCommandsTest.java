package dev.funnel.cli.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.core.util.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BanditCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Path obd(String policy) {
    var p = SharedData.resolve("bandit/obd/" + policy + "/men/men.csv");
    Assumptions.assumeTrue(p.isPresent(), "shared data folder absent");
    return p.get();
  }

  @Test
  void opeOnObdWritesTheDocumentedJson(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("ope.json");
    int code =
        FunnelCli.commandLine()
            .execute("eval", "ope", "--logs", obd("random").toString(), "--policy", "bts", "--bts-log", obd("bts").toString(), "--resamples", "200", "--seed", "1", "--json", out.toString());
    assertEquals(0, code);
    JsonNode r = JSON.readTree(out.toFile());
    for (String e : new String[] {"ips", "snips", "dr"}) {
      JsonNode est = r.path("estimators").path(e);
      assertTrue(est.path("estimate").isNumber(), e);
      assertEquals(2, est.path("ci95").size(), e);
    }
    assertEquals(0.0069, r.path("on_policy").asDouble(), 1e-12);
    assertEquals("bts", r.path("policy").asText());
    assertEquals(10_000, r.path("rounds").asInt());
  }

  @Test
  void simulationLogAndStateFeedFunnelFormatOpe(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("random.jsonl");
    Path state = dir.resolve("linucb.json");
    Path frozen = dir.resolve("frozen.jsonl");
    Path sim = dir.resolve("sim.json");
    int code =
        FunnelCli.commandLine()
            .execute("eval", "bandit-sim", "--rounds", "600", "--policies", "random,linucb", "--log", log.toString(), "--save-state", state.toString(), "--frozen-rounds", "600", "--frozen-log", frozen.toString(), "--json", sim.toString());
    assertEquals(0, code);
    JsonNode s = JSON.readTree(sim.toFile());
    assertTrue(s.path("policies").path("linucb").path("regret").asDouble() < s.path("policies").path("random").path("regret").asDouble());
    Path ope = dir.resolve("ope.json");
    code = FunnelCli.commandLine().execute("eval", "ope", "--logs", log.toString(), "--policy", state.toString(), "--on-policy-logs", frozen.toString(), "--resamples", "200", "--json", ope.toString());
    assertEquals(0, code);
    JsonNode r = JSON.readTree(ope.toFile());
    assertEquals("funnel", r.path("format").asText());
    assertEquals(600, r.path("rounds").asInt());
    assertTrue(r.path("on_policy").isNumber());
  }

  @Test
  void badOptionsExitWithTwoAndNameTheOption() {
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("eval", "ope", "--logs", obd("random").toString(), "--policy", "bts");
    assertEquals(2, code);
    assertTrue(err.toString().contains("--bts-log"), err.toString());
  }
}
