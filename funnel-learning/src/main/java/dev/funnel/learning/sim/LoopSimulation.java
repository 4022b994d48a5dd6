package dev.funnel.learning.sim;

import dev.funnel.bandit.Action;
import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Context;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.EventType;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.core.metrics.RankingMetrics;
import dev.funnel.serving.FunnelConfig;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import dev.funnel.serving.ServedRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Simulated users on a BEIR collection running the real loop. For each policy ({@link SimPolicy})
 * a fresh {@link FunnelLoop} (memory index with predicted queries, query understanding, bandit,
 * ranking service, feedback loop with inline LambdaMART retraining) serves {@code searches}
 * searches. Each search is a training-split query drawn by {@link QuerySampler}; the user sees the
 * top 10, and clicks follow {@link ClickModel} driven by the qrels; the impressions and clicks are
 * appended to an event store (when given, one per policy) and given to the feedback loop, and the request is then
 * settled (the session ends). Every policy sees the same query sequence and the same click
 * random numbers (common random numbers), so differences come from the policies. Policies run
 * {@code threads} at a time, each on its own loop, so results do not depend on the thread count.
 *
 * <p>Measured per search: reward (1 when the user clicked anything, the bandit's reward),
 * nDCG@10 of the served list against the qrels and the candidates the strategies retrieved; over
 * {@code checkpoints} equal windows (the timeline) and in total; and at the end nDCG@10 of the
 * final system over every distinct query seen (one more search each, after all learning).
 */
public final class LoopSimulation {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoopSimulation.class);
  /** Simulated time between searches; the memory index's 14-day half-life makes decay negligible over a run. */
  static final Duration STEP = Duration.ofSeconds(10);
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  /**
   * @param searches simulated searches per policy
   * @param seed seed of the query sequence, the clicks, the bandit and the ranker
   * @param policies policy names ({@link SimPolicy#parse})
   * @param strategies strategies available to every policy
   * @param budgets candidate budgets (the largest is the fixed, union and oracle budget)
   * @param maxTotal bandit action limit on total candidates
   * @param maxStrategies bandit action limit on strategies
   * @param costPenalty bandit cost penalty λ
   * @param zipf exponent of the query repeat distribution
   * @param clicks the click model
   * @param checkpoints windows of the timeline
   * @param retrainEvery feedback events between ranker retrainings
   */
  public record Config(int searches, long seed, List<String> policies, List<String> strategies, List<Integer> budgets, int maxTotal,
      int maxStrategies, double costPenalty, double zipf, ClickModel clicks, int checkpoints, int retrainEvery, int threads) {
    public Config {
      Checks.atLeast("searches", searches, 1);
      policies = List.copyOf(policies);
      strategies = List.copyOf(strategies);
      budgets = List.copyOf(budgets);
      Checks.atLeast("checkpoints", checkpoints, 1);
      Checks.atLeast("retrain_every", retrainEvery, 0);
      Checks.atLeast("threads", threads, 1);
      for (String p : policies) {
        SimPolicy.parse(p, strategies);
      }
    }

    /**
     * Defaults for {@code searches} and {@code seed}: strategies bm25, dense, hybrid, memory;
     * every default policy; budgets, limits and cost as {@link LoopOptions#defaults}; Zipf s = 1;
     * {@link ClickModel#DEFAULT}; 10 checkpoints; retraining every 2,000 clicks; two policies at a
     * time (2 cores).
     */
    public static Config defaults(int searches, long seed) {
      List<String> strategies = List.of("bm25", "dense", "hybrid", "memory");
      LoopOptions o = LoopOptions.defaults(strategies, seed);
      return new Config(searches, seed, SimPolicy.defaults(strategies), strategies, o.budgets(), o.maxTotal(), o.maxStrategies(),
          o.costPenalty(), 1.0, ClickModel.DEFAULT, 10, 2000, 2);
    }

    public Config withPolicies(List<String> p) {
      return new Config(searches, seed, p, strategies, budgets, maxTotal, maxStrategies, costPenalty, zipf, clicks, checkpoints, retrainEvery, threads);
    }

    public Config withStrategies(List<String> s) {
      return new Config(searches, seed, SimPolicy.defaults(s), s, budgets, maxTotal, maxStrategies, costPenalty, zipf, clicks, checkpoints, retrainEvery, threads);
    }

    public Config withCheckpoints(int n) {
      return new Config(searches, seed, policies, strategies, budgets, maxTotal, maxStrategies, costPenalty, zipf, clicks, n, retrainEvery, threads);
    }

    public Config withRetrainEvery(int n) {
      return new Config(searches, seed, policies, strategies, budgets, maxTotal, maxStrategies, costPenalty, zipf, clicks, checkpoints, n, threads);
    }

    public Config withThreads(int n) {
      return new Config(searches, seed, policies, strategies, budgets, maxTotal, maxStrategies, costPenalty, zipf, clicks, checkpoints, retrainEvery, n);
    }

    int maxBudget() {
      return budgets.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
  }

  /** Sums of one policy's per-search measures over a window. */
  static final class Totals {
    long searches;
    double reward;
    double ndcg;
    double candidates;

    void add(double r, double n, double c) {
      searches++;
      reward += r;
      ndcg += n;
      candidates += c;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reward_per_search", searches == 0 ? 0 : reward / searches);
      m.put("ndcg@10", searches == 0 ? 0 : ndcg / searches);
      m.put("candidates_per_search", searches == 0 ? 0 : candidates / searches);
      return m;
    }
  }

  private final Map<String, String> queries;
  private final Map<String, Map<String, Integer>> qrels;
  private final Map<String, Retriever> catalogStrategies;
  private final dev.funnel.memory.StructuredRetriever.Search structured;
  private final Config config;
  private final LoopFactory loops;

  /**
   * Opens a fresh loop without a state directory for one run: over the simulation's catalog
   * strategies (answers cached per run) and {@code structured} search, with the run's {@code
   * options} and the simulated {@code clock} as the memory index's time. The command line passes
   * the loop's assembly.
   */
  @FunctionalInterface
  public interface LoopFactory {
    FunnelLoop open(Map<String, Retriever> catalogStrategies, dev.funnel.memory.StructuredRetriever.Search structured, LoopOptions options,
        java.time.Clock clock) throws IOException;
  }

  /**
   * @param queries training queries by id (those with qrels are drawn)
   * @param qrels relevance grades by query id and item id
   * @param catalogStrategies the catalog's static strategies (wrapped in a per-run answer cache)
   * @param structured the {@code structured} strategy's search over the catalog (a query without
   *     boosts is the cached {@code bm25} answer, the same Lucene query)
   * @param loops opens each run's loop
   */
  public LoopSimulation(Map<String, String> queries, Map<String, Map<String, Integer>> qrels, Map<String, Retriever> catalogStrategies,
      dev.funnel.memory.StructuredRetriever.Search structured, Config config, LoopFactory loops) {
    this.queries = Map.copyOf(queries);
    this.qrels = Map.copyOf(qrels);
    Map<String, Retriever> cached = new LinkedHashMap<>();
    catalogStrategies.forEach((n, r) -> cached.put(n, new CachedRetriever(r)));
    this.catalogStrategies = cached;
    Retriever lexical = cached.get(dev.funnel.serving.chain.RetrieveStage.SEED_STRATEGY);
    this.structured = (q, k) -> q.boosts().isEmpty() && lexical != null ? lexical.retrieve(q.query(), k) : structured.search(q, k);
    this.config = config;
    this.loops = loops;
  }

  /**
   * Runs every policy; {@code events} (may be null) receives every simulated event, in group
   * commits of 100 searches. Returns the JSON-ready result.
   */
  public Map<String, Object> run(Function<String, EventLog> events) throws IOException {
    List<String> ids = queries.keySet().stream().filter(q -> qrels.containsKey(q) && !qrels.get(q).isEmpty()).sorted().toList();
    QuerySampler sampler = new QuerySampler(ids, config.zipf(), config.seed());
    Map<String, Object> perPolicy = new LinkedHashMap<>();
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (int c = 0; c < config.checkpoints(); c++) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("searches", (long) config.searches() * (c + 1) / config.checkpoints());
      point.put("policies", new LinkedHashMap<String, Object>());
      timeline.add(point);
    }
    Map<String, Future<Map<String, Object>>> futures = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    try {
      for (String name : config.policies()) {
        SimPolicy policy = SimPolicy.parse(name, config.strategies());
        EventLog log = events == null ? null : events.apply(name);
        futures.put(name, pool.submit(() -> {
          long t0 = System.nanoTime();
          Map<String, Object> r = runPolicy(policy, sampler, log, timeline);
          r.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
          LOG.info(String.format(java.util.Locale.ROOT, "simulate %-16s reward/search %.4f  nDCG@10 seen %.4f  candidates/search %.1f  (%.0f s)",
              name, r.get("reward_per_search"), r.get("ndcg@10"), r.get("candidates_per_search"), r.get("seconds")));
          return r;
        }));
      }
      for (Map.Entry<String, Future<Map<String, Object>>> f : futures.entrySet()) {
        perPolicy.put(f.getKey(), f.getValue().get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("simulation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    // timeline entries in policy order, whatever order the runs finished in
    for (Map<String, Object> point : timeline) {
      @SuppressWarnings("unchecked")
      Map<String, Object> byPolicy = (Map<String, Object>) point.get("policies");
      Map<String, Object> ordered = new LinkedHashMap<>();
      synchronized (timeline) {
        config.policies().forEach(p -> ordered.put(p, byPolicy.get(p)));
      }
      point.put("policies", ordered);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seed", config.seed());
    out.put("searches", config.searches());
    out.put("distinct_queries_available", ids.size());
    out.put("policies", perPolicy);
    out.put("timeline", timeline);
    return out;
  }

  /** The start of a run reported on its own ({@code first_1000}): what a new deployment's users see. */
  static final int FIRST_SEARCHES = 1000;

  @SuppressWarnings("unchecked")
  private Map<String, Object> runPolicy(SimPolicy policy, QuerySampler sampler, EventLog log, List<Map<String, Object>> timeline) throws IOException {
    SimClock clock = new SimClock(START);
    String banditPolicy = policy.kind() == SimPolicy.Kind.BANDIT ? policy.strategy() : "linucb";
    // no explanations (not shown to simulated users); a 5,000-request training window and 50
    // rounds keep each inline retraining around a second on 2 cores
    FunnelConfig fc = new FunnelConfig(0, 3, 1000, policy.learnsRanker() ? config.retrainEvery() : 0, 50, 5_000, false, 50, config.seed());
    LoopOptions options = new LoopOptions(config.strategies(), config.budgets(), config.maxTotal(), config.maxStrategies(),
        dev.funnel.bandit.PolicyConfig.defaults(banditPolicy), List.of(), config.costPenalty(), true, fc);
    FunnelLoop loop = loops.open(catalogStrategies, structured, options, clock);
    SplittableRandom queryRnd = new SplittableRandom(config.seed());
    SplittableRandom clickRnd = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    Totals total = new Totals();
    Totals window = new Totals();
    Totals first = new Totals();
    Set<String> seen = new LinkedHashSet<>();
    Map<String, Long> actions = new TreeMap<>();
    List<Event> pending = new ArrayList<>();
    int checkpoint = 0;
    for (int i = 1; i <= config.searches(); i++) {
      clock.advance(STEP);
      String qid = sampler.next(queryRnd);
      seen.add(qid);
      Query q = new Query(queries.get(qid), Map.of(), new Context("user-" + qid, "session-" + i, null, clock.instant(), Map.of()));
      ServedRequest served = loop.funnel().search(q, 10, forced(policy, loop, q, qid));
      actions.merge(served.decision().action().id(), 1L, Long::sum);
      List<String> shown = served.items().stream().map(x -> x.candidate().itemId()).toList();
      List<Event> events = new ArrayList<>();
      boolean clicked = false;
      Map<String, Integer> grades = qrels.get(qid);
      for (int p = 1; p <= config.clicks().depth(); p++) {
        double u = clickRnd.nextDouble();
        if (p > shown.size()) {
          continue;
        }
        String item = shown.get(p - 1);
        events.add(new Event(EventType.IMPRESSION, served.requestId(), item, p, clock.instant(), q.context().userId(), q.context().sessionId(), null));
        if (u < config.clicks().clickProbability(p, grades.getOrDefault(item, 0))) {
          clicked = true;
          events.add(new Event(EventType.CLICK, served.requestId(), item, p, clock.instant(), q.context().userId(), q.context().sessionId(), null));
        }
      }
      loop.feedback().accept(events);
      loop.feedback().settle(served.requestId());
      if (log != null) {
        pending.addAll(events);
        if (i % 100 == 0 || i == config.searches()) {
          log.append(pending);
          pending.clear();
        }
      }
      double ndcg = RankingMetrics.ndcg(shown, grades, 10);
      total.add(clicked ? 1 : 0, ndcg, served.candidatesRetrieved());
      window.add(clicked ? 1 : 0, ndcg, served.candidatesRetrieved());
      if (i <= FIRST_SEARCHES) {
        first.add(clicked ? 1 : 0, ndcg, served.candidatesRetrieved());
      }
      if (i == (long) config.searches() * (checkpoint + 1) / config.checkpoints()) {
        synchronized (timeline) {
          ((Map<String, Object>) timeline.get(checkpoint).get("policies")).put(policy.name(), window.toMap());
        }
        window = new Totals();
        checkpoint++;
      }
    }
    double finalNdcg = 0;
    for (String qid : seen) {
      Query q = new Query(queries.get(qid), Map.of(), new Context("user-" + qid, "final", null, clock.instant(), Map.of()));
      ServedRequest served = loop.funnel().search(q, 10, forced(policy, loop, q, qid));
      finalNdcg += RankingMetrics.ndcg(served.items().stream().map(x -> x.candidate().itemId()).toList(), qrels.get(qid), 10);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> t = total.toMap();
    out.put("reward_per_search", t.get("reward_per_search"));
    out.put("ndcg@10", seen.isEmpty() ? 0 : finalNdcg / seen.size());
    out.put("ndcg@10_online", t.get("ndcg@10"));
    out.put("candidates_per_search", t.get("candidates_per_search"));
    Map<String, Object> f = new LinkedHashMap<>(first.toMap());
    f.put("searches", Math.min(FIRST_SEARCHES, config.searches()));
    out.put("first_1000", f);
    out.put("distinct_queries_seen", seen.size());
    out.put("ranker", loop.funnel().ranking().ranker().name());
    out.put("retrainings", loop.feedback().retrainings());
    out.put("failed_retrainings", loop.feedback().failedRetrainings());
    out.put("refused_retrainings", loop.feedback().refusedRetrainings());
    out.put("top_actions", top(actions, 5));
    loop.close();
    return out;
  }

  private static Map<String, Long> top(Map<String, Long> counts, int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The action a non-bandit policy runs for this search (null: the bandit decides). */
  private Action forced(SimPolicy policy, FunnelLoop loop, Query q, String qid) {
    int max = config.maxBudget();
    return switch (policy.kind()) {
      case BANDIT -> null;
      case FIXED -> new Action(Map.of(policy.strategy(), max));
      case UNION -> {
        Map<String, Integer> all = new TreeMap<>();
        config.strategies().forEach(s -> all.put(s, max));
        yield new Action(all);
      }
      case ORACLE -> new Action(Map.of(oracleStrategy(loop, q, qid, max), max));
    };
  }

  /** The strategy whose own top 10 has the best nDCG@10 for this query now (ties: better recall at the budget, then name order). */
  private String oracleStrategy(FunnelLoop loop, Query q, String qid, int budget) {
    String best = null;
    double bestNdcg = -1;
    double bestRecall = -1;
    for (String s : config.strategies()) {
      List<String> ids = loop.funnel().retrievers().get(s).retrieve(q, budget).stream().map(Candidate::itemId).toList();
      double n = RankingMetrics.ndcg(ids, qrels.get(qid), 10);
      double r = RankingMetrics.recall(ids, qrels.get(qid), budget);
      if (n > bestNdcg || (n == bestNdcg && r > bestRecall)) {
        best = s;
        bestNdcg = n;
        bestRecall = r;
      }
    }
    return best;
  }
}
