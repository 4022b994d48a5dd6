package dev.funnel.serving.chain;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import dev.funnel.core.util.Deadline;
import dev.funnel.query.Interpretation;
import dev.funnel.rank.RankingService;
import dev.funnel.serving.SearchRequest;
import dev.funnel.serving.ServedRequest;
import dev.funnel.serving.StrategyDecision;
import dev.funnel.uncertainty.ItemGate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request on its way through the {@link Chain}: the typed request and the query the
 * retrievers see, then what each stage adds, in order: the interpretation (Interpret), the
 * strategy decision (Decide), each strategy's candidate list (Retrieve), the union with its items
 * and facet counts (Union), the ranker that scores and explains this request and every candidate
 * ranked (Rank), the page served and the gate's verdicts (Gate), and the served record (Record).
 * Each part is set once, by its stage; reading a part before its stage ran fails. The {@link
 * Trace} times the stages. Confined to the request's thread.
 */
public final class Exchange {
  private final String requestId;
  private final SearchRequest request;
  private final Query query;
  private final Action forced;
  private final Deadline deadline;
  private final Trace trace = new Trace();
  private Interpretation interpretation;
  private StrategyDecision decision;
  private ServedDecision pending;
  private Map<String, List<Candidate>> lists;
  private List<Candidate> union;
  private Map<String, Item> items;
  private int retrieved;
  private Map<String, Map<String, Long>> facets = Map.of();
  private String rankerName;
  private dev.funnel.rank.Ranker ranker;
  private List<RankingService.Ranked> ranked;
  private List<RankingService.Ranked> served;
  private Map<String, ItemGate.Verdict> verdicts = Map.of();
  private boolean partial;
  private ServedRequest record;

  /**
   * @param forced the strategies and budgets to run (null: the request's named strategies, or the bandit's choice)
   */
  public Exchange(String requestId, SearchRequest request, Query query, Action forced, Deadline deadline) {
    this.requestId = requestId;
    this.request = request;
    this.query = query;
    this.forced = forced;
    this.deadline = deadline == null ? Deadline.none() : deadline;
  }

  private static <T> T once(T current, T next, String part) {
    if (current != null) {
      throw new IllegalStateException("the " + part + " of a request is set once, by its stage");
    }
    if (next == null) {
      throw new InvalidInputException(part, null, "expected a value");
    }
    return next;
  }

  private static <T> T required(T value, String part) {
    if (value == null) {
      throw new IllegalStateException("the " + part + " is read before its stage ran");
    }
    return value;
  }

  public String requestId() {
    return requestId;
  }

  public SearchRequest request() {
    return request;
  }

  public Query query() {
    return query;
  }

  /** The strategies and budgets a caller inside the process forces, or null. */
  public Action forced() {
    return forced;
  }

  public Deadline deadline() {
    return deadline;
  }

  public Trace trace() {
    return trace;
  }

  public Interpretation interpretation() {
    return required(interpretation, "interpretation");
  }

  public void interpretation(Interpretation in) {
    interpretation = once(interpretation, in, "interpretation");
  }

  public StrategyDecision decision() {
    return required(decision, "decision");
  }

  /** The bandit's decision awaiting its reward, or null for a fixed decision. */
  public ServedDecision pending() {
    return pending;
  }

  public void decision(StrategyDecision d, ServedDecision bandit) {
    decision = once(decision, d, "decision");
    pending = bandit;
  }

  /** Each strategy's candidates (with provenance), in the action's strategy order. */
  public Map<String, List<Candidate>> lists() {
    return required(lists, "candidate lists");
  }

  public void lists(Map<String, List<Candidate>> byStrategy, boolean cut) {
    lists = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(once(lists, byStrategy, "candidate lists")));
    partial |= cut;
    int n = 0;
    for (List<Candidate> l : lists.values()) {
      n += l.size();
    }
    retrieved = n;
  }

  public int retrieved() {
    return retrieved;
  }

  /** One candidate per known item, with every provenance entry. */
  public List<Candidate> union() {
    return required(union, "union");
  }

  public Map<String, Item> items() {
    return required(items, "union's items");
  }

  public void union(List<Candidate> candidates, Map<String, Item> byId, Map<String, Map<String, Long>> facetCounts) {
    union = List.copyOf(once(union, candidates, "union"));
    items = Map.copyOf(byId);
    facets = facetCounts;
  }

  public Map<String, Map<String, Long>> facets() {
    return facets;
  }

  /** The name of the ranker that scored this request, read once when it was acquired (a retrain later does not change it). */
  public String rankerName() {
    return required(rankerName, "ranker");
  }

  /** The ranker that scores and explains this request (retained by the Rank stage while later stages run). */
  public dev.funnel.rank.Ranker ranker() {
    return required(ranker, "ranker");
  }

  public void ranked(dev.funnel.rank.Ranker r, List<RankingService.Ranked> all) {
    ranker = once(ranker, r, "ranker");
    rankerName = r.name();
    ranked = List.copyOf(all);
  }

  /** Every candidate ranked, best first, without explanations. */
  public List<RankingService.Ranked> ranked() {
    return required(ranked, "ranking");
  }

  /** The page served, in order, with explanations. */
  public List<RankingService.Ranked> served() {
    return required(served, "served page");
  }

  public void served(List<RankingService.Ranked> page, Map<String, ItemGate.Verdict> byItem) {
    served = List.copyOf(once(served, page, "served page"));
    verdicts = Map.copyOf(byItem);
  }

  /** The gate's verdict per served item (empty without a decision). */
  public Map<String, ItemGate.Verdict> verdicts() {
    return verdicts;
  }

  public void markPartial() {
    partial = true;
  }

  /** Whether the deadline cut the request short (strategies or explanations skipped). */
  public boolean partial() {
    return partial;
  }

  public ServedRequest record() {
    return required(record, "served record");
  }

  public void record(ServedRequest r) {
    record = once(record, r, "served record");
  }
}
