package dev.funnel.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import dev.funnel.ml.GbmModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ranker model file, in the one model-file envelope ({@link ModelFile}): kind {@value
 * #KIND_NAME}, format version {@value #FORMAT_VERSION}, typed provenance (training data, LightGBM
 * parameters and position-bias correction, library version, seed, Funnel build), then the payload
 * {@code {"schema": {"version", "names"}, "training": {"rows", "groups", "from", "to",
 * "validation"}, "lightgbm": "<LightGBM model text>"}}. Loading refuses another kind or version
 * and (when the caller gives the serving schema) another feature schema, naming the file.
 */
public final class RankerFile {
  public static final String KIND_NAME = "funnel-ranker";
  public static final int FORMAT_VERSION = 2;
  public static final ModelFile.Kind KIND = ModelFile.Kind.of(KIND_NAME, FORMAT_VERSION);
  private static final ObjectMapper JSON = new ObjectMapper();

  private RankerFile() {}

  /** The envelope provenance of a ranker: its training data, parameters, library and seed. */
  public static FileProvenance provenance(ModelProvenance p) {
    return FileProvenance.of(List.of(p.source()), Map.of("lightgbm_params", p.params(), "position_bias", p.positionBias()),
        Map.of("gradient_boosting", p.library()), p.seed());
  }

  public static String toText(LambdaMartRanker r) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode s = o.putObject("schema");
    s.put("version", r.schema().version());
    r.schema().names().forEach(s.putArray("names")::add);
    ModelProvenance p = r.provenance();
    ObjectNode t = o.putObject("training");
    t.put("rows", p.rows());
    t.put("groups", p.groups());
    t.put("from", p.from());
    t.put("to", p.to());
    ObjectNode v = t.putObject("validation");
    p.validation().forEach(v::put);
    o.put("lightgbm", r.modelText());
    return ModelFile.toJson(KIND, provenance(p), o);
  }

  public static void write(LambdaMartRanker r, Path file) throws IOException {
    dev.funnel.core.util.AtomicFiles.writeString(file, toText(r) + "\n");
  }

  public static LambdaMartRanker read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file.toString(), "model", file, "expected an existing ranker model file");
    }
    return parse(Files.readString(file), file.toString());
  }

  /** The provenance of a ranker model file's text, read without loading the model; {@code where} names it in errors. */
  public static ModelProvenance provenance(String text, String where) {
    return provenance(ModelFile.parseJson(text, where, KIND), where);
  }

  private static ModelProvenance provenance(ModelFile.Document doc, String where) {
    FileProvenance fp = doc.header().provenance();
    JsonNode t = doc.payload().path("training");
    Map<String, Double> validation = new TreeMap<>();
    t.path("validation").properties().forEach(e -> validation.put(e.getKey(), e.getValue().asDouble()));
    try {
      return new ModelProvenance(fp.data().isEmpty() ? null : fp.data().get(0), t.path("rows").asLong(0), t.path("groups").asLong(0),
          t.path("from").asText(null), t.path("to").asText(null), fp.parameters().get("lightgbm_params"), fp.seed() == null ? 0 : fp.seed(),
          fp.libraries().get("gradient_boosting"), fp.parameters().get("position_bias"), validation);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, "provenance." + e.field(), e.value(), "expected complete provenance (" + e.getMessage() + ")");
    }
  }

  /** Parses a model file; {@code where} names it in errors. */
  public static LambdaMartRanker parse(String text, String where) {
    ModelFile.Document doc = ModelFile.parseJson(text, where, KIND);
    JsonNode o = doc.payload();
    FileProvenance fp = doc.header().provenance();
    JsonNode s = o.path("schema");
    List<String> names = new ArrayList<>();
    s.path("names").forEach(n -> names.add(n.asText()));
    FeatureSchema schema;
    try {
      schema = new FeatureSchema(s.path("version").asInt(0), names);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, "schema", s.toString(), "expected a valid feature schema (" + e.getMessage() + ")");
    }
    ModelProvenance prov = provenance(doc, where);
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
