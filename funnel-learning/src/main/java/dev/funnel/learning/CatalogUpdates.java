package dev.funnel.learning;

import dev.funnel.core.Item;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.memory.PredictedQuery;
import dev.funnel.memory.PredictedQueryGenerator;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.retrieval.ItemJournal;
import dev.funnel.retrieval.ItemUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Item updates as the loop sees them: each applied batch goes to the served catalog ({@link
 * LiveCatalog}; a deleted item leaves it first, so nothing serves it from then on), to query
 * understanding (the catalog value counts behind brand and category readings, {@link
 * QueryUnderstanding#updateItems}) and to the memory index's predicted queries (a new or changed
 * item gets the predicted queries of its new title and keywords, with the term statistics of the
 * catalog at start; a deleted item loses them). Register it with the items API.
 */
public final class CatalogUpdates implements Consumer<List<ItemUpdate>> {
  private final LiveCatalog catalog;
  private final QueryUnderstanding understanding;
  private final MemoryIndex memory;
  private final PredictedQueryGenerator predictions;

  /** @param predictions the generator of predicted queries, or null when the loop runs without them */
  public CatalogUpdates(LiveCatalog catalog, QueryUnderstanding understanding, MemoryIndex memory, PredictedQueryGenerator predictions) {
    this.catalog = catalog;
    this.understanding = understanding;
    this.memory = memory;
    this.predictions = predictions;
  }

  @Override
  public void accept(List<ItemUpdate> batch) {
    catalog.apply(batch);
    Map<String, Item> last = new LinkedHashMap<>();
    for (ItemUpdate u : batch) {
      last.put(u.id(), u.item());
    }
    List<Item> upserts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    last.forEach((id, item) -> {
      if (item == null) {
        deletes.add(id);
      } else {
        upserts.add(item);
      }
    });
    understanding.updateItems(upserts, deletes);
    predict(last);
  }

  private void predict(Map<String, Item> last) {
    if (predictions == null) {
      return;
    }
    List<PredictedQuery> queries = new ArrayList<>();
    last.values().forEach(item -> {
      if (item != null) {
        queries.addAll(predictions.generate(item));
      }
    });
    memory.replacePredictions(last.keySet(), queries);
  }

  /**
   * At start, after the loop's state was loaded: the memory and query-understanding snapshots may
   * predate item updates in {@code journal} (saved periodically, the journal at every update), so
   * the predicted queries of every item the journal touched are set anew from the served catalog,
   * and query understanding relearns its catalog statistics from it. Returns the number of items
   * touched (0: nothing done).
   */
  public long restore(ItemJournal journal) throws IOException {
    if (journal.size() == 0) {
      return 0;
    }
    Set<String> touched = new LinkedHashSet<>();
    journal.scan(0, (record, batch) -> batch.forEach(u -> touched.add(u.id())));
    List<Item> all = new ArrayList<>();
    catalog.forEach(all::add);
    understanding.resetCatalog(all);
    Map<String, Item> last = new LinkedHashMap<>();
    for (String id : touched) {
      last.put(id, catalog.apply(id).orElse(null));
    }
    predict(last);
    return touched.size();
  }
}
