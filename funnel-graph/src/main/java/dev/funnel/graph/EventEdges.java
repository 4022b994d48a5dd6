package dev.funnel.graph;

import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.EventType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Edges from the feedback log: for every user, each purchase of item U followed by a purchase of
 * a different item V at most {@code window} later adds weight 1 to the edge U -> V ("bought U,
 * then V"). Purchases without a user id are skipped (they cannot be linked). Events are ordered by
 * timestamp within a user; equal timestamps keep log order.
 */
public final class EventEdges {
  private EventEdges() {}

  public static Graph read(EventLog log, Duration window) throws IOException {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new dev.funnel.core.InvalidInputException("window", window, "expected a positive duration");
    }
    Map<String, List<Event>> byUser = new HashMap<>();
    log.scan(e -> {
      if (e.type() == EventType.PURCHASE && e.userId() != null && !e.userId().isBlank()) {
        byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
      }
    });
    EdgeList edges = new EdgeList();
    List<String> users = new ArrayList<>(byUser.keySet());
    users.sort(Comparator.naturalOrder());
    long windowMillis = Checks.atLeast("window millis", window.toMillis(), 1);
    for (String user : users) {
      List<Event> bought = byUser.get(user);
      bought.sort(Comparator.comparing(Event::timestamp)); // stable: equal times keep log order
      for (int i = 0; i < bought.size(); i++) {
        Event a = bought.get(i);
        edges.node(a.itemId());
        for (int j = i + 1; j < bought.size(); j++) {
          Event b = bought.get(j);
          if (b.timestamp().toEpochMilli() - a.timestamp().toEpochMilli() > windowMillis) {
            break;
          }
          if (!b.itemId().equals(a.itemId())) {
            edges.add(a.itemId(), b.itemId(), 1f);
          }
        }
      }
    }
    return edges.toGraph();
  }
}
