package dev.funnel.console;

import dev.funnel.graph.GraphDegrees;
import dev.funnel.graph.RelatedItems;
import dev.funnel.server.ApiModule;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /graph/nodes/{item}}: whether an item is a node of the served BLADE model, and its
 * in- and out-degree in the graph the model was trained on (from the model's degrees file; null,
 * with the reason, for a model trained before degrees were kept). An item that is not a node
 * answers {@code "node": false} (a 200: asking is not an error), so a client can check before
 * calling {@code GET /related/{item}}, which answers 404 for it.
 */
public final class GraphNodeApi implements ApiModule {
  private final RelatedItems related;
  private final GraphDegrees degrees;

  /** @param degrees the model's degrees, or null when it has none */
  public GraphNodeApi(RelatedItems related, GraphDegrees degrees) {
    this.related = related;
    this.degrees = degrees;
  }

  @Override
  public void register(Javalin app) {
    app.get("/graph/nodes/{item}", ctx -> {
      String item = ctx.pathParam("item");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("item", item);
      m.put("nodes", related.model().nodeCount());
      boolean node = related.model().indexOf(item) >= 0;
      m.put("node", node);
      if (!node) {
        m.put("in_degree", null);
        m.put("out_degree", null);
        m.put("reason", "not a node of the graph model: it has no related items");
        ctx.json(m);
        return;
      }
      if (degrees == null || degrees.in(item) < 0) {
        m.put("in_degree", null);
        m.put("out_degree", null);
        m.put("reason", degrees == null ? "the graph model has no degrees file beside it (retrain with funnel train graph)"
            : "the degrees file does not list this node");
      } else {
        m.put("in_degree", degrees.in(item));
        m.put("out_degree", degrees.out(item));
      }
      ctx.json(m);
    });
  }
}
