package dev.funnel.serving.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.bandit.Action;
import dev.funnel.core.Candidate;
import dev.funnel.core.Filters;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.core.SeededRetriever;
import dev.funnel.core.util.Deadline;
import dev.funnel.rank.FeaturePipeline;
import dev.funnel.rank.MemoryStats;
import dev.funnel.rank.RankingService;
import dev.funnel.rank.ReciprocalRankFusionRanker;
import dev.funnel.rank.SingleFeatureRanker;
import dev.funnel.serving.Fixtures;
import dev.funnel.serving.RequestLedger;
import dev.funnel.serving.SearchRequest;
import dev.funnel.serving.StrategyDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChainStagesTest {
  /** Twenty items, brands alternating acme / zenith, price = index. */
  static final Map<String, Item> ITEMS = new HashMap<>();

  static {
    for (int i = 0; i < 20; i++) {
      ITEMS.put("i" + i, new Item("i" + i, Map.of("title", "item " + i), Map.of("brand", List.of(i % 2 == 0 ? "acme" : "zenith")), Map.of("price", (double) i)));
    }
  }

  static final Function<String, Optional<Item>> CATALOG = id -> Optional.ofNullable(ITEMS.get(id));

  /** A strategy that ignores filters (as memory and graph do): every item in id order. */
  static final class Unfiltered implements Retriever {
    final String name;

    Unfiltered(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<Candidate> retrieve(Query query, int k) {
      List<Candidate> out = new ArrayList<>();
      for (int i = 0; i < 20 && out.size() < k; i++) {
        out.add(Candidate.of("i" + i, name, 20 - i, out.size() + 1));
      }
      return out;
    }
  }

  /** A seeded strategy recording the seeds it was given: returns items after the first seed. */
  static final class Seeded implements SeededRetriever {
    final List<List<String>> calls = new ArrayList<>();

    @Override
    public String name() {
      return "graph";
    }

    @Override
    public List<Candidate> retrieve(Query query, List<String> seeds, int k) {
      calls.add(seeds);
      List<Candidate> out = new ArrayList<>();
      for (int i = 0; i < 20 && out.size() < k; i++) {
        if (!seeds.contains("i" + i)) {
          out.add(Candidate.of("i" + i, "graph", 1.0 / (i + 1), out.size() + 1));
        }
      }
      return out;
    }
  }

  static Exchange exchange(SearchRequest request, Action action) {
    Exchange x = new Exchange("req-1", request, request.toQuery(Fixtures.T0), null, Deadline.none());
    x.interpretation(Fixtures.plain(request.query()));
    x.decision(StrategyDecision.fixed(action), null);
    return x;
  }

  static SearchRequest request(Filters filters, List<String> seeds) {
    return new SearchRequest("item", 5, 0, List.of(), SearchRequest.Ranking.LEARNED, seeds, null, filters, List.of(), null, false);
  }

  @Test
  void filtersApplyToStrategiesThatDoNotFilterThemselvesMemoryAndGraphIncluded() {
    Seeded graph = new Seeded();
    RetrieveStage stage = new RetrieveStage(Map.of("bm25", new Unfiltered("bm25"), "memory", new Unfiltered("memory"), "graph", graph), CATALOG, 3);
    Filters acmeCheap = new Filters(Map.of("brand", List.of("acme")), Map.of("price", new Filters.Range(null, null, 10.0, null)));
    Exchange x = exchange(request(acmeCheap, List.of("i0", "i2")), new Action(Map.of("memory", 4, "graph", 4)));
    stage.apply(x, new Chain(List.of()));
    for (String s : List.of("memory", "graph")) {
      List<Candidate> l = x.lists().get(s);
      assertTrue(!l.isEmpty() && l.size() <= 4, s + ": " + l);
      for (Candidate c : l) {
        assertTrue(acmeCheap.matches(ITEMS.get(c.itemId())), s + " served " + c.itemId() + " against the filters");
      }
    }
    assertEquals(List.of(List.of("i0", "i2")), graph.calls, "the request's typed seed items reach the seeded strategy");
  }

  @Test
  void withoutSeedItemsTheSeededStrategyGetsTheTopLexicalHits() {
    Seeded graph = new Seeded();
    RetrieveStage stage = new RetrieveStage(Map.of("bm25", new Unfiltered("bm25"), "graph", graph), CATALOG, 3);
    Exchange x = exchange(request(Filters.NONE, List.of()), new Action(Map.of("bm25", 10, "graph", 5)));
    stage.apply(x, new Chain(List.of()));
    assertEquals(List.of(List.of("i0", "i1", "i2")), graph.calls);
    assertEquals(List.of("bm25", "graph"), List.copyOf(x.lists().keySet()), "seeded strategies run after the others");
  }

  @Test
  void theRankerNamedInTheRecordIsTheOneThatScoredEvenWhenARetrainSwapsMidRequest() {
    FeaturePipeline pipeline = FeaturePipeline.standard(List.of("bm25"), MemoryStats.NONE, List.of(), List.of());
    SingleFeatureRanker first = new SingleFeatureRanker(pipeline.schema(), pipeline.schema().names().get(0));
    ReciprocalRankFusionRanker second = new ReciprocalRankFusionRanker(pipeline.schema(), ReciprocalRankFusionRanker.DEFAULT_K);
    RankingService ranking = new RankingService(pipeline, first);
    RequestLedger ledger = new RequestLedger(10, 5);
    // a stage between Rank and Gate stands for a retraining that swaps the model while the request runs
    Stage retrain = new Stage() {
      @Override
      public String name() {
        return "retrain";
      }

      @Override
      public void apply(Exchange x, Chain next) {
        ranking.swap(second);
        next.proceed(x);
      }
    };
    dev.funnel.bandit.BanditService bandit = new dev.funnel.bandit.BanditService(new dev.funnel.bandit.BanditConfig(List.of("bm25"), List.of(10), 10, 1,
        List.of("free_text"), List.of(), dev.funnel.bandit.PolicyConfig.defaults("linucb"), 0, 1000, 1));
    Chain chain = new Chain(List.of(new RetrieveStage(Map.of("bm25", new Unfiltered("bm25")), CATALOG, 3), new UnionStage(CATALOG, java.util.Set.of("brand")),
        new RankStage(ranking), retrain, new GateStage(null, ranking, 2), new RecordStage(ledger, bandit)));
    Exchange x = exchange(request(Filters.NONE, List.of()), new Action(Map.of("bm25", 10)));
    chain.proceed(x);
    assertEquals(first.name(), x.record().ranker());
    assertNotEquals(first.name(), ranking.ranker().name(), "the swap happened during the request");
    double[] byFirst = first.score(x.record().items().stream().map(RankingService.Ranked::features).toList());
    for (int i = 0; i < byFirst.length; i++) {
      assertEquals(byFirst[i], x.record().items().get(i).score(), "item " + i + " was scored by the first ranker");
    }
    assertEquals(x.record(), ledger.get("req-1").orElseThrow());
    assertEquals(List.of("retrieve", "union", "rank", "retrain", "gate", "record"), x.trace().steps().stream().map(Trace.Step::stage).toList());
  }
}
