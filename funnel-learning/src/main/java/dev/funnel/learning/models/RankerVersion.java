package dev.funnel.learning.models;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.rank.ModelProvenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One kept ranker version: its number (1, 2, ... in the order the process met them), where it
 * came from ({@code origin}: {@code retraining} for a model the feedback loop trained and
 * validation accepted, {@code file} for a model given with {@code serve --ranker FILE}, {@code
 * state} for the model found in the state folder at start), the file it came from when there is
 * one ({@code source}), when it was kept, the SHA-256 of its model file text (the same model met
 * twice keeps one version) and its provenance (training data, parameters, seed, library,
 * position-bias correction and validation metrics).
 */
public record RankerVersion(int version, String origin, String source, Instant createdAt, String sha256, ModelProvenance provenance) {
  /** The origins a version can have. */
  public static final Set<String> ORIGINS = Set.of("retraining", "file", "state");

  public RankerVersion {
    Checks.atLeast("version", version, 1);
    if (origin == null || !ORIGINS.contains(origin)) {
      throw new InvalidInputException("origin", origin, "expected one of " + ORIGINS);
    }
    if (createdAt == null) {
      throw new InvalidInputException("created_at", null, "expected an instant");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new InvalidInputException("sha256", sha256, "expected 64 lower-case hex digits");
    }
    if (provenance == null) {
      throw new InvalidInputException("provenance", null, "expected the model's provenance");
    }
  }

  /** The version as {@code GET /models} lists it; {@code live} tells whether it serves now. */
  public Map<String, Object> toJson(boolean live) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("live", live);
    m.put("origin", origin);
    m.put("source", source);
    m.put("created_at", createdAt.toString());
    m.put("sha256", sha256);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("source", provenance.source());
    p.put("rows", provenance.rows());
    p.put("groups", provenance.groups());
    p.put("from", provenance.from());
    p.put("to", provenance.to());
    p.put("params", provenance.params());
    p.put("seed", provenance.seed());
    p.put("library", provenance.library());
    p.put("position_bias", provenance.positionBias());
    m.put("provenance", p);
    m.put("metrics", provenance.validation());
    return m;
  }
}
