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
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
      List<String> items = bought.stream().map(Event::itemId).toList();
      long[] millis = bought.stream().mapToLong(e -> e.timestamp().toEpochMilli()).toArray();
      userEdges(items, millis, windowMillis, edges::node, (a, b) -> edges.add(a, b, 1f));
    }
    return edges.toGraph();
  }

  /**
   * One user's purchases, in time order ({@code items[i]} bought at {@code millis[i]}): each item
   * as a node, and an edge of weight 1 from every purchase to each later purchase of another item
   * at most {@code windowMillis} later. Offline jobs that group purchases by user call this.
   */
  public static void userEdges(List<String> items, long[] millis, long windowMillis, Consumer<String> node, BiConsumer<String, String> edge) {
    for (int i = 0; i < items.size(); i++) {
      String a = items.get(i);
      node.accept(a);
      for (int j = i + 1; j < items.size(); j++) {
        if (millis[j] - millis[i] > windowMillis) {
          break;
        }
        if (!items.get(j).equals(a)) {
          edge.accept(a, items.get(j));
        }
      }
    }
  }
}
