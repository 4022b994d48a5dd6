package dev.funnel.cli.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One checked-in result, in the one format every result file of the project uses (after
 * Anserini's regression files): the command that produced it, the data it read, the index
 * statistics and parameters it ran with, the values it must reproduce, and the whole output of the
 * recorded run.
 *
 * <pre>{@code
 * {"format_version": 1, "kind": "funnel-regression", "name": "scifact-test",
 *  "command": "./funnel eval retrieval --beir ../shared/data/beir/scifact --split test",
 *  "data": ["beir/scifact"], "index": {"docs": 5183, ...}, "parameters": {...},
 *  "check": "exact", "suite": true, "notes": "...",
 *  "expected": [{"metric": "/strategies/bm25/ndcg@10", "value": 0.6789..., "tolerance": 0}],
 *  "output": {...}}
 * }</pre>
 *
 * @param name a short name, also the file name without {@code .json}
 * @param command the command line, starting with {@code ./funnel}, with data paths under {@code
 *     ../shared/data}
 * @param data the shared data folders or files it reads (empty: generated data only)
 * @param index statistics of the index it searched ({@code null}: no index)
 * @param parameters analyzer, model and run parameters as recorded (free form)
 * @param check {@link Check#EXACT}: the values reproduce to the last digit; {@link
 *     Check#APPROXIMATE}: within the tolerances given; {@link Check#TIMING}: speed figures, which
 *     depend on the machine and are recorded, not checked
 * @param suite whether the test suite re-runs it (fast enough for every build)
 * @param notes what the figures mean and why each tolerance is what it is
 * @param expected the checked values, as JSON pointers into the output
 * @param output the whole JSON output of the recorded run
 */
public record RegressionFile(
    String name,
    String command,
    List<String> data,
    JsonNode index,
    JsonNode parameters,
    Check check,
    boolean suite,
    String notes,
    List<Expected> expected,
    JsonNode output) {

  public static final int FORMAT_VERSION = 1;
  public static final String KIND = "funnel-regression";
  public static final String LAUNCHER = "./funnel";

  /** How the expected values are checked. */
  public enum Check {
    EXACT,
    APPROXIMATE,
    TIMING;

    static Check parse(String where, String s) {
      for (Check c : values()) {
        if (c.name().equalsIgnoreCase(s)) {
          return c;
        }
      }
      throw new InvalidInputException(where, "check", s, "expected exact, approximate or timing");
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One checked value.
   *
   * @param metric a JSON pointer into the output, e.g. {@code /strategies/bm25/ndcg@10}
   * @param value the recorded value
   * @param tolerance the largest accepted difference (0 for exact checks)
   */
  public record Expected(String metric, double value, double tolerance) {
    public Expected {
      if (metric == null || !metric.startsWith("/")) {
        throw new InvalidInputException("expected.metric", metric, "expected a JSON pointer such as /strategies/bm25/ndcg@10");
      }
      if (!Double.isFinite(value)) {
        throw new InvalidInputException("expected" + metric, value, "expected a finite number");
      }
      if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
        throw new InvalidInputException("expected" + metric + ".tolerance", tolerance, "expected a finite number >= 0");
      }
    }
  }

  public RegressionFile {
    nonBlank("name", name);
    nonBlank("command", command);
    if (!command.startsWith(LAUNCHER + " ")) {
      throw new InvalidInputException(name, "command", command, "expected a command line starting with " + LAUNCHER);
    }
    data = List.copyOf(data == null ? List.of() : data);
    if (check == null) {
      throw new InvalidInputException(name, "check", null, "expected exact, approximate or timing");
    }
    notes = notes == null ? "" : notes;
    expected = List.copyOf(expected == null ? List.of() : expected);
    if (expected.isEmpty()) {
      throw new InvalidInputException(name, "expected", "[]", "expected at least one value to check");
    }
    if (output == null || !output.isObject()) {
      throw new InvalidInputException(name, "output", output, "expected the JSON object the command printed");
    }
    for (Expected e : expected) {
      if (check == Check.EXACT && e.tolerance() != 0) {
        throw new InvalidInputException(name, "expected" + e.metric() + ".tolerance", e.tolerance(), "expected 0 for an exact check");
      }
      JsonNode recorded = output.at(e.metric());
      if (!recorded.isNumber() || recorded.asDouble() != e.value()) {
        throw new InvalidInputException(name, "expected" + e.metric(), e.value(), "expected the value recorded in output (" + recorded + ")");
      }
    }
    if (suite && check == Check.TIMING) {
      throw new InvalidInputException(name, "suite", true, "expected false for timing figures: they are not checked");
    }
  }

  /** The command's arguments after {@code ./funnel}. */
  public List<String> arguments() {
    List<String> out = new ArrayList<>();
    for (String a : command.substring(LAUNCHER.length()).trim().split("\\s+")) {
      out.add(a);
    }
    return out;
  }

  /** Reads and validates a file's JSON; {@code where} names the file in messages. */
  public static RegressionFile fromJson(String where, JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new InvalidInputException(where, "", n, "expected a JSON object");
    }
    if (n.path("format_version").asInt(-1) != FORMAT_VERSION) {
      throw new InvalidInputException(where, "format_version", n.get("format_version"), "expected " + FORMAT_VERSION);
    }
    if (!KIND.equals(n.path("kind").asText(null))) {
      throw new InvalidInputException(where, "kind", n.get("kind"), "expected \"" + KIND + "\"");
    }
    List<String> data = new ArrayList<>();
    n.path("data").forEach(d -> data.add(d.asText()));
    List<Expected> expected = new ArrayList<>();
    for (JsonNode e : n.path("expected")) {
      JsonNode value = e.get("value");
      if (value == null || !value.isNumber()) {
        throw new InvalidInputException(where, "expected" + e.path("metric").asText(""), value, "expected a number");
      }
      expected.add(new Expected(e.path("metric").asText(null), value.asDouble(), e.path("tolerance").asDouble(0)));
    }
    JsonNode index = n.get("index");
    try {
      return new RegressionFile(
          n.path("name").asText(null),
          n.path("command").asText(null),
          data,
          index == null || index.isNull() ? null : index,
          n.get("parameters"),
          Check.parse(where, n.path("check").asText("")),
          n.path("suite").asBoolean(false),
          n.path("notes").asText(""),
          expected,
          n.get("output"));
    } catch (InvalidInputException e) {
      throw e.at(where);
    }
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("format_version", FORMAT_VERSION);
    n.put("kind", KIND);
    n.put("name", name);
    n.put("command", command);
    data.forEach(n.putArray("data")::add);
    n.set("index", index);
    n.set("parameters", parameters);
    n.put("check", check.key());
    n.put("suite", suite);
    n.put("notes", notes);
    var arr = n.putArray("expected");
    for (Expected e : expected) {
      ObjectNode o = arr.addObject();
      o.put("metric", e.metric());
      o.put("value", e.value());
      o.put("tolerance", e.tolerance());
    }
    n.set("output", output);
    return n;
  }

  private static void nonBlank(String field, String v) {
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(field, v, "expected a non-blank string");
    }
  }
}
