package dev.funnel.serving;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.uncertainty.ItemGate;
import dev.funnel.delayed.EventLogSource;
import dev.funnel.uncertainty.Estimate;
import dev.funnel.uncertainty.ScoredModel;
import dev.funnel.uncertainty.ThresholdTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The deployed conversion decision: a {@link ScoredModel} (bootstrap ensemble + per-uncertainty
 * threshold tables) over the click features of {@link EventLogSource}, the same code path that
 * built its training rows. An item is scored as if it were clicked at the position where it
 * would be shown, now, by the request's user: {@code position}, {@code hour}, {@code
 * item_prior_clicks}, {@code user_prior_clicks}, {@code from_query}. The click counts come from
 * the event log ({@link #observe}, fed at start with the whole log and then with every stored
 * batch), counted exactly as training counts them.
 */
public final class ConversionGate implements ItemGate, AutoCloseable {
  private final ScoredModel model;
  private final String source;
  private final Map<String, LongAdder> itemClicks = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> userClicks = new ConcurrentHashMap<>();

  /**
   * A gate over {@code model}, read from {@code source} (for messages and health). Fails naming
   * {@code feature_names} when the model was not trained on the event log's click features.
   */
  public ConversionGate(ScoredModel model, String source) {
    if (!model.featureNames().equals(EventLogSource.SPEC.names())) {
      throw new InvalidInputException(source, "feature_names", model.featureNames(),
          "expected a model trained on the event log's click features " + EventLogSource.SPEC.names()
              + " ('funnel train thresholds --format events --data EVENTS_DIR')");
    }
    this.model = model;
    this.source = source;
  }

  /** Items scored per batch: most requests keep their items near the top, so later ones are rarely scored. */
  static final int BATCH = 16;

  @Override
  public List<Verdict> keep(List<String> itemIds, Viewer viewer, double minPrecision, int limit) {
    ThresholdTable table = model.policy().tableFor(minPrecision);
    List<Verdict> kept = new ArrayList<>();
    int from = 0;
    // Items are scored at the position they would take (kept so far + 1), a batch at a time; an
    // item that fails at that position is passed over, and after a kept item the next batch
    // starts behind it at the next position.
    while (from < itemIds.size() && kept.size() < limit) {
      int position = kept.size() + 1;
      float[][] rows = new float[Math.min(BATCH, itemIds.size() - from)][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = features(itemIds.get(from + i), position, viewer);
      }
      Estimate[] e = model.scorer().estimateAll(rows);
      int pass = -1;
      for (int i = 0; i < e.length && pass < 0; i++) {
        if (table.accept(e[i].score(), e[i].uncertainty())) {
          pass = i;
        }
      }
      if (pass < 0) {
        from += rows.length;
        continue;
      }
      kept.add(new Verdict(itemIds.get(from + pass), position, e[pass].score(), e[pass].uncertainty(), table.thresholdFor(e[pass].uncertainty())));
      from += pass + 1;
    }
    return kept;
  }

  @Override
  public void checkPrecision(double minPrecision) {
    model.policy().tableFor(minPrecision);
  }

  /** The model's feature row for {@code item} shown at {@code position} to {@code viewer}. */
  float[] features(String item, int position, Viewer viewer) {
    Event click = new Event(EventType.CLICK, viewer.requestId(), item, position, viewer.time(), viewer.userId(), viewer.sessionId(), viewer.query());
    String clicker = EventLogSource.clicker(viewer.userId(), viewer.sessionId(), viewer.requestId());
    return EventLogSource.features(click, count(itemClicks, item), count(userClicks, clicker));
  }

  private static int count(Map<String, LongAdder> counts, String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : (int) Math.min(Integer.MAX_VALUE, a.sum());
  }

  @Override
  public void observe(List<Event> events) {
    for (Event e : events) {
      if (e.type() == EventType.CLICK) {
        itemClicks.computeIfAbsent(e.itemId(), x -> new LongAdder()).increment();
        userClicks.computeIfAbsent(EventLogSource.clicker(e.userId(), e.sessionId(), e.requestId()), x -> new LongAdder()).increment();
      }
    }
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", source);
    m.put("scorer", model.scorer().name());
    m.put("features", model.featureNames());
    m.put("method", model.policy().method());
    m.put("target_precisions", model.policy().tables().stream()
        .filter(ThresholdTable::reachable).map(ThresholdTable::targetPrecision).toList());
    return m;
  }

  /** The model's threshold tables, one per target precision (read-only). */
  public dev.funnel.uncertainty.DecisionPolicy policy() {
    return model.policy();
  }

  @Override
  public void close() {
    model.close();
  }
}
