package dev.funnel.learning;

import dev.funnel.core.Item;
import dev.funnel.retrieval.ItemUpdate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The served catalog: item lookup by id for the funnel (features, response fields, filters of
 * {@code graph} candidates), changed in place by item updates. Serving drops every candidate
 * this lookup does not know ({@link SearchFunnel}), so an item deleted here is never served again
 * by any strategy, including those that remember ids outside the Lucene index ({@code memory},
 * {@code graph}). A hash lookup, well under a microsecond; thread-safe.
 */
public final class LiveCatalog implements Function<String, Optional<Item>> {
  private final ConcurrentHashMap<String, Item> items;

  public LiveCatalog(List<Item> items) {
    this.items = new ConcurrentHashMap<>(Math.max(16, items.size() * 2));
    for (Item i : items) {
      this.items.put(i.id(), i);
    }
  }

  @Override
  public Optional<Item> apply(String id) {
    return Optional.ofNullable(items.get(id));
  }

  /** Whether the item is in the catalog. */
  public boolean contains(String id) {
    return items.containsKey(id);
  }

  public int size() {
    return items.size();
  }

  /** Calls {@code sink} with every item, in no particular order. */
  public void forEach(java.util.function.Consumer<Item> sink) {
    items.values().forEach(sink);
  }

  /** Applies a batch in order: puts add or replace items, deletes remove them. */
  public void apply(List<ItemUpdate> batch) {
    for (ItemUpdate u : batch) {
      if (u.isDelete()) {
        items.remove(u.id());
      } else {
        items.put(u.id(), u.item());
      }
    }
  }
}
