package dev.funnel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Machine-readable results: pretty JSON on standard output and, when asked, in a file. */
public final class JsonOutput {
  public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  /**
   * Writes the result. Statistics that are undefined (NaN or infinite numbers) are never printed
   * as such: each becomes {@code null}, is listed under {@code "undefined"} (path and reason) and
   * is named in a warning on standard error.
   *
   * @return how many values were undefined (see {@link Strict#exitCode})
   */
  public static int emit(Object result, Path file, PrintStream out) throws IOException {
    return emit(result, file, out, Map.of());
  }

  /**
   * As {@link #emit(Object, Path, PrintStream)}; {@code reasons} maps a path prefix (e.g. {@code
   * "methods"}) to why values under it are undefined (e.g. no test conversions).
   */
  public static int emit(Object result, Path file, PrintStream out, Map<String, String> reasons) throws IOException {
    JsonNode tree = JSON.valueToTree(result);
    List<String> undefined = new ArrayList<>();
    tree = sanitise(tree, "", undefined);
    if (!undefined.isEmpty() && tree instanceof ObjectNode o) {
      ArrayNode list = o.putArray("undefined");
      for (String path : undefined) {
        String reason = reasonFor(path, reasons);
        list.addObject().put("metric", path).put("reason", reason);
        System.err.println("warning: " + path + " is undefined (" + reason + "); reported as null");
      }
    }
    String text = JSON.writeValueAsString(tree);
    out.println(text);
    if (file != null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text + "\n");
    }
    return undefined.size();
  }

  private static String reasonFor(String path, Map<String, String> reasons) {
    String best = null;
    for (String prefix : reasons.keySet()) {
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best != null ? reasons.get(best) : "not computable from this data, e.g. no positives, one class or one query";
  }

  private static JsonNode sanitise(JsonNode n, String path, List<String> undefined) {
    if (n.isNumber() && (n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      undefined.add(path.isEmpty() ? "result" : path);
      return NullNode.getInstance();
    }
    if (n instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String k : names) {
        o.set(k, sanitise(o.get(k), path.isEmpty() ? k : path + "." + k, undefined));
      }
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, sanitise(a.get(i), path + "[" + i + "]", undefined));
      }
    }
    return n;
  }

  /** {@code --strict}: exit with {@value #UNDEFINED_EXIT} when a reported metric is undefined. */
  public static final class Strict {
    public static final int UNDEFINED_EXIT = 3;

    @picocli.CommandLine.Option(names = "--strict",
        description = "Exit with code 3 when a metric is undefined (no positives, one class, one query); without it a warning is printed and the metric is null.")
    boolean strict;

    /** 0 when nothing was undefined or not strict; {@value #UNDEFINED_EXIT} otherwise. */
    public int exitCode(int undefined) {
      if (undefined > 0 && strict) {
        System.err.println("--strict: " + undefined + " undefined metric(s); exit code " + UNDEFINED_EXIT);
        return UNDEFINED_EXIT;
      }
      return 0;
    }

    public boolean on() {
      return strict;
    }
  }

  /** Prints the seed and configuration of a run to standard error, so any run can be repeated. */
  public static void header(String command, Object config) {
    try {
      System.err.println("funnel " + command + " config: " + new ObjectMapper().writeValueAsString(config));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
