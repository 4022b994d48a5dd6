package dev.funnel.delayed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import dev.funnel.ml.GbmModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained conversion model: the probability that a click converts within the attribution
 * window, from its click-time features. The file is the one model-file envelope ({@link
 * ModelFile}, kind {@value #KIND_NAME}, format version {@value #FORMAT_VERSION}) with typed
 * provenance (data, weighting method and parameters, LightGBM version, seed, Funnel build) and
 * the payload {@code {"features", "categorical", "report": {data span, counts, validation},
 * "gbm"}}; files of another kind or version are refused naming the file.
 */
public final class ConversionModel implements AutoCloseable {
  public static final String KIND_NAME = "funnel-conversion-model";
  public static final int FORMAT_VERSION = 2;
  public static final ModelFile.Kind KIND = ModelFile.Kind.of(KIND_NAME, FORMAT_VERSION);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GbmModel gbm;
  private final FeatureSpec spec;
  private final FileProvenance provenance;
  private final Map<String, Object> report;

  public ConversionModel(GbmModel gbm, FeatureSpec spec, FileProvenance provenance, Map<String, Object> report) {
    if (gbm.featureCount() != spec.size()) {
      throw new InvalidInputException("features", spec.size(), "expected the model's " + gbm.featureCount() + " features");
    }
    this.gbm = gbm;
    this.spec = spec;
    this.provenance = java.util.Objects.requireNonNull(provenance, "provenance");
    this.report = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(report));
  }

  public FeatureSpec spec() {
    return spec;
  }

  public FileProvenance provenance() {
    return provenance;
  }

  /** What training saw and measured: data span, counts, validation metrics. */
  public Map<String, Object> report() {
    return report;
  }

  /** Conversion probability of one click's features (in {@link #spec()} order). */
  public double predict(float[] features) {
    return gbm.predict(features);
  }

  public double[] predict(float[][] rows) {
    return gbm.predict(rows);
  }

  public void save(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("features", JSON.valueToTree(spec.names()));
    root.set("categorical", JSON.valueToTree(new TreeSet<>(spec.categorical())));
    root.set("report", JSON.valueToTree(report));
    root.put("gbm", gbm.serialize());
    ModelFile.writeJson(file, KIND, provenance, root);
  }

  public static ConversionModel load(Path file) throws IOException {
    ModelFile.Document doc = ModelFile.readJson(file, KIND);
    JsonNode root = doc.payload();
    List<String> names = new ArrayList<>();
    root.path("features").forEach(n -> names.add(n.asText()));
    Set<Integer> cat = new TreeSet<>();
    root.path("categorical").forEach(n -> cat.add(n.asInt()));
    Map<String, Object> report = JSON.convertValue(root.path("report"), new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
    GbmModel gbm;
    try {
      gbm = GbmModel.load(root.path("gbm").asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file.toString(), "gbm", null, "expected a readable LightGBM model");
    }
    return new ConversionModel(gbm, new FeatureSpec(names, cat), doc.header().provenance(), report);
  }

  @Override
  public void close() {
    gbm.close();
  }
}
