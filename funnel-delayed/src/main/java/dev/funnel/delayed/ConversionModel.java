package dev.funnel.delayed;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained conversion model: the probability that a click converts within the attribution
 * window, from its click-time features. The file is JSON with a format name and version, the
 * feature names, the provenance (weighting method, data span, counts, parameters, seed,
 * validation metrics) and the LightGBM model text; files of another format or version are
 * refused with a clear message.
 */
public final class ConversionModel implements AutoCloseable {
  public static final String FORMAT = "funnel-conversion-model";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final GbmModel gbm;
  private final FeatureSpec spec;
  private final Map<String, Object> provenance;

  public ConversionModel(GbmModel gbm, FeatureSpec spec, Map<String, Object> provenance) {
    if (gbm.featureCount() != spec.size()) {
      throw new InvalidInputException("features", spec.size(), "expected the model's " + gbm.featureCount() + " features");
    }
    this.gbm = gbm;
    this.spec = spec;
    this.provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  public FeatureSpec spec() {
    return spec;
  }

  public Map<String, Object> provenance() {
    return provenance;
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
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.set("features", JSON.valueToTree(spec.names()));
    root.set("categorical", JSON.valueToTree(new TreeSet<>(spec.categorical())));
    root.set("provenance", JSON.valueToTree(provenance));
    root.put("gbm", gbm.serialize());
    dev.funnel.core.util.AtomicFiles.writeString(file, JSON.writeValueAsString(root));
  }

  public static ConversionModel load(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(file.toString(), "model", "not JSON", "expected a " + FORMAT + " file");
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException(file.toString(), "format", root == null ? null : root.path("format").asText(null), "expected \"" + FORMAT + "\"");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new InvalidInputException(file.toString(), "version", version, "expected version " + VERSION + " (retrain the model with this release)");
    }
    List<String> names = new ArrayList<>();
    root.path("features").forEach(n -> names.add(n.asText()));
    Set<Integer> cat = new TreeSet<>();
    root.path("categorical").forEach(n -> cat.add(n.asInt()));
    Map<String, Object> prov = JSON.convertValue(root.path("provenance"), new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
    GbmModel gbm = GbmModel.load(root.path("gbm").asText());
    return new ConversionModel(gbm, new FeatureSpec(names, cat), prov);
  }

  @Override
  public void close() {
    gbm.close();
  }
}
