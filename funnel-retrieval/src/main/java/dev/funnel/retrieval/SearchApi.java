package dev.funnel.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Candidate;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.server.Requests;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /search}: {@code {"query": "...", "k": 10, "strategies": ["bm25", ...], "filters":
 * {"brand": "Amazon"}}}. {@code k} defaults to 10 (range [1, 1000]); {@code strategies} defaults
 * to {@code hybrid} when the index has vectors, else {@code bm25}; filters are exact matches on
 * keyword fields, all required. Answers {@code {"request_id", "query", "strategies", "k",
 * "took_ms", "items": [{"id", "score", "rank", "fields": {"text", "keywords", "numbers"},
 * "provenance": [{"strategy", "raw_score", "rank"}]}]}}. With several strategies their lists are
 * fused by reciprocal rank and each item's provenance names every strategy that found it. Bad
 * requests get a 400 whose JSON names the field.
 */
public final class SearchApi implements ApiModule {
  public static final int MAX_K = 1000;

  private final CatalogIndex index;
  private final List<String> defaultStrategies;

  public SearchApi(CatalogIndex index) {
    this.index = index;
    this.defaultStrategies = List.of(index.retrievers().containsKey("hybrid") ? "hybrid" : "bm25");
  }

  @Override
  public void register(Javalin app) {
    app.post("/search", this::handle);
  }

  /** Whether {@code strategy} is one of the catalog index's strategies, which this API answers. */
  public boolean knows(String strategy) {
    return index.retrievers().containsKey(strategy);
  }

  /** Answers one {@code POST /search} with the named strategies (for modules that route to it). */
  public void handle(Context ctx) {
    long start = System.nanoTime();
    JsonNode body = Requests.object(ctx);
    String text = Requests.requiredText(body, "query");
    if (text.isBlank()) {
      throw ApiException.badRequest("query", text, "expected a non-blank string");
    }
    int k = Requests.optionalInt(body, "k", 10, 1, MAX_K);
    List<String> names = Requests.optionalStrings(body, "strategies");
    if (names == null) {
      names = defaultStrategies;
    } else if (names.isEmpty()) {
      throw ApiException.badRequest("strategies", "[]", "expected at least one of " + index.retrievers().keySet());
    }
    names = List.copyOf(new LinkedHashSet<>(names));
    for (String n : names) {
      if (!index.retrievers().containsKey(n)) {
        throw ApiException.badRequest("strategies", n, "unknown strategy, expected one of " + index.retrievers().keySet());
      }
    }
    Query query = new Query(text, Requests.optionalStringMap(body, "filters"), null);
    List<Candidate> result = search(query, names, k);
    String requestId = UUID.randomUUID().toString();
    List<Map<String, Object>> items = new ArrayList<>(result.size());
    for (int i = 0; i < result.size(); i++) {
      items.add(render(result.get(i), i + 1));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("request_id", requestId);
    out.put("query", text);
    out.put("strategies", names);
    out.put("k", k);
    out.put("took_ms", (System.nanoTime() - start) / 1e6);
    out.put("items", items);
    ctx.json(out);
  }

  /** One strategy's list, or the reciprocal-rank fusion of several. */
  List<Candidate> search(Query query, List<String> names, int k) {
    if (names.size() == 1) {
      return index.retriever(names.get(0)).retrieve(query, k);
    }
    List<List<Candidate>> lists = new ArrayList<>();
    for (String n : names) {
      lists.add(index.retriever(n).retrieve(query, k));
    }
    return Fusion.reciprocalRank(lists, index.settings().rrfK(), k);
  }

  private Map<String, Object> render(Candidate c, int rank) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.itemId());
    m.put("score", c.score());
    m.put("rank", rank);
    Item item = index.item(c.itemId()).orElse(null);
    Map<String, Object> fields = new LinkedHashMap<>();
    if (item != null) {
      fields.put("text", item.text());
      fields.put("keywords", item.keywords());
      fields.put("numbers", item.numbers());
    }
    m.put("fields", fields);
    List<Map<String, Object>> prov = new ArrayList<>();
    for (Provenance p : c.provenance()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("strategy", p.strategy());
      pm.put("raw_score", p.rawScore());
      pm.put("rank", p.rank());
      prov.add(pm);
    }
    m.put("provenance", prov);
    return m;
  }
}
