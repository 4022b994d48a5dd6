package dev.funnel.cli.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.FunnelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDelayedCommandTest {
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
    // Recorded as a result file and re-run through eval regress: the same seed reproduces every metric.
    Path file = tmp.resolve("delayed-small.json");
    java.util.List<String> record = new java.util.ArrayList<>(java.util.List.of("eval", "regress", "--record", file.toString(), "--from", out.toString(),
        "--metric", "/methods/*/auc,/methods/*/pr_auc,/methods/*/nll", "--", "./funnel"));
    record.addAll(java.util.List.of(args).subList(0, args.length - 2));
    assertEquals(0, FunnelCli.commandLine().execute(record.toArray(String[]::new)));
    assertEquals(0, FunnelCli.commandLine().execute("eval", "regress", file.toString()), "the same seed reproduces every metric");
    // A file whose recorded value differs from what the command gives is a miss (exit 1).
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(file.toFile());
    var first = (com.fasterxml.jackson.databind.node.ObjectNode) node.get("expected").get(0);
    String metric = first.get("metric").asText();
    double shifted = first.get("value").asDouble() + 0.01;
    first.put("value", shifted);
    String[] at = metric.substring(1).split("/");
    var parent = (com.fasterxml.jackson.databind.node.ObjectNode) node.get("output").at("/" + String.join("/", java.util.Arrays.copyOf(at, at.length - 1)));
    parent.put(at[at.length - 1], shifted);
    java.nio.file.Files.writeString(file, mapper.writeValueAsString(node));
    assertEquals(1, FunnelCli.commandLine().execute("eval", "regress", file.toString()), "a changed value is a miss");
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
