package dev.funnel.uncertainty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployable scorer with its decision tables: the bootstrap GBM ensemble (members in LightGBM's
 * text format), the feature names it expects, the {@link DecisionPolicy} chosen on validation and
 * the typed provenance (data, config, seed, versions). Stored in the one model-file envelope
 * ({@link ModelFile}, kind {@value #KIND_NAME}, format version {@value #FORMAT_VERSION}) with
 * the payload:
 *
 * <pre>{"feature_names": [...], "scorer": {"type": "bootstrap_gbm", "members": ["tree...", ...]},
 *  "policy": {"method": "dp", "tables": [{...ThresholdTable...}, ...]}}</pre>
 *
 * Files of another kind or version are refused with a message naming the file.
 */
public final class ScoredModel implements AutoCloseable {
  public static final String KIND_NAME = "funnel-scored-model";
  public static final int FORMAT_VERSION = 2;
  public static final ModelFile.Kind KIND = ModelFile.Kind.of(KIND_NAME, FORMAT_VERSION);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BootstrapEnsemble scorer;
  private final List<String> featureNames;
  private final DecisionPolicy policy;
  private final FileProvenance provenance;

  public ScoredModel(BootstrapEnsemble scorer, List<String> featureNames, DecisionPolicy policy, FileProvenance provenance) {
    if (featureNames.size() != scorer.featureCount()) {
      throw new InvalidInputException("feature_names", featureNames.size(), "expected one name per model feature (" + scorer.featureCount() + ")");
    }
    this.scorer = scorer;
    this.featureNames = List.copyOf(featureNames);
    this.policy = policy;
    this.provenance = java.util.Objects.requireNonNull(provenance, "provenance");
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

  public FileProvenance provenance() {
    return provenance;
  }

  public void write(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("feature_names", featureNames);
    root.put("scorer", Map.of("type", scorer.name(), "members", scorer.serializedMembers()));
    Map<String, Object> pol = new LinkedHashMap<>();
    pol.put("method", policy.method());
    pol.put("tables", policy.tables().stream().map(ThresholdTable::toJson).toList());
    root.put("policy", pol);
    ModelFile.writeJson(file, KIND, provenance, JSON.valueToTree(root));
  }

  public static ScoredModel read(Path file) throws IOException {
    ModelFile.Document doc = ModelFile.readJson(file, KIND);
    JsonNode root = doc.payload();
    String where = file.toString();
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
    return new ScoredModel(BootstrapEnsemble.load(members), names, new DecisionPolicy(pol.path("method").asText(), tables),
        doc.header().provenance());
  }

  @Override
  public void close() {
    scorer.close();
  }
}
