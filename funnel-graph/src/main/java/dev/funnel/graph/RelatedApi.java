package dev.funnel.graph;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.uncertainty.ItemGate;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.server.Requests;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /related/{item}?k=10}: the k items a user is most likely to want after
 * {@code item} (BLADE source(item) . target(v)). 404 naming the item when the model does not know
 * it, 400 naming {@code k} when k is not an integer in [1, 1000]. Response:
 * {@code {"item", "k", "items": [{"id", "score", "rank", "provenance": [{"strategy": "graph",
 * "raw_score", "rank"}]}]}}.
 *
 * <p>With a deployed {@link ItemGate}, {@code ?min_precision=P} (optionally {@code &user=U},
 * {@code &session=S}) serves only the related items whose predicted conversion passes the
 * threshold of their uncertainty level for precision P, walking a deeper list (at least 50, or 5k)
 * so that up to k pass; the response adds {@code "gate"} and, per item, {@code "conversion":
 * {"score", "uncertainty", "threshold"}}. Without a gate the parameter is a 400 naming it.
 */
public final class RelatedApi implements ApiModule {
  public static final int MAX_K = 1000;
  /** How many related items a gated request considers at least. */
  static final int DEPTH = 50;
  private final RelatedItems related;
  private final ItemGate gate;
  private final java.util.function.Predicate<String> inCatalog;

  public RelatedApi(RelatedItems related) {
    this(related, null);
  }

  /** Related items whose requests may ask for a conversion decision applied by {@code gate} (null: none deployed). */
  public RelatedApi(RelatedItems related, ItemGate gate) {
    this(related, gate, id -> true);
  }

  /**
   * As above, serving only items for which {@code inCatalog} holds: items deleted from the catalog
   * since the model was trained are never served (neither asked about: 404), and the next related
   * items take their places.
   */
  public RelatedApi(RelatedItems related, ItemGate gate, java.util.function.Predicate<String> inCatalog) {
    this.related = related;
    this.gate = gate;
    this.inCatalog = inCatalog;
  }

  @Override
  public void register(Javalin app) {
    app.get("/related/{item}", ctx -> {
      String item = ctx.pathParam("item");
      int k = Requests.queryInt(ctx, "k", 10, 1, MAX_K);
      if (related.model().indexOf(item) < 0) {
        throw ApiException.notFound("item", item, "unknown item '" + item + "': not a node of the graph model");
      }
      if (!inCatalog.test(item)) {
        throw ApiException.notFound("item", item, "item '" + item + "' was deleted from the catalog");
      }
      String precisionParam = ctx.queryParam("min_precision");
      double minPrecision = Double.NaN;
      if (precisionParam != null) {
        if (gate == null) {
          throw ApiException.badRequest("min_precision", precisionParam,
              "no conversion decision model is deployed: start the server with --decision-model FILE");
        }
        try {
          minPrecision = Double.parseDouble(precisionParam);
        } catch (NumberFormatException e) {
          minPrecision = Double.NaN;
        }
        if (!(minPrecision > 0 && minPrecision <= 1)) {
          throw ApiException.badRequest("min_precision", precisionParam, "expected a precision in (0, 1]");
        }
        gate.checkPrecision(minPrecision);
      }
      boolean gated = precisionParam != null;
      List<Candidate> cs;
      try {
        int depth = gated ? Math.min(MAX_K, Math.max(DEPTH, 5 * k)) : k;
        cs = related.related(item, depth);
        if (cs.stream().anyMatch(c -> !inCatalog.test(c.itemId()))) {
          // deleted items leave gaps: look deeper and keep the first `depth` items still in the catalog
          List<Candidate> kept = new ArrayList<>();
          for (Candidate c : related.related(item, Math.min(related.model().nodeCount(), 4 * depth + 16))) {
            if (kept.size() < depth && inCatalog.test(c.itemId())) {
              kept.add(c);
            }
          }
          cs = kept;
        }
      } catch (InvalidInputException e) {
        throw ApiException.badRequest(e.field(), e.value(), e.getMessage());
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("item", item);
      body.put("k", k);
      Map<String, ItemGate.Verdict> verdicts = new HashMap<>();
      if (gated) {
        ItemGate.Viewer viewer = new ItemGate.Viewer(ctx.queryParam("user"), ctx.queryParam("session"), UUID.randomUUID().toString(), null, Instant.now());
        Map<String, Candidate> byId = new HashMap<>();
        cs.forEach(c -> byId.put(c.itemId(), c));
        List<Candidate> kept = new ArrayList<>();
        for (ItemGate.Verdict v : gate.keep(cs.stream().map(Candidate::itemId).toList(), viewer, minPrecision, k)) {
          verdicts.put(v.itemId(), v);
          kept.add(byId.get(v.itemId()));
        }
        body.put("gate", gate.summary(minPrecision, cs.size(), kept.size()));
        cs = kept;
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
        ItemGate.Verdict v = verdicts.get(c.itemId());
        if (v != null) {
          m.put("conversion", v.toJson());
        }
        items.add(m);
      }
      body.put("items", items);
      ctx.json(body);
    });
  }
}
