package dev.funnel.graph;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.server.Requests;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /related/{item}?k=10}: the k items a user is most likely to want after
 * {@code item} (BLADE source(item) . target(v)). 404 naming the item when the model does not know
 * it, 400 naming {@code k} when k is not an integer in [1, 1000]. Response:
 * {@code {"item", "k", "items": [{"id", "score", "rank", "provenance": [{"strategy": "graph",
 * "raw_score", "rank"}]}]}}.
 */
public final class RelatedApi implements ApiModule {
  public static final int MAX_K = 1000;
  private final RelatedItems related;

  public RelatedApi(RelatedItems related) {
    this.related = related;
  }

  @Override
  public void register(Javalin app) {
    app.get("/related/{item}", ctx -> {
      String item = ctx.pathParam("item");
      int k = Requests.queryInt(ctx, "k", 10, 1, MAX_K);
      if (related.model().indexOf(item) < 0) {
        throw ApiException.notFound("item", item, "unknown item '" + item + "': not a node of the graph model");
      }
      List<Candidate> cs;
      try {
        cs = related.related(item, k);
      } catch (InvalidInputException e) {
        throw ApiException.badRequest(e.field(), e.value(), e.getMessage());
      }
      List<Map<String, Object>> items = new ArrayList<>();
      for (Candidate c : cs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.itemId());
        m.put("score", c.score());
        m.put("rank", c.provenance().get(0).rank());
        List<Map<String, Object>> prov = new ArrayList<>();
        c.provenance().forEach(p -> {
          Map<String, Object> pm = new LinkedHashMap<>();
          pm.put("strategy", p.strategy());
          pm.put("raw_score", p.rawScore());
          pm.put("rank", p.rank());
          prov.add(pm);
        });
        m.put("provenance", prov);
        items.add(m);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("item", item);
      body.put("k", k);
      body.put("items", items);
      ctx.json(body);
    });
  }
}
