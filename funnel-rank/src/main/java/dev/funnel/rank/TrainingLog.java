package dev.funnel.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A training log: the feature schema and the records logged under it. On disk, JSON lines: a
 * header {@code {"format": "funnel-training-log", "format_version": 1, "schema": {"version": 1,
 * "names": [...]}}} then one record per line {@code {"request_id", "query", "time", "segment",
 * "item_id", "position", "features": [...]}}. Errors name {@code file:line} and the field.
 */
public record TrainingLog(FeatureSchema schema, List<TrainingRecord> records) {
  public static final String FORMAT = "funnel-training-log";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  public TrainingLog {
    records = List.copyOf(records);
    for (int i = 0; i < records.size(); i++) {
      schema.requireRow(records.get(i).features(), "records[" + i + "].features");
    }
  }

  /** The header line for a new log file. */
  public static String headerLine(FeatureSchema schema) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("format_version", FORMAT_VERSION);
    ObjectNode s = o.putObject("schema");
    s.put("version", schema.version());
    ArrayNode n = s.putArray("names");
    schema.names().forEach(n::add);
    return o.toString();
  }

  /** One record as a JSON line (without the newline). */
  public static String recordLine(TrainingRecord r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", r.requestId());
    o.put("query", r.query());
    if (r.time() != null) {
      o.put("time", r.time().toString());
    }
    if (r.segment() != null) {
      o.put("segment", r.segment());
    }
    o.put("item_id", r.itemId());
    o.put("position", r.position());
    ArrayNode f = o.putArray("features");
    for (float v : r.features()) {
      f.add(v);
    }
    return o.toString();
  }

  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (var w = Files.newBufferedWriter(file)) {
      w.write(headerLine(schema));
      w.write('\n');
      for (TrainingRecord r : records) {
        w.write(recordLine(r));
        w.write('\n');
      }
    }
  }

  /**
   * Appends records to a log file, creating it with its header when it does not exist or is
   * empty; an existing file must have been written under the same schema. Not synchronised:
   * callers serialise appends to one file.
   */
  public static void append(Path file, FeatureSchema schema, List<TrainingRecord> records) throws IOException {
    for (int i = 0; i < records.size(); i++) {
      schema.requireRow(records.get(i).features(), "records[" + i + "].features");
    }
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    if (!fresh) {
      String first;
      try (BufferedReader in = Files.newBufferedReader(file)) {
        first = in.readLine();
      }
      schema.requireSame(header(parse(first, file + ":1"), file + ":1"), file.toString());
    } else {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    }
    StringBuilder sb = new StringBuilder();
    if (fresh) {
      sb.append(headerLine(schema)).append('\n');
    }
    for (TrainingRecord r : records) {
      sb.append(recordLine(r)).append('\n');
    }
    Files.writeString(file, sb, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  /** The schema in the header line {@code first} of {@code file}. */
  static FeatureSchema header(Path file, String first) {
    if (first == null) {
      throw new InvalidInputException(file + ":1", "header", null, "expected a training log header line");
    }
    return header(parse(first, file + ":1"), file + ":1");
  }

  /**
   * Reads a log. A last line cut short by a crash of the writer (no final newline, not JSON) is
   * skipped; any other bad line fails naming the file, line and field.
   */
  public static TrainingLog read(Path file) throws IOException {
    boolean endsWithNewline = dev.funnel.core.util.LineAppender.endsCleanly(file);
    try (BufferedReader in = Files.newBufferedReader(file)) {
      FeatureSchema schema = header(file, in.readLine());
      List<TrainingRecord> records = new ArrayList<>();
      String line;
      String next = in.readLine();
      int no = 1;
      while ((line = next) != null) {
        next = in.readLine();
        no++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + no;
        JsonNode json;
        try {
          json = parse(line, where);
        } catch (InvalidInputException e) {
          if (next == null && !endsWithNewline) {
            break; // a torn last line
          }
          throw e;
        }
        TrainingRecord r = record(json, where);
        if (r.features().length != schema.size()) {
          throw new InvalidInputException(where, "features", r.features().length + " values", "expected " + schema.size() + " as in the header schema");
        }
        records.add(r);
      }
      return new TrainingLog(schema, records);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The schema of a header line; errors name {@code where}. */
  public static FeatureSchema parseHeader(String line, String where) {
    if (line == null) {
      throw new InvalidInputException(where, "header", null, "expected a training log header line");
    }
    return header(parse(line, where), where);
  }

  /**
   * One record line under {@code schema}; errors name {@code where} and the field. The reader
   * above and offline jobs that read the log line by line parse with this.
   */
  public static TrainingRecord parseRecord(String line, String where, FeatureSchema schema) {
    TrainingRecord r = record(parse(line, where), where);
    if (r.features().length != schema.size()) {
      throw new InvalidInputException(where, "features", r.features().length + " values", "expected " + schema.size() + " as in the header schema");
    }
    return r;
  }

  /** Whether {@code line} is JSON at all (a torn last line is not). */
  public static boolean isJson(String line) {
    try {
      JSON.readTree(line);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static JsonNode parse(String line, String where) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new InvalidInputException(where, "line", line, "expected one JSON object");
    }
  }

  private static FeatureSchema header(JsonNode o, String where) {
    if (!FORMAT.equals(o.path("format").asText())) {
      throw new InvalidInputException(where, "format", o.path("format").asText(null), "expected \"" + FORMAT + "\" (is this a training log?)");
    }
    if (o.path("format_version").asInt(-1) != FORMAT_VERSION) {
      throw new InvalidInputException(where, "format_version", o.path("format_version").asText(null), "expected " + FORMAT_VERSION);
    }
    List<String> names = new ArrayList<>();
    o.path("schema").path("names").forEach(n -> names.add(n.asText()));
    try {
      return new FeatureSchema(o.path("schema").path("version").asInt(0), names);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, "schema." + e.field(), e.value(), "expected a valid feature schema");
    }
  }

  private static TrainingRecord record(JsonNode o, String where) {
    if (!o.isObject()) {
      throw new InvalidInputException(where, "record", o.toString(), "expected a JSON object");
    }
    JsonNode f = o.get("features");
    if (f == null || !f.isArray()) {
      throw new InvalidInputException(where, "features", f == null ? null : f.toString(), "expected an array of numbers");
    }
    float[] x = new float[f.size()];
    for (int i = 0; i < x.length; i++) {
      if (!f.get(i).isNumber()) {
        throw new InvalidInputException(where, "features[" + i + "]", f.get(i).isTextual() ? f.get(i).asText() : f.get(i).toString(), "expected a number");
      }
      x[i] = (float) f.get(i).asDouble();
    }
    JsonNode pos = o.get("position");
    if (pos == null || !pos.isIntegralNumber()) {
      throw new InvalidInputException(where, "position", pos == null ? null : pos.toString(), "expected an integer >= 1");
    }
    Instant time = null;
    if (o.hasNonNull("time")) {
      try {
        time = Instant.parse(o.get("time").asText());
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(where, "time", o.get("time").asText(), "expected an ISO-8601 instant");
      }
    }
    try {
      return new TrainingRecord(o.path("request_id").asText(null), o.path("query").asText(null), time,
          o.path("segment").asText(null), o.path("item_id").asText(null), pos.asInt(), x);
    } catch (InvalidInputException e) {
      String m = e.getMessage();
      int from = m.indexOf(": ") + 2;
      int to = m.lastIndexOf(", got ");
      throw new InvalidInputException(where, e.field(), e.value(), to > from ? m.substring(from, to) : m);
    }
  }
}
