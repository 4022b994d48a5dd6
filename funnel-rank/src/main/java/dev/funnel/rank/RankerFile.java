package dev.funnel.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.GbmModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ranker model file: one JSON document
 * {@code {"format": "funnel-lambdamart", "format_version": 1, "schema": {"version", "names"},
 * "provenance": {...}, "lightgbm": "<LightGBM model text>"}}. Loading checks the format, the
 * format version and (when the caller gives the serving schema) the feature schema, and fails
 * with a message naming the mismatch.
 */
public final class RankerFile {
  public static final String FORMAT = "funnel-lambdamart";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RankerFile() {}

  public static String toText(LambdaMartRanker r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("format_version", FORMAT_VERSION);
    ObjectNode s = o.putObject("schema");
    s.put("version", r.schema().version());
    r.schema().names().forEach(s.putArray("names")::add);
    ModelProvenance p = r.provenance();
    ObjectNode pn = o.putObject("provenance");
    pn.put("source", p.source());
    pn.put("rows", p.rows());
    pn.put("groups", p.groups());
    pn.put("from", p.from());
    pn.put("to", p.to());
    pn.put("params", p.params());
    pn.put("seed", p.seed());
    pn.put("library", p.library());
    pn.put("position_bias", p.positionBias());
    ObjectNode v = pn.putObject("validation");
    p.validation().forEach(v::put);
    o.put("lightgbm", r.modelText());
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void write(LambdaMartRanker r, Path file) throws IOException {
    dev.funnel.core.util.AtomicFiles.writeString(file, toText(r) + "\n");
  }

  public static LambdaMartRanker read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /** Parses a model file; {@code where} names it in errors. */
  public static LambdaMartRanker parse(String text, String where) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (IOException e) {
      throw new InvalidInputException(where, "model", abbreviate(text), "expected a JSON ranker model file (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText())) {
      throw new InvalidInputException(where, "format", o == null ? null : o.path("format").asText(null), "expected \"" + FORMAT + "\"");
    }
    int version = o.path("format_version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new InvalidInputException(where, "format_version", o.path("format_version").asText(null),
          "expected " + FORMAT_VERSION + " (this file was written by another Funnel version; retrain with ./funnel train ranker)");
    }
    JsonNode s = o.path("schema");
    List<String> names = new ArrayList<>();
    s.path("names").forEach(n -> names.add(n.asText()));
    FeatureSchema schema;
    try {
      schema = new FeatureSchema(s.path("version").asInt(0), names);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, "schema", s.toString(), "expected a valid feature schema (" + e.getMessage() + ")");
    }
    JsonNode p = o.path("provenance");
    Map<String, Double> validation = new TreeMap<>();
    p.path("validation").properties().forEach(e -> validation.put(e.getKey(), e.getValue().asDouble()));
    ModelProvenance prov;
    try {
      prov = new ModelProvenance(p.path("source").asText(null), p.path("rows").asLong(0), p.path("groups").asLong(0),
          p.path("from").asText(null), p.path("to").asText(null), p.path("params").asText(null), p.path("seed").asLong(),
          p.path("library").asText(null), p.path("position_bias").asText(null), validation);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, "provenance." + e.field(), e.value(), "expected complete provenance (" + e.getMessage() + ")");
    }
    String model = o.path("lightgbm").asText(null);
    if (model == null) {
      throw new InvalidInputException(where, "lightgbm", null, "expected the LightGBM model text");
    }
    GbmModel m;
    try {
      m = GbmModel.load(model);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where, "lightgbm", abbreviate(model), "expected a readable LightGBM model");
    }
    if (m.featureCount() != schema.size()) {
      m.close();
      throw new InvalidInputException(where, "lightgbm", m.featureCount() + " features", "expected " + schema.size() + " features as in the schema");
    }
    return new LambdaMartRanker(schema, m, prov);
  }

  /** Reads a model and checks that it was trained on {@code serving}'s features. */
  public static LambdaMartRanker read(Path file, FeatureSchema serving) throws IOException {
    LambdaMartRanker r = read(file);
    try {
      serving.requireSame(r.schema(), file.toString());
    } catch (InvalidInputException e) {
      r.close();
      throw e;
    }
    return r;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
