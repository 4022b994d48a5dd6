package dev.funnel.serving;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.BanditContext;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.util.Deadline;
import dev.funnel.core.Context;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.graph.GraphRetriever;
import dev.funnel.query.Interpretation;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.rank.RankingService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The whole search funnel for one request: query understanding, the bandit's choice of strategies
 * and budgets (with its propensity), the chosen retrievers, the union of their candidates with
 * provenance, features and ranker ({@link RankingService}, the same feature code path that the
 * training log records), the top k. Every response is recorded in the {@link FunnelRequestLog}
 * so that feedback events can be joined to it ({@link FeedbackLoop}).
 *
 * <p>The {@code graph} strategy, when present, is seeded with the request's own {@code
 * seed_items} context attribute (the user's recent items) or else with the top {@code graphSeeds}
 * hits of {@code bm25}. One instance serves all threads; the retrievers, the bandit and the
 * ranking service are thread-safe.
 */
public final class SearchFunnel {
  /** The lexical strategy that seeds {@code graph} when the request has no seeds of its own. */
  public static final String SEED_STRATEGY = "bm25";

  private final Map<String, Retriever> retrievers;
  private final Function<String, Optional<Item>> catalog;
  private final QueryUnderstanding understanding;
  private final BanditService bandit;
  private final RankingService ranking;
  private final FunnelRequestLog requests;
  private final FunnelConfig config;
  private final List<Consumer<ServedRequest>> servedListeners = new CopyOnWriteArrayList<>();

  /**
   * @param retrievers every strategy the bandit may choose, by name (each must be in the bandit's
   *     action space to be chosen by it; forced actions may name any of them)
   * @param catalog item lookup by id; candidates unknown to it are dropped
   * @param understanding query understanding (its type is the bandit's intent context)
   */
  public SearchFunnel(Map<String, Retriever> retrievers, Function<String, Optional<Item>> catalog, QueryUnderstanding understanding,
      BanditService bandit, RankingService ranking, FunnelRequestLog requests, FunnelConfig config) {
    this.retrievers = Map.copyOf(retrievers);
    this.catalog = catalog;
    this.understanding = understanding;
    this.bandit = bandit;
    this.ranking = ranking;
    this.requests = requests;
    this.config = config;
    for (String s : bandit.actionSpace().strategies()) {
      if (!this.retrievers.containsKey(s)) {
        throw new InvalidInputException("strategies", s, "the bandit's strategy has no retriever; expected one of " + this.retrievers.keySet());
      }
    }
  }

  /** Adds a consumer called with every served request, in the request thread, after it is logged. */
  public void onServed(Consumer<ServedRequest> listener) {
    servedListeners.add(listener);
  }

  public Map<String, Retriever> retrievers() {
    return retrievers;
  }

  public BanditService bandit() {
    return bandit;
  }

  public RankingService ranking() {
    return ranking;
  }

  public FunnelRequestLog requests() {
    return requests;
  }

  public FunnelConfig config() {
    return config;
  }

  /** Runs the full funnel: the bandit chooses the strategies. */
  public ServedRequest search(Query query, int k) {
    return search(query, k, null);
  }

  /**
   * Runs the funnel with {@code forced} strategies and budgets (null: the bandit chooses). A
   * forced action is logged with policy {@code fixed} and propensity 1 and is not learned from.
   */
  public ServedRequest search(Query query, int k, Action forced) {
    return search(query, k, forced, null);
  }

  /**
   * A post-ranking decision of one request: from every candidate ranked (best first), the items
   * to serve in the order to show them. It runs before the request is recorded, so positions,
   * training records and rewards refer to what was served.
   */
  @FunctionalInterface
  public interface Selection {
    List<RankingService.Ranked> select(String requestId, List<RankingService.Ranked> ranked);
  }

  /** Runs the funnel with {@code forced} strategies (null: the bandit's) and a {@code selection} (null: the top k). */
  public ServedRequest search(Query query, int k, Action forced, Selection selection) {
    return search(query, k, forced, selection, Deadline.none());
  }

  /**
   * As {@link #search(Query, int, Action, Selection)}, within {@code deadline}: once it has
   * passed, the strategies not yet run are skipped and so are the explanations, and the request
   * is served from what was retrieved, marked {@link ServedRequest#partial()}.
   */
  public ServedRequest search(Query query, int k, Action forced, Selection selection, Deadline deadline) {
    Checks.atLeast("k", k, 1);
    String requestId = UUID.randomUUID().toString();
    Interpretation in = understanding.interpret(query.text());
    StrategyDecision decision;
    if (forced == null) {
      ServedDecision d = bandit.decide(requestId, BanditContext.of(query, in.type().name().toLowerCase(java.util.Locale.ROOT)), prior(in));
      decision = new StrategyDecision(d.policy(), d.action(), d.propensity(), true);
    } else {
      for (String s : forced.budgets().keySet()) {
        if (!retrievers.containsKey(s)) {
          throw new InvalidInputException("strategies", s, "unknown strategy, expected one of " + new java.util.TreeSet<>(retrievers.keySet()));
        }
      }
      decision = StrategyDecision.fixed(forced);
    }
    boolean[] cut = {false};
    Map<String, List<Candidate>> lists = retrieve(query, decision.action(), deadline, cut);
    int retrieved = 0;
    for (List<Candidate> l : lists.values()) {
      retrieved += l.size();
    }
    List<Candidate> union = union(lists);
    Map<String, Item> items = new HashMap<>();
    List<Candidate> known = new ArrayList<>(union.size());
    for (Candidate c : union) {
      Optional<Item> item = catalog.apply(c.itemId());
      if (item.isPresent()) {
        items.put(c.itemId(), item.get());
        known.add(c);
      }
    }
    boolean late = deadline.passed();
    List<RankingService.Ranked> top = ranking.rank(query, known, items::get, k, late ? 0 : config.explainTop(),
        selection == null ? null : ranked -> selection.select(requestId, ranked));
    ServedRequest served = new ServedRequest(requestId, query, in, decision, top, retrieved, known.size(), cut[0] || late);
    requests.record(served);
    servedListeners.forEach(l -> l.accept(served));
    return served;
  }

  /**
   * Runs query understanding, every strategy at the largest budget and the ranker on {@code
   * queries} {@code rounds} times, recording nothing (no request id, no bandit decision, no
   * training log): the JIT, Lucene's caches and the ranker's native code are warm before real
   * traffic, so the first real query costs about what the hundredth does. Returns the
   * milliseconds spent.
   */
  public long warmUp(List<String> queries, int rounds) {
    long t0 = System.nanoTime();
    Map<String, Integer> all = new java.util.TreeMap<>();
    int budget = bandit.actionSpace().maxBudget();
    retrievers.keySet().forEach(k -> all.put(k, budget));
    Action every = new Action(all);
    for (int r = 0; r < rounds; r++) {
      for (String text : queries) {
        if (text == null || text.isBlank()) {
          continue;
        }
        Query query = Query.of(text);
        understanding.interpret(text);
        List<Candidate> union = union(retrieve(query, every, dev.funnel.core.util.Deadline.none(), new boolean[1]));
        Map<String, Item> items = new HashMap<>();
        List<Candidate> known = new ArrayList<>();
        for (Candidate c : union) {
          catalog.apply(c.itemId()).ifPresent(i -> {
            items.put(c.itemId(), i);
            known.add(c);
          });
        }
        ranking.rank(query, known, items::get, 10, config.explainTop(), null);
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Rewarded decisions before the bandit's own policy replaces the cold-start prior. */
  public static final int COLD_START_UPDATES = 200;

  /**
   * The cold-start prior for a request ({@link BanditService.Prior}), or null when the action
   * space lacks its strategies. When query understanding found filters (a confident structured
   * reading, e.g. a brand), the prior exploits {@code structured} at the largest budget and
   * explores only among {@code structured}-only actions, the strategies that apply those
   * filters; otherwise it exploits {@code hybrid} (or {@code bm25} without vectors) and explores
   * over every action. Exploration rate: the policy's epsilon.
   */
  BanditService.Prior prior(Interpretation in) {
    var space = bandit.actionSpace();
    List<String> strategies = space.strategies();
    boolean structured = !in.filters().isEmpty() && strategies.contains("structured");
    String preferred = structured ? "structured" : strategies.contains("hybrid") ? "hybrid" : strategies.contains("bm25") ? "bm25" : null;
    if (preferred == null) {
      return null;
    }
    Action best = new Action(Map.of(preferred, space.maxBudget()));
    if (space.indexOf(best) < 0) {
      return null;
    }
    List<Action> allowed = structured
        ? space.actions().stream().filter(a -> a.budgets().keySet().equals(java.util.Set.of("structured"))).toList()
        : space.actions();
    double eps = bandit.config().policy().epsilon();
    return new BanditService.Prior(best, allowed, COLD_START_UPDATES, eps > 0 ? eps : 0.05);
  }

  /** Each chosen strategy's candidates, in the action's (sorted) strategy order. */
  private Map<String, List<Candidate>> retrieve(Query query, Action action, Deadline deadline, boolean[] cut) {
    Map<String, List<Candidate>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : action.budgets().entrySet()) {
      if (e.getKey().equals(dev.funnel.graph.RelatedItems.STRATEGY)) {
        continue;
      }
      if (!out.isEmpty() && deadline.passed()) {
        cut[0] = true; // the first strategy always runs, so a late request still has candidates
        continue;
      }
      out.put(e.getKey(), retrievers.get(e.getKey()).retrieve(query, e.getValue()));
    }
    int graphBudget = action.budget(dev.funnel.graph.RelatedItems.STRATEGY);
    if (graphBudget > 0 && !out.isEmpty() && deadline.passed()) {
      cut[0] = true;
    } else if (graphBudget > 0) {
      Retriever graph = retrievers.get(dev.funnel.graph.RelatedItems.STRATEGY);
      if (query.filters().isEmpty()) {
        out.put(dev.funnel.graph.RelatedItems.STRATEGY, graph.retrieve(seeded(query, out), graphBudget));
      } else {
        // the graph knows edges, not keywords: over-fetch, then keep the items that match every filter
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : graph.retrieve(seeded(query, out), graphBudget * FILTER_OVERFETCH)) {
          if (kept.size() < graphBudget && catalog.apply(c.itemId()).map(i -> matches(i, query.filters())).orElse(false)) {
            kept.add(c);
          }
        }
        out.put(dev.funnel.graph.RelatedItems.STRATEGY, kept);
      }
    }
    return out;
  }

  /** How many more graph neighbours are fetched when filters will drop some. */
  static final int FILTER_OVERFETCH = 4;

  /** Whether the item has every filter's value in its keyword field (the lexical strategies' filter rule). */
  public static boolean matches(Item item, Map<String, String> filters) {
    for (Map.Entry<String, String> f : filters.entrySet()) {
      if (!item.keywords().getOrDefault(f.getKey(), List.of()).contains(f.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The query with {@code seed_items} filled from the top lexical hits when it has none. */
  private Query seeded(Query query, Map<String, List<Candidate>> lists) {
    String own = query.context().attributes().get(GraphRetriever.SEED_ATTRIBUTE);
    if (own != null && !own.isBlank()) {
      return query;
    }
    List<Candidate> lexical = lists.get(SEED_STRATEGY);
    if (lexical == null || lexical.size() < config.graphSeeds()) {
      Retriever r = retrievers.get(SEED_STRATEGY);
      lexical = r == null ? List.of() : r.retrieve(query, config.graphSeeds());
    }
    List<String> seeds = lexical.stream().limit(config.graphSeeds()).map(Candidate::itemId).toList();
    Context c = query.context();
    Map<String, String> attributes = new LinkedHashMap<>(c.attributes());
    attributes.put(GraphRetriever.SEED_ATTRIBUTE, String.join(",", seeds));
    return new Query(query.text(), query.filters(), new Context(c.userId(), c.sessionId(), c.segment(), c.time(), attributes));
  }

  /**
   * The union of the strategies' lists: one candidate per item, in first-seen order (strategies
   * in order, each list by rank), carrying every provenance entry of every list that found it
   * (one per strategy name, the first seen), and the best score seen.
   */
  public static List<Candidate> union(Map<String, List<Candidate>> lists) {
    Map<String, List<Provenance>> prov = new LinkedHashMap<>();
    Map<String, Double> score = new HashMap<>();
    for (List<Candidate> list : lists.values()) {
      for (Candidate c : list) {
        List<Provenance> p = prov.computeIfAbsent(c.itemId(), x -> new ArrayList<>(2));
        for (Provenance q : c.provenance()) {
          if (p.stream().noneMatch(x -> x.strategy().equals(q.strategy()))) {
            p.add(q);
          }
        }
        score.merge(c.itemId(), c.score(), Math::max);
      }
    }
    List<Candidate> out = new ArrayList<>(prov.size());
    prov.forEach((id, p) -> out.add(new Candidate(id, score.get(id), p)));
    return out;
  }
}
