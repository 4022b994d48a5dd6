package dev.funnel.uncertainty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployable scorer with its decision tables: the bootstrap GBM ensemble (members in LightGBM's
 * text format), the feature names it expects, the {@link DecisionPolicy} chosen on validation and
 * the provenance (data, config, seed, versions). Stored as one JSON file:
 *
 * <pre>{"format": "funnel-scored-model", "version": 1, "provenance": {...},
 *  "feature_names": [...], "scorer": {"type": "bootstrap_gbm", "members": ["tree...", ...]},
 *  "policy": {"method": "dp", "tables": [{...ThresholdTable...}, ...]}}</pre>
 *
 * Files of another format or version fail to load with a message naming the field.
 */
public final class ScoredModel implements AutoCloseable {
  public static final String FORMAT = "funnel-scored-model";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BootstrapEnsemble scorer;
  private final List<String> featureNames;
  private final DecisionPolicy policy;
  private final Map<String, Object> provenance;

  public ScoredModel(BootstrapEnsemble scorer, List<String> featureNames, DecisionPolicy policy, Map<String, Object> provenance) {
    if (featureNames.size() != scorer.featureCount()) {
      throw new InvalidInputException("feature_names", featureNames.size(), "expected one name per model feature (" + scorer.featureCount() + ")");
    }
    this.scorer = scorer;
    this.featureNames = List.copyOf(featureNames);
    this.policy = policy;
    this.provenance = Map.copyOf(provenance);
  }

  public BootstrapEnsemble scorer() {
    return scorer;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public DecisionPolicy policy() {
    return policy;
  }

  public Map<String, Object> provenance() {
    return provenance;
  }

  public void write(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("provenance", new java.util.TreeMap<>(provenance));
    root.put("feature_names", featureNames);
    root.put("scorer", Map.of("type", scorer.name(), "members", scorer.serializedMembers()));
    Map<String, Object> pol = new LinkedHashMap<>();
    pol.put("method", policy.method());
    pol.put("tables", policy.tables().stream().map(ThresholdTable::toJson).toList());
    root.put("policy", pol);
    dev.funnel.core.util.AtomicFiles.writeString(file, JSON.writeValueAsString(root));
  }

  public static ScoredModel read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(file.toString(), "model", "(unparseable)", "expected a JSON " + FORMAT + " file: " + e.getOriginalMessage());
    }
    String where = file.toString();
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException(where, "format", root == null ? null : root.path("format").asText(), "expected \"" + FORMAT + "\"");
    }
    if (root.path("version").asInt() != VERSION) {
      throw new InvalidInputException(where, "version", root.path("version").asText(), "expected " + VERSION + " (this build reads version " + VERSION + " only)");
    }
    JsonNode scorer = root.path("scorer");
    if (!"bootstrap_gbm".equals(scorer.path("type").asText()) || !scorer.path("members").isArray()) {
      throw new InvalidInputException(where, "scorer", scorer.toString().length() > 60 ? scorer.toString().substring(0, 60) : scorer.toString(),
          "expected {\"type\": \"bootstrap_gbm\", \"members\": [...]}");
    }
    List<String> members = new ArrayList<>();
    scorer.path("members").forEach(m -> members.add(m.asText()));
    List<String> names = new ArrayList<>();
    root.path("feature_names").forEach(n -> names.add(n.asText()));
    JsonNode pol = root.path("policy");
    List<ThresholdTable> tables = new ArrayList<>();
    for (int i = 0; i < pol.path("tables").size(); i++) {
      tables.add(ThresholdTable.fromJson(pol.path("tables").get(i), where + ": policy.tables[" + i + "]"));
    }
    Map<String, Object> prov = new LinkedHashMap<>();
    root.path("provenance").properties().forEach(e -> prov.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return new ScoredModel(BootstrapEnsemble.load(members), names, new DecisionPolicy(pol.path("method").asText(), tables), prov);
  }

  @Override
  public void close() {
    scorer.close();
  }
}
