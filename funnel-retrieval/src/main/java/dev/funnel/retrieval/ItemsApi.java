package dev.funnel.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Item;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.server.Requests;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Item updates over HTTP, in the catalog's own record format and mapping ({@link ItemMapping}:
 * the parser and validation of {@code funnel index}):
 *
 * <ul>
 *   <li>{@code PUT /items/{id}}: one catalog record; its id key, when present, must equal the
 *       path's id (absent, the path's id is used); adds the item or replaces the item with that id;
 *   <li>{@code POST /items}: a batch, {@code {"items": [record, ...]}} or a bare array, at most
 *       {@value #MAX_BATCH} records, validated whole before anything is written (an error names
 *       {@code items[3].price}, its value and what was expected); applied atomically as one
 *       journal record;
 *   <li>{@code DELETE /items/{id}}: removes the item (404 when there is none);
 *   <li>{@code GET /items/{id}}: the stored item (404 when there is none).
 * </ul>
 *
 * A 200 answer means the batch is on disk and searchable ({@link IndexUpdater#apply}); then the
 * listeners (the loop's catalog lookup, memory index, query understanding) have seen it too.
 */
public final class ItemsApi implements ApiModule {
  /** Most records of one {@code POST /items} batch. */
  public static final int MAX_BATCH = 1000;

  private final IndexUpdater updater;
  private final ItemMapping mapping;
  private final Function<String, Optional<Item>> current;
  private final List<Consumer<List<ItemUpdate>>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param current the served catalog lookup, which decides whether an id exists (deletes of
   *     unknown ids are 404s, answers count added and replaced items)
   */
  public ItemsApi(IndexUpdater updater, ItemMapping mapping, Function<String, Optional<Item>> current) {
    this.updater = updater;
    this.mapping = mapping;
    this.current = current;
  }

  /**
   * Adds a consumer called with every applied batch, in the request thread, before the answer,
   * in the order of the journal (under the updater's lock).
   */
  public ItemsApi onUpdates(Consumer<List<ItemUpdate>> listener) {
    listeners.add(listener);
    return this;
  }

  @Override
  public void register(Javalin app) {
    app.put("/items/{id}", ctx -> {
      String id = ctx.pathParam("id");
      JsonNode record = Requests.body(ctx);
      if (!record.isObject()) {
        throw ApiException.badRequest("body", record.getNodeType(), "expected a JSON object (a catalog record)");
      }
      JsonNode own = record.get(mapping.idField());
      if (own == null || own.isNull()) {
        ((ObjectNode) record).put(mapping.idField(), id);
      } else if (!own.asText().equals(id)) {
        throw ApiException.badRequest(mapping.idField(), own.asText(), "expected the id of the path, " + id);
      }
      answer(ctx, List.of(ItemUpdate.put(mapping.parse(record, "", current))));
    });
    app.post("/items", ctx -> {
      JsonNode body = Requests.body(ctx);
      JsonNode records = body.isObject() ? body.get("items") : body;
      if (records == null || !records.isArray()) {
        throw ApiException.badRequest("items", records == null ? null : records.toString(), "expected an array of catalog records");
      }
      if (records.isEmpty() || records.size() > MAX_BATCH) {
        throw ApiException.badRequest("items", records.size() + " records", "expected 1 to " + MAX_BATCH + " records");
      }
      List<ItemUpdate> batch = new ArrayList<>(records.size());
      for (int i = 0; i < records.size(); i++) {
        batch.add(ItemUpdate.put(mapping.parse(records.get(i), "items[" + i + "].", current)));
      }
      answer(ctx, batch);
    });
    app.delete("/items/{id}", ctx -> {
      String id = ctx.pathParam("id");
      if (current.apply(id).isEmpty()) {
        throw ApiException.notFound("id", id, "no item with this id");
      }
      answer(ctx, List.of(ItemUpdate.delete(id)));
    });
    app.get("/items/{id}", ctx -> {
      String id = ctx.pathParam("id");
      Item item = current.apply(id).orElseThrow(() -> ApiException.notFound("id", id, "no item with this id"));
      ctx.json(item);
    });
  }

  private void answer(Context ctx, List<ItemUpdate> batch) throws java.io.IOException {
    long started = System.nanoTime();
    int added = 0;
    int replaced = 0;
    int deleted = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ItemUpdate u : batch) {
      boolean exists = !seen.add(u.id()) || current.apply(u.id()).isPresent();
      if (u.isDelete()) {
        deleted++;
      } else if (exists) {
        replaced++;
      } else {
        added++;
      }
    }
    long records = updater.apply(batch, b -> listeners.forEach(l -> l.accept(b)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accepted", batch.size());
    out.put("added", added);
    out.put("replaced", replaced);
    out.put("deleted", deleted);
    out.put("ids", batch.stream().map(ItemUpdate::id).toList());
    out.put("journal_records", records);
    out.put("took_ms", (System.nanoTime() - started) / 1e6);
    ctx.json(out);
  }
}
