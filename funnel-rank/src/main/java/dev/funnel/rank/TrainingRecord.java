package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.time.Instant;

/**
 * One served impression as the ranker saw it, logged at serving time so training uses exactly
 * the serving features: request id, query text, request time and segment, the item, the
 * 1-based position it was shown at and its feature vector.
 *
 * @param time request time, or null when unknown
 * @param segment user segment, or null
 */
public record TrainingRecord(String requestId, String query, Instant time, String segment, String itemId, int position, float[] features) {
  public TrainingRecord {
    Checks.nonBlank("request_id", requestId);
    if (query == null) {
      throw new InvalidInputException("query", null, "expected the query text");
    }
    Checks.nonBlank("item_id", itemId);
    Checks.atLeast("position", position, 1);
    if (features == null || features.length == 0) {
      throw new InvalidInputException("features", features == null ? null : "[]", "expected the served feature vector");
    }
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new InvalidInputException("features[" + i + "]", features[i], "expected a finite number");
      }
    }
    features = features.clone();
  }

  @Override
  public float[] features() {
    return features.clone();
  }
}
