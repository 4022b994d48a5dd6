package dev.funnel.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.bandit.Action;
import dev.funnel.core.Candidate;
import dev.funnel.core.Context;
import dev.funnel.core.Item;
import dev.funnel.core.ItemGate;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import dev.funnel.core.util.Deadline;
import dev.funnel.graph.GraphRetriever;
import dev.funnel.memory.Interpretation;
import dev.funnel.rank.Explanation;
import dev.funnel.rank.RankingService;
import dev.funnel.retrieval.SearchApi;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.RequestLimits;
import dev.funnel.server.Requests;
import dev.funnel.uncertainty.DecisionFilter;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * {@code POST /search} over the whole funnel. A request that names {@code "strategies"} of the
 * catalog index only is answered by those strategies alone ({@link SearchApi}); one that names a
 * loop strategy ({@code memory}, {@code structured}, {@code graph}) runs the funnel with exactly
 * those strategies (a fixed decision, not learned from); any other request runs
 * {@link SearchFunnel}: {@code {"query": "...", "k": 10, "filters": {...}, "user": "...",
 * "session": "...", "segment": "...", "seed_items": ["id", ...]}} -> {@code {"request_id",
 * "query", "k", "took_ms", "interpretation": {"type", "residual", "filters", "spans"},
 * "decision": {"policy", "action", "budgets", "propensity"}, "candidates_retrieved", "ranker",
 * "items": [{"id", "score", "rank", "fields", "found_by", "provenance", "why": [{"feature",
 * "value", "contribution"}]}]}}. Validation errors are 400s naming the field.
 *
 * <p>With a deployed {@link ItemGate}, a request may add {@code "decision": {"min_precision":
 * P}}: every candidate is ranked, and only the items whose predicted conversion passes the
 * threshold of their uncertainty level for precision P are served (at most k, best first); the
 * response then has {@code "gate": {"min_precision", "ranked", "kept", ...model}} and each item a
 * {@code "conversion": {"score", "uncertainty", "threshold"}}. Without a gate, or with an
 * unreachable P, the request is a 400 naming {@code decision} or {@code precision}.
 */
public final class FunnelSearchApi implements ApiModule {
  private final SearchFunnel funnel;
  private final SearchApi single;
  private final Function<String, Optional<Item>> catalog;
  private final ItemGate gate;
  /** Candidates per strategy of a request that names its strategies. */
  static final int FORCED_BUDGET = 100;

  public FunnelSearchApi(SearchFunnel funnel, SearchApi single, Function<String, Optional<Item>> catalog) {
    this(funnel, single, catalog, null);
  }

  /** A search API whose requests may ask for a conversion decision applied by {@code gate} (null: none deployed). */
  public FunnelSearchApi(SearchFunnel funnel, SearchApi single, Function<String, Optional<Item>> catalog, ItemGate gate) {
    this.funnel = funnel;
    this.single = single;
    this.catalog = catalog;
    this.gate = gate;
  }

  @Override
  public void register(Javalin app) {
    app.post("/search", this::serve);
  }

  /** Answers one {@code POST /search} (also called by {@link ReplicaServing} on the generation a request acquired). */
  void serve(io.javalin.http.Context ctx) {
    JsonNode body = Requests.object(ctx);
    if (body.has("strategies")) {
      if (body.has("decision")) {
        throw ApiException.badRequest("decision", body.get("decision").toString(),
            "expected no decision with 'strategies': the conversion decision applies to the full funnel");
      }
      Action forced = forcedAction(body);
      if (forced == null) {
        single.handle(ctx);
      } else {
        checkCandidates(forced, FunnelServer.limits(ctx));
        ctx.json(handle(body, forced, FunnelServer.deadline(ctx)));
      }
    } else {
      ctx.json(handle(body, null, FunnelServer.deadline(ctx)));
    }
  }

  /**
   * The action of a request naming strategies that the catalog index alone cannot answer
   * ({@code memory}, {@code structured}, {@code graph}): those strategies, each with a budget of
   * max(k, {@value #FORCED_BUDGET}) candidates, ranked by the funnel's ranker and logged as a fixed
   * decision. Null when every named strategy is a catalog strategy (answered by {@link SearchApi}).
   */
  Action forcedAction(JsonNode body) {
    List<String> names = Requests.optionalStrings(body, "strategies");
    if (names == null || names.isEmpty() || names.stream().allMatch(single::knows)) {
      return null;
    }
    int k = Requests.optionalInt(body, "k", 10, 1, SearchApi.MAX_K);
    Map<String, Integer> budgets = new LinkedHashMap<>();
    for (String n : names) {
      if (!funnel.retrievers().containsKey(n)) {
        throw ApiException.badRequest("strategies", n, "unknown strategy, expected one of " + new java.util.TreeSet<>(funnel.retrievers().keySet()));
      }
      budgets.put(n, Math.max(k, FORCED_BUDGET));
    }
    return new Action(budgets);
  }

  /** A request naming its strategies may not retrieve more candidates than the server's limit. */
  static void checkCandidates(Action forced, RequestLimits limits) {
    int total = forced.budgets().values().stream().mapToInt(Integer::intValue).sum();
    if (total > limits.maxRequestCandidates()) {
      throw ApiException.badRequest("strategies", forced.budgets().keySet(), "expected at most " + limits.maxRequestCandidates()
          + " candidates per request (limit max_request_candidates), but these strategies retrieve " + total);
    }
  }

  /** Validates one full-funnel request body and answers it. */
  Map<String, Object> handle(JsonNode body) {
    return handle(body, null, Deadline.none());
  }

  /** Answers a request with the bandit's decision ({@code forced} null) or with the given strategies. */
  Map<String, Object> handle(JsonNode body, Action forced) {
    return handle(body, forced, Deadline.none());
  }

  /**
   * Answers a request within {@code deadline}: a request whose deadline passed while it waited
   * for a slot is a 503; one that passes it while running is answered with what it has, marked
   * {@code "partial": true}.
   */
  Map<String, Object> handle(JsonNode body, Action forced, Deadline deadline) {
    long start = System.nanoTime();
    String text = Requests.requiredText(body, "query");
    if (text.isBlank()) {
      throw ApiException.badRequest("query", text, "expected a non-blank string");
    }
    int k = Requests.optionalInt(body, "k", 10, 1, SearchApi.MAX_K);
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> seeds = Requests.optionalStrings(body, "seed_items");
    if (seeds != null && !seeds.isEmpty()) {
      attributes.put(GraphRetriever.SEED_ATTRIBUTE, String.join(",", seeds));
    }
    Context context = new Context(Requests.optionalText(body, "user"), Requests.optionalText(body, "session"),
        Requests.optionalText(body, "segment"), Instant.now(), attributes);
    OptionalDouble minPrecision = DecisionFilter.requestedPrecision(body);
    Map<String, ItemGate.Verdict> verdicts = new HashMap<>();
    int[] ranked = {0};
    SearchFunnel.Selection selection = null;
    if (minPrecision.isPresent()) {
      if (gate == null) {
        throw ApiException.badRequest("decision", body.get("decision").toString(),
            "no conversion decision model is deployed: start the server with --decision-model FILE");
      }
      double p = minPrecision.getAsDouble();
      gate.checkPrecision(p);
      selection = (requestId, all) -> {
        ranked[0] = all.size();
        Map<String, RankingService.Ranked> byId = new HashMap<>();
        all.forEach(x -> byId.put(x.candidate().itemId(), x));
        ItemGate.Viewer viewer = new ItemGate.Viewer(context.userId(), context.sessionId(), requestId, text, context.time());
        List<RankingService.Ranked> kept = new ArrayList<>();
        for (ItemGate.Verdict v : gate.keep(all.stream().map(x -> x.candidate().itemId()).toList(), viewer, p, k)) {
          verdicts.put(v.itemId(), v);
          kept.add(byId.get(v.itemId()));
        }
        return kept;
      };
    }
    if (deadline.passed()) {
      throw new ApiException(503, null, null, "overloaded: the request's deadline passed before it could start (limit deadline); retry later");
    }
    ServedRequest r = funnel.search(new Query(text, Requests.optionalStringMap(body, "filters"), context), k, forced, selection, deadline);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("request_id", r.requestId());
    out.put("query", text);
    out.put("k", k);
    out.put("interpretation", interpretation(r.interpretation()));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("policy", r.decision().policy());
    d.put("action", r.decision().action().id());
    d.put("budgets", r.decision().action().budgets());
    d.put("propensity", r.decision().propensity());
    out.put("decision", d);
    out.put("candidates_retrieved", r.candidatesRetrieved());
    out.put("candidates_ranked", r.uniqueCandidates());
    out.put("ranker", funnel.ranking().ranker().name());
    if (minPrecision.isPresent()) {
      out.put("gate", gate.summary(minPrecision.getAsDouble(), ranked[0], r.items().size()));
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < r.items().size(); i++) {
      Map<String, Object> item = render(r.items().get(i), i + 1);
      ItemGate.Verdict v = verdicts.get(r.items().get(i).candidate().itemId());
      if (v != null) {
        item.put("conversion", v.toJson());
      }
      items.add(item);
    }
    out.put("items", items);
    out.put("partial", r.partial());
    out.put("took_ms", (System.nanoTime() - start) / 1e6);
    return out;
  }

  private static Map<String, Object> interpretation(Interpretation in) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", in.type().name().toLowerCase(java.util.Locale.ROOT));
    m.put("residual", in.residual());
    m.put("filters", in.filters());
    List<Map<String, Object>> spans = new ArrayList<>();
    for (Interpretation.Span s : in.spans()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("text", s.text());
      sm.put("field", s.field());
      sm.put("value", s.value());
      sm.put("confidence", s.confidence());
      sm.put("source", s.source().name().toLowerCase(java.util.Locale.ROOT));
      sm.put("filter", s.filter());
      spans.add(sm);
    }
    m.put("spans", spans);
    return m;
  }

  private Map<String, Object> render(RankingService.Ranked r, int rank) {
    Candidate c = r.candidate();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.itemId());
    m.put("score", r.score());
    m.put("rank", rank);
    Map<String, Object> fields = new LinkedHashMap<>();
    catalog.apply(c.itemId()).ifPresent(item -> {
      fields.put("text", item.text());
      fields.put("keywords", item.keywords());
      fields.put("numbers", item.numbers());
    });
    m.put("fields", fields);
    m.put("found_by", c.provenance().stream().map(Provenance::strategy).toList());
    List<Map<String, Object>> prov = new ArrayList<>();
    for (Provenance p : c.provenance()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("strategy", p.strategy());
      pm.put("raw_score", p.rawScore());
      pm.put("rank", p.rank());
      prov.add(pm);
    }
    m.put("provenance", prov);
    List<Map<String, Object>> why = new ArrayList<>();
    for (Explanation.Contribution x : r.why()) {
      Map<String, Object> wm = new LinkedHashMap<>();
      wm.put("feature", x.feature());
      wm.put("value", x.value());
      wm.put("contribution", x.contribution());
      why.add(wm);
    }
    m.put("why", why);
    return m;
  }

}
