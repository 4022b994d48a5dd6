package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.InvalidInputException;

import java.time.Instant;
import java.util.List;

/**
 * A decision applied to ranked items before they are shown: "show only items whose predicted
 * conversion meets precision P". Implementations score each item with an uncertainty estimate
 * and compare the score with the threshold of its uncertainty level (one threshold per level,
 * chosen on validation for the target precision). Safe for concurrent use.
 */
public interface ItemGate {
  /** Who would see the items, and where: the request's user, session and id, its query (null: not a search), and when. */
  record Viewer(String userId, String sessionId, String requestId, String query, Instant time) {
    public Viewer {
      Checks.nonBlank("request_id", requestId);
      if (time == null) {
        throw new InvalidInputException("time", null, "expected the time of the request");
      }
    }
  }

  /** One kept item: its predicted conversion, the uncertainty of that prediction and the threshold it passed. */
  record Verdict(String itemId, int position, double score, double uncertainty, double threshold) {
    public Verdict {
      Checks.nonBlank("item_id", itemId);
      Checks.atLeast("position", position, 1);
    }

    /** The verdict as served in a response item's {@code "conversion"}: score, uncertainty, threshold. */
    public java.util.Map<String, Object> toJson() {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("score", score);
      m.put("uncertainty", uncertainty);
      m.put("threshold", threshold);
      return m;
    }
  }

  /**
   * Walks {@code itemIds} in rank order and keeps, at most {@code limit} of them, those that pass
   * at the position where they would be shown (the number kept so far + 1).
   *
   * @throws InvalidInputException naming {@code precision} when no table of the deployed model
   *     reaches {@code minPrecision}
   */
  List<Verdict> keep(List<String> itemIds, Viewer viewer, double minPrecision, int limit);

  /** Fails naming {@code precision} when no table of the deployed model reaches {@code minPrecision}; call it before any work. */
  void checkPrecision(double minPrecision);

  /** Updates what the gate knows from feedback (for example, click counts), in log order. */
  void observe(List<Event> events);

  /** A short description for health endpoints: model, features, target precisions. */
  java.util.Map<String, Object> describe();

  /** The {@code "gate"} block of a response: the request's precision, how many items were ranked and kept, and the model. */
  default java.util.Map<String, Object> summary(double minPrecision, int ranked, int kept) {
    java.util.Map<String, Object> g = new java.util.LinkedHashMap<>();
    g.put("min_precision", minPrecision);
    g.put("ranked", ranked);
    g.put("kept", kept);
    g.putAll(describe());
    return g;
  }
}
