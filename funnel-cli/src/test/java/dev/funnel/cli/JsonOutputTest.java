package dev.funnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Undefined statistics are never printed as NaN: they become null, are listed with a reason, and --strict exits 3. */
class JsonOutputTest {
  @Test
  void nanBecomesNullWithAReason() throws Exception {
    Map<String, Object> auc = new LinkedHashMap<>();
    auc.put("auc", Double.NaN);
    auc.put("ci95", new double[] {Double.NaN, 0.5});
    auc.put("nll", 0.3);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("methods", Map.of("vanilla", auc));
    out.put("gain", Double.POSITIVE_INFINITY);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int undefined = JsonOutput.emit(out, null, new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of("methods", "no test conversions"));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(3, undefined);
    assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    JsonNode r = JsonOutput.JSON.readTree(text);
    assertTrue(r.get("methods").get("vanilla").get("auc").isNull());
    assertEquals(0.3, r.get("methods").get("vanilla").get("nll").asDouble());
    assertEquals(List.of("methods.vanilla.auc", "methods.vanilla.ci95[0]", "gain"),
        r.get("undefined").findValuesAsText("metric"));
    assertEquals("no test conversions", r.get("undefined").get(0).get("reason").asText());
  }

  @Test
  void strictTurnsUndefinedIntoExitCode3() {
    JsonOutput.Strict lenient = new JsonOutput.Strict();
    assertEquals(0, lenient.exitCode(2));
    JsonOutput.Strict strict = new JsonOutput.Strict();
    new CommandLine(new Object() {
      @CommandLine.Mixin JsonOutput.Strict s = strict;
    }).parseArgs("--strict");
    assertEquals(3, strict.exitCode(1));
    assertEquals(0, strict.exitCode(0));
  }
}
