package dev.funnel.cli.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.FunnelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDelayedCommandTest {
  @Test
  void regressionCheckFlagsDifferences(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("expected.json");
    Files.writeString(f, "{\"methods\":{\"vanilla\":{\"auc\":0.7,\"pr_auc\":0.2,\"nll\":0.3,\"ri_auc\":null}}}");
    Map<String, Object> same = new HashMap<>(Map.of("auc", 0.7, "pr_auc", 0.2, "nll", 0.3));
    same.put("ri_auc", null);
    assertEquals(0, EvalDelayedCommand.compare(f, Map.of("vanilla", same)));
    Map<String, Object> other = new HashMap<>(same);
    other.put("auc", 0.71);
    assertEquals(1, EvalDelayedCommand.compare(f, Map.of("vanilla", other)));
  }

  /** A small generated scenario through the command: the JSON shape, RI-AUC's anchors, and a reproducible run. */
  @Test
  void evaluatesASmallGeneratedScenarioAndReproducesIt(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("result.json");
    String[] args = {"eval", "delayed", "--format", "synthetic", "--days", "23", "--clicks-per-day", "800", "--methods", "vanilla,oracle,fnw,esdfm,engagement",
        "--rounds", "20", "--bootstrap", "20", "--seed", "3", "--json", out.toString()};
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute(args), err.toString());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
    var methods = json.get("methods");
    for (String m : java.util.List.of("vanilla", "oracle", "fnw", "esdfm", "engagement")) {
      for (String metric : java.util.List.of("auc", "pr_auc", "nll", "ri_auc")) {
        assertTrue(methods.get(m).has(metric), m + " " + metric + " in " + methods);
      }
      double auc = methods.get(m).get("auc").asDouble();
      assertTrue(auc > 0.5 && auc < 1, m + " auc " + auc);
    }
    assertTrue(methods.get("vanilla").get("ri_auc").isNull() && methods.get("oracle").get("ri_auc").isNull(), "the anchors have no RI-AUC");
    double vanilla = methods.get("vanilla").get("auc").asDouble();
    double oracle = methods.get("oracle").get("auc").asDouble();
    for (String m : java.util.List.of("fnw", "esdfm", "engagement")) {
      double expected = (methods.get(m).get("auc").asDouble() - vanilla) / (oracle - vanilla);
      assertEquals(expected, methods.get(m).get("ri_auc").asDouble(), 1e-9, m + ": RI-AUC = (AUC - AUC_vanilla) / (AUC_oracle - AUC_vanilla)");
      assertEquals(2, methods.get(m).get("ri_auc_ci95").size());
    }
    String[] check = java.util.Arrays.copyOf(args, args.length);
    check[check.length - 2] = "--check";
    assertEquals(0, FunnelCli.commandLine().execute(check), "the same seed reproduces every metric");
  }

  @Test
  void badOptionsNameTheOption() {
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("eval", "delayed", "--format", "criteo"));
    assertTrue(err.toString().contains("--format"), err.toString());
    assertEquals(2, cl.execute("eval", "delayed", "--format", "talkingdata"));
    assertTrue(err.toString().contains("--data"), err.toString());
    assertEquals(2, cl.execute("eval", "delayed", "--format", "synthetic", "--window", "soon"));
    assertTrue(err.toString().contains("--window"), err.toString());
  }
}
