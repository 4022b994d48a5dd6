package dev.funnel.serving;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.BanditService;
import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.core.util.Deadline;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.rank.RankingService;
import dev.funnel.serving.chain.Chain;
import dev.funnel.serving.chain.DecideStage;
import dev.funnel.serving.chain.Exchange;
import dev.funnel.serving.chain.GateStage;
import dev.funnel.serving.chain.InterpretStage;
import dev.funnel.serving.chain.RankStage;
import dev.funnel.serving.chain.RecordStage;
import dev.funnel.serving.chain.RetrieveStage;
import dev.funnel.serving.chain.UnionStage;
import dev.funnel.uncertainty.ItemGate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The search funnel: one {@link SearchRequest} through the stage {@link Chain} Interpret
 * (query understanding, once) → Decide (the bandit's strategies and budgets, with its propensity,
 * or the request's own strategies) → Retrieve (the strategies, with the request's filters and
 * seed items) → Union (one candidate per item with provenance, facet counts) → Rank (the ranker,
 * read once, scores every candidate) → Gate (the page, or the conversion decision's kept items,
 * explained) → Record (into the {@link RequestLedger}, so feedback joins it). Each stage has one
 * job and its documented contract; the {@link Exchange} carries the request and what each stage
 * added, and its trace times each stage. One instance serves all threads; the retrievers, the
 * bandit, the ranking service and the ledger are thread-safe.
 */
public final class SearchFunnel {
  private final Map<String, Retriever> retrievers;
  private final Function<String, Optional<Item>> catalog;
  private final QueryUnderstanding understanding;
  private final BanditService bandit;
  private final RankingService ranking;
  private final RequestLedger ledger;
  private final FunnelConfig config;
  private final RecordStage record;
  private volatile GateStage gate;
  private volatile Chain chain;
  private final InterpretStage interpret;
  private final DecideStage decide;
  private final RetrieveStage retrieve;
  private final UnionStage union;
  private final RankStage rank;

  /**
   * @param retrievers every strategy the bandit may choose, by name (each must be in the bandit's
   *     action space to be chosen by it; requests may name any of them)
   * @param catalog item lookup by id; candidates unknown to it are dropped
   * @param keywordFields the catalog's keyword fields (facets may name them)
   * @param understanding query understanding (its type is the bandit's intent context)
   */
  public SearchFunnel(Map<String, Retriever> retrievers, Function<String, Optional<Item>> catalog, Set<String> keywordFields,
      QueryUnderstanding understanding, BanditService bandit, RankingService ranking, RequestLedger ledger, FunnelConfig config) {
    this.retrievers = Map.copyOf(retrievers);
    this.catalog = catalog;
    this.understanding = understanding;
    this.bandit = bandit;
    this.ranking = ranking;
    this.ledger = ledger;
    this.config = config;
    for (String s : bandit.actionSpace().strategies()) {
      if (!this.retrievers.containsKey(s)) {
        throw new InvalidInputException("strategies", s, "the bandit's strategy has no retriever; expected one of " + this.retrievers.keySet());
      }
    }
    this.interpret = new InterpretStage(understanding);
    this.decide = new DecideStage(bandit, this.retrievers.keySet());
    this.retrieve = new RetrieveStage(this.retrievers, catalog, config.graphSeeds());
    this.union = new UnionStage(catalog, keywordFields);
    this.rank = new RankStage(ranking);
    this.record = new RecordStage(ledger, bandit);
    deploy(null);
  }

  /** Deploys a conversion decision ({@code null}: none): requests with a {@code decision} are then gated by it. */
  public synchronized void deploy(ItemGate itemGate) {
    gate = new GateStage(itemGate, ranking, config.explainTop());
    chain = new Chain(List.of(interpret, decide, retrieve, union, rank, gate, record));
  }

  /** Adds a consumer called with every served request, in the request thread, after it is recorded. */
  public void onServed(Consumer<ServedRequest> listener) {
    record.onServed(listener);
  }

  /** The stage names, in order. */
  public List<String> stages() {
    return chain.names();
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

  public RequestLedger ledger() {
    return ledger;
  }

  public FunnelConfig config() {
    return config;
  }

  /** Runs the full funnel on {@code query}: the bandit chooses the strategies. */
  public ServedRequest search(Query query, int k) {
    return search(query, k, null);
  }

  /**
   * Runs the funnel on {@code query} (its context and time as given) with {@code forced}
   * strategies and budgets (null: the bandit chooses). A forced action is logged with policy
   * {@code fixed} and propensity 1 and is not learned from.
   */
  public ServedRequest search(Query query, int k, Action forced) {
    return search(query, k, forced, Deadline.none());
  }

  /** As {@link #search(Query, int, Action)}, within {@code deadline} (see {@link #run}). */
  public ServedRequest search(Query query, int k, Action forced, Deadline deadline) {
    Checks.atLeast("k", k, 1);
    Exchange x = new Exchange(UUID.randomUUID().toString(), SearchRequest.of(query, k), query, forced, deadline);
    chain.proceed(x);
    return x.record();
  }

  /**
   * Answers one request, asked now, within {@code deadline}: once it has passed, the strategies
   * not yet run are skipped and so are the explanations, and the request is served from what was
   * retrieved, marked partial. Returns the exchange with every stage's part and the trace.
   */
  public Exchange run(SearchRequest request, Deadline deadline) {
    gate.check(request);
    Exchange x = new Exchange(UUID.randomUUID().toString(), request, request.toQuery(java.time.Instant.now()), null, deadline);
    chain.proceed(x);
    return x;
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
    int budget = bandit.actionSpace().maxBudget();
    for (int r = 0; r < rounds; r++) {
      for (String text : queries) {
        if (text == null || text.isBlank()) {
          continue;
        }
        Query query = Query.of(text);
        understanding.interpret(text);
        Map<String, List<Candidate>> lists = new LinkedHashMap<>();
        for (Map.Entry<String, Retriever> e : new TreeMap<>(retrievers).entrySet()) {
          lists.put(e.getKey(), e.getValue().retrieve(query, budget));
        }
        Map<String, Item> items = new HashMap<>();
        List<Candidate> known = new ArrayList<>();
        for (Candidate c : UnionStage.union(lists)) {
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
}
