package dev.funnel.rank;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a training log with feedback events on (request id, item id). Each impression's label is
 * the highest grade among its events ({@link LabelGrades}); impressions without feedback are
 * skips (0). Event impressions are ignored: the log is the authority on what was shown and
 * where. Duplicate log records of the same (request, item) keep the first.
 */
public final class TrainingSetBuilder {
  private final LabelGrades grades;

  public TrainingSetBuilder(LabelGrades grades) {
    this.grades = grades;
  }

  public TrainingSet build(TrainingLog log, Iterable<Event> events) {
    Map<String, Map<String, TrainingRecord>> byRequest = new LinkedHashMap<>();
    Instant from = null;
    Instant to = null;
    for (TrainingRecord r : log.records()) {
      boolean kept = byRequest.computeIfAbsent(r.requestId(), k -> new LinkedHashMap<>()).putIfAbsent(r.itemId(), r) == null;
      if (kept && r.time() != null) {
        from = from == null || r.time().isBefore(from) ? r.time() : from;
        to = to == null || r.time().isAfter(to) ? r.time() : to;
      }
    }
    Map<String, Map<String, Integer>> labels = new HashMap<>();
    long matched = 0;
    long unmatched = 0;
    for (Event e : events) {
      if (e.type() == EventType.IMPRESSION) {
        continue;
      }
      Map<String, TrainingRecord> req = byRequest.get(e.requestId());
      if (req == null || !req.containsKey(e.itemId())) {
        unmatched++;
        continue;
      }
      matched++;
      labels.computeIfAbsent(e.requestId(), k -> new HashMap<>()).merge(e.itemId(), grades.of(e.type()), Math::max);
    }
    List<TrainingSet.Group> groups = new ArrayList<>();
    for (Map.Entry<String, Map<String, TrainingRecord>> req : byRequest.entrySet()) {
      groups.add(group(req.getKey(), List.copyOf(req.getValue().values()), labels.getOrDefault(req.getKey(), Map.of())));
    }
    return new TrainingSet(log.schema(), groups, matched, unmatched, from, to);
  }

  /**
   * One request's group: its logged records (first record per item, in log order) labelled by
   * the strongest grade per item (absent = 0), in display order; the query is the last record's.
   */
  public static TrainingSet.Group group(String requestId, List<TrainingRecord> records, Map<String, Integer> labels) {
    List<TrainingSet.Row> rows = new ArrayList<>();
    String query = null;
    for (TrainingRecord r : records) {
      query = r.query();
      rows.add(new TrainingSet.Row(r.itemId(), r.position(), r.features(), labels.getOrDefault(r.itemId(), 0)));
    }
    rows.sort(Comparator.comparingInt(TrainingSet.Row::position));
    return new TrainingSet.Group(requestId, query, rows);
  }
}
