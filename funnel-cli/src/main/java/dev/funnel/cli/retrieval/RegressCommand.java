package dev.funnel.cli.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.SharedData;
import dev.funnel.retrieval.BeirDataset;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.SearchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code funnel eval regress}: re-runs the retrieval regression files and compares every metric
 * with its expected value and tolerance; exits 1 when any metric is off.
 */
@Command(
    name = "regress",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run retrieval regression files (default: docs/regressions/*.json) and print expected vs actual.",
      "Exits 1 when a metric is outside its tolerance (tolerance ~0 where search is exact, wider for approximate kNN)."
    })
public final class RegressCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", description = "Regression files (JSON).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Option(names = "--index", paramLabel = "DIR", description = "Where indexes are cached, one folder per data set (default: .funnel/eval).")
  Path indexRoot;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    if (files.isEmpty()) {
      Path dir = Path.of("docs", "regressions");
      if (!Files.isDirectory(dir)) {
        throw new InvalidInputException("files", dir, "expected regression files, or run from the project root");
      }
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
    }
    JsonOutput.header("eval regress", Map.of("files", files.stream().map(Path::toString).toList()));
    boolean allOk = true;
    List<Object> results = new ArrayList<>();
    for (Path f : files) {
      Map<String, Object> r = check(f, indexRoot);
      allOk &= (Boolean) r.get("ok");
      results.add(r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", allOk);
    out.put("regressions", results);
    JsonOutput.emit(out, json, System.out);
    return allOk ? 0 : 1;
  }

  private static Map<String, Object> check(Path file, Path indexRoot) throws IOException {
    JsonNode spec = JSON.readTree(file.toFile());
    String data = text(spec, "data", file);
    Path beir = SharedData.resolve(data)
        .orElseThrow(() -> new InvalidInputException(file.toString(), "data", data, "expected a folder under the shared data folder"));
    String split = text(spec, "split", file);
    JsonNode expected = spec.get("expected");
    if (expected == null || !expected.isObject()) {
      throw new InvalidInputException(file.toString(), "expected", expected, "expected an object strategy -> metric -> {value, tolerance}");
    }
    List<String> strategies = new ArrayList<>();
    expected.fieldNames().forEachRemaining(strategies::add);
    BeirDataset dataset = BeirDataset.load(beir, split);
    Map<String, Object> actual;
    Path indexDir = indexRoot == null ? BeirEval.defaultIndex(beir) : indexRoot.resolve(BeirEval.defaultIndex(beir).getFileName());
    try (CatalogIndex index = BeirEval.openOrBuild(beir, indexDir, BeirEval.needsVectors(strategies), false,
        SearchSettings.DEFAULTS)) {
      actual = BeirEval.run(dataset, index, strategies);
    }
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Double>> per = (Map<String, Map<String, Double>>) actual.get("strategies");
    boolean ok = true;
    List<Map<String, Object>> rows = new ArrayList<>();
    System.err.printf(Locale.ROOT, "%s (%s)%n  %-12s %-11s %9s %9s %10s  %s%n", file, text(spec, "command", file),
        "strategy", "metric", "expected", "actual", "tolerance", "result");
    for (String s : strategies) {
      for (Map.Entry<String, JsonNode> m : expected.get(s).properties()) {
        double want = m.getValue().get("value").asDouble();
        double tol = m.getValue().get("tolerance").asDouble();
        Double got = per.get(s).get(m.getKey());
        if (got == null) {
          throw new InvalidInputException(file.toString(), "expected." + s + "." + m.getKey(), m.getKey(), "expected one of " + per.get(s).keySet());
        }
        boolean pass = Math.abs(got - want) <= tol;
        ok &= pass;
        System.err.printf(Locale.ROOT, "  %-12s %-11s %9.4f %9.4f %10.5f  %s%n", s, m.getKey(), want, got, tol, pass ? "ok" : "MISS");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("strategy", s);
        row.put("metric", m.getKey());
        row.put("expected", want);
        row.put("actual", got);
        row.put("tolerance", tol);
        row.put("ok", pass);
        rows.add(row);
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("file", file.toString());
    r.put("ok", ok);
    r.put("checks", rows);
    return r;
  }

  private static String text(JsonNode spec, String field, Path file) {
    JsonNode v = spec.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(file.toString(), field, v, "expected a string");
    }
    return v.asText();
  }
}
