package dev.funnel.cli.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.cli.FunnelCli;
import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code funnel eval regress}: re-runs the checked-in result files ({@link RegressionFile}) and
 * compares every recorded value with a fresh run of its command; exits 1 when any is off. With
 * {@code --record} it runs a command (or wraps an output it already wrote) into a new file.
 */
@Command(
    name = "regress",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run result files (default: docs/regressions/*.json) and print expected vs actual; exit 1 on any miss.",
      "Exact files must reproduce to the last digit; approximate ones within their tolerances; timing files are",
      "recorded speed figures, validated but re-run only with --timing (and then reported, never failed).",
      "Record a new file: eval regress --record FILE --metric /strategies/*/ndcg@10 -- ./funnel eval retrieval ..."
    })
public final class RegressCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", description = "Result files (JSON), or with --record the command line to record.")
  List<String> files = new ArrayList<>();

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Option(names = "--index", paramLabel = "DIR", description = "Index cache root for commands that take --index: DIR/NAME per file.")
  Path indexRoot;

  @Option(names = "--suite", description = "Re-run only files marked \"suite\": true; validate the others without running them.")
  boolean suiteOnly;

  @Option(names = "--timing", description = "Also re-run timing files and report actual/recorded ratios (never a failure).")
  boolean timing;

  @Option(names = "--record", paramLabel = "FILE", description = "Write a new result file from the command after --.")
  Path record;

  @Option(names = "--from", paramLabel = "OUTPUT", description = "With --record: wrap this existing output JSON instead of running the command.")
  Path from;

  @Option(names = "--metric", split = ",", description = "With --record: JSON pointers to check; * matches any one key (e.g. /strategies/*/ndcg@10).")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--check", defaultValue = "exact", description = "With --record: exact, approximate or timing (default: ${DEFAULT-VALUE}).")
  String check;

  @Option(names = "--tolerance", defaultValue = "0", description = "With --record and --check approximate: the tolerance of every metric.")
  double tolerance;

  @Option(names = "--in-suite", description = "With --record: the test suite re-runs this file.")
  boolean inSuite;

  @Option(names = "--notes", defaultValue = "", description = "With --record: what the figures mean and why the check is what it is.")
  String notes;

  @Option(names = "--index-stats", paramLabel = "POINTER", description = "With --record: where the output holds its index statistics (e.g. /index_statistics).")
  String indexStats;

  @Option(names = "--parameters", paramLabel = "POINTER", description = "With --record: where the output holds its parameters (default: /config, then /settings).")
  String parametersAt;

  static final Path DEFAULT_DIR = Path.of("docs", "regressions");

  @Override
  public Integer call() throws Exception {
    if (record != null) {
      return record();
    }
    List<Path> paths = files.isEmpty() ? defaultFiles() : files.stream().map(Path::of).toList();
    JsonOutput.header("eval regress", Map.of("files", paths.stream().map(Path::toString).toList(), "suite", suiteOnly, "timing", timing));
    boolean allOk = true;
    List<Object> results = new ArrayList<>();
    for (Path f : paths) {
      RegressionFile file = read(f);
      boolean run = file.check() == RegressionFile.Check.TIMING ? timing : (!suiteOnly || file.suite());
      Map<String, Object> r = run ? check(f, file) : skipped(f, file);
      allOk &= (Boolean) r.get("ok");
      results.add(r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", allOk);
    out.put("regressions", results);
    JsonOutput.emit(out, json, System.out);
    return allOk ? 0 : 1;
  }

  /** Every result file under docs/regressions, in name order. */
  static List<Path> defaultFiles() throws IOException {
    if (!Files.isDirectory(DEFAULT_DIR)) {
      throw new InvalidInputException("files", DEFAULT_DIR, "expected result files, or run from the project root");
    }
    try (Stream<Path> s = Files.list(DEFAULT_DIR)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static RegressionFile read(Path f) throws IOException {
    RegressionFile file = RegressionFile.fromJson(f.toString(), JsonOutput.JSON.readTree(f.toFile()));
    String base = f.getFileName().toString().replaceFirst("\\.json$", "");
    if (!base.equals(file.name())) {
      throw new InvalidInputException(f.toString(), "name", file.name(), "expected the file name without .json (" + base + ")");
    }
    return file;
  }

  private Map<String, Object> skipped(Path f, RegressionFile file) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("file", f.toString());
    r.put("check", file.check().name().toLowerCase(Locale.ROOT));
    r.put("ran", false);
    r.put("ok", true);
    r.put("reason", file.check() == RegressionFile.Check.TIMING ? "timing figures are re-run only with --timing" : "not a suite file");
    System.err.printf(Locale.ROOT, "%s: validated, not re-run (%s)%n", f, r.get("reason"));
    return r;
  }

  private Map<String, Object> check(Path f, RegressionFile file) throws IOException {
    System.err.printf(Locale.ROOT, "%s (%s)%n", f, file.command());
    JsonNode actual = run(file.name(), file.arguments());
    boolean ok = true;
    List<Map<String, Object>> rows = new ArrayList<>();
    System.err.printf(Locale.ROOT, "  %-42s %12s %12s %10s  %s%n", "metric", "expected", "actual", "tolerance", "result");
    for (RegressionFile.Expected e : file.expected()) {
      JsonNode got = actual.at(e.metric());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("metric", e.metric());
      row.put("expected", e.value());
      row.put("actual", got.isNumber() ? got.asDouble() : null);
      String result;
      if (!got.isNumber()) {
        result = "MISSING";
        ok = false;
      } else if (file.check() == RegressionFile.Check.TIMING) {
        row.put("ratio", e.value() == 0 ? null : got.asDouble() / e.value());
        result = "recorded";
      } else {
        boolean pass = Math.abs(got.asDouble() - e.value()) <= e.tolerance();
        ok &= pass;
        result = pass ? "ok" : "MISS";
      }
      row.put("tolerance", e.tolerance());
      row.put("result", result);
      rows.add(row);
      System.err.printf(Locale.ROOT, "  %-42s %12.6g %12s %10.2g  %s%n", e.metric(), e.value(),
          got.isNumber() ? String.format(Locale.ROOT, "%.6g", got.asDouble()) : "-", e.tolerance(), result);
    }
    if (file.index() != null) {
      JsonNode stats = actual.at("/index_statistics");
      boolean same = file.index().equals(stats);
      ok &= same;
      System.err.printf(Locale.ROOT, "  %-42s %s%n", "index statistics " + file.index(), same ? "ok" : "MISS: " + stats);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("metric", "/index_statistics");
      row.put("expected", file.index());
      row.put("actual", stats.isMissingNode() ? null : stats);
      row.put("result", same ? "ok" : "MISS");
      rows.add(row);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("file", f.toString());
    r.put("check", file.check().name().toLowerCase(Locale.ROOT));
    r.put("ran", true);
    r.put("ok", ok);
    r.put("checks", rows);
    return r;
  }

  /**
   * Runs a {@code ./funnel} command line in this process and returns the JSON it wrote. Data paths
   * under {@code ../shared/data} resolve to the shared data folder wherever this runs; a command
   * that caches an index gets {@code --index ROOT/NAME} when {@code --index ROOT} was given.
   */
  private JsonNode run(String name, List<String> arguments) throws IOException {
    List<String> args = new ArrayList<>();
    for (String a : arguments) {
      args.add(sharedPath(a));
    }
    CommandLine cl = FunnelCli.commandLine();
    CommandLine sub = cl;
    for (String a : args) {
      CommandLine next = sub.getSubcommands().get(a);
      if (next == null) {
        break;
      }
      sub = next;
    }
    if (indexRoot != null && sub.getCommandSpec().findOption("--index") != null && !args.contains("--index")) {
      args.add("--index");
      args.add(indexRoot.resolve(name).toString());
    }
    Path out = Files.createTempFile("funnel-regress-", ".json");
    try {
      args.add("--json");
      args.add(out.toString());
      PrintStream stdout = System.out;
      int code;
      // The command prints its JSON to standard output too; this command prints only its own.
      try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
        System.setOut(quiet);
        code = cl.execute(args.toArray(String[]::new));
      } finally {
        System.setOut(stdout);
      }
      if (code != 0) {
        throw new IllegalStateException("command failed with exit code " + code + ": " + String.join(" ", args));
      }
      return JsonOutput.JSON.readTree(out.toFile());
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String sharedPath(String arg) {
    String prefix = "../shared/data/";
    if (!arg.startsWith(prefix)) {
      return arg;
    }
    String rel = arg.substring(prefix.length());
    return SharedData.resolve(rel)
        .map(Path::toString)
        .orElseThrow(() -> new InvalidInputException("data", rel, "expected this path under the shared data folder (../shared/data)"));
  }

  private int record() throws IOException {
    if (files.isEmpty() || !files.get(0).equals(RegressionFile.LAUNCHER)) {
      throw new InvalidInputException("command", String.join(" ", files), "expected the command after --, starting with " + RegressionFile.LAUNCHER);
    }
    if (metrics.isEmpty()) {
      throw new InvalidInputException("metric", null, "expected at least one --metric JSON pointer");
    }
    String command = String.join(" ", files);
    String name = record.getFileName().toString().replaceFirst("\\.json$", "");
    List<String> arguments = files.subList(1, files.size());
    JsonNode output = from != null ? JsonOutput.JSON.readTree(from.toFile()) : run(name, arguments);
    RegressionFile.Check c = RegressionFile.Check.parse("--check", check);
    List<RegressionFile.Expected> expected = new ArrayList<>();
    for (String m : metrics) {
      List<String> found = expand(output, m);
      if (found.isEmpty()) {
        throw new InvalidInputException("metric", m, "expected a pointer to a number in the output");
      }
      for (String p : found) {
        expected.add(new RegressionFile.Expected(p, output.at(p).asDouble(), c == RegressionFile.Check.APPROXIMATE ? tolerance : 0));
      }
    }
    List<String> data = new ArrayList<>();
    for (String a : arguments) {
      if (a.startsWith("../shared/data/")) {
        data.add(a.substring("../shared/data/".length()));
      }
    }
    JsonNode params = parametersAt != null ? output.at(parametersAt) : output.has("config") ? output.get("config") : output.get("settings");
    JsonNode stats = indexStats == null ? null : output.at(indexStats);
    RegressionFile file = new RegressionFile(name, command, data, stats == null || stats.isMissingNode() ? null : stats,
        params == null || params.isMissingNode() ? null : params, c, inSuite, notes, expected, output);
    ObjectNode json = file.toJson();
    Files.writeString(record, JsonOutput.JSON.writeValueAsString(json) + "\n");
    System.err.println("funnel: wrote " + record + " with " + expected.size() + " checked values");
    return 0;
  }

  /** Pointers matching {@code pattern}, where a {@code *} segment matches any key; numbers only. */
  static List<String> expand(JsonNode root, String pattern) {
    List<String> out = new ArrayList<>();
    expand(root, "", List.of(pattern.substring(1).split("/", -1)), 0, out);
    return out;
  }

  private static void expand(JsonNode node, String at, List<String> parts, int i, List<String> out) {
    if (i == parts.size()) {
      if (node.isNumber()) {
        out.add(at);
      }
      return;
    }
    String part = parts.get(i);
    if (part.equals("*")) {
      node.properties().forEach(e -> expand(e.getValue(), at + "/" + escape(e.getKey()), parts, i + 1, out));
    } else {
      JsonNode child = node.at("/" + part);
      if (!child.isMissingNode()) {
        expand(child, at + "/" + part, parts, i + 1, out);
      }
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

}
