package dev.funnel.rank;

import java.time.Instant;
import java.util.List;

/**
 * Logged impressions joined with feedback: one group per request, each row with its served
 * features, display position and graded label.
 *
 * @param matchedEvents feedback events joined to a logged impression
 * @param unmatchedEvents feedback events whose (request id, item) was not in the training log
 * @param from earliest request time in the log, or null
 * @param to latest request time in the log, or null
 */
public record TrainingSet(FeatureSchema schema, List<Group> groups, long matchedEvents, long unmatchedEvents, Instant from, Instant to) {
  public TrainingSet {
    groups = List.copyOf(groups);
  }

  /** One impression: item, 1-based position shown, served features and graded label. */
  public record Row(String itemId, int position, float[] features, int label) {}

  /** One request's impressions in display order. */
  public record Group(String requestId, String query, List<Row> rows) {
    public Group {
      rows = List.copyOf(rows);
    }

    public boolean hasPositive() {
      return rows.stream().anyMatch(r -> r.label() > 0);
    }
  }

  public long rows() {
    return groups.stream().mapToLong(g -> g.rows().size()).sum();
  }
}
