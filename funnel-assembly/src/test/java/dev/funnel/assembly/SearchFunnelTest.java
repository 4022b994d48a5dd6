package dev.funnel.assembly;

import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import dev.funnel.serving.SearchFunnel;
import dev.funnel.serving.ServedRequest;
import dev.funnel.serving.FunnelConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.bandit.Action;
import dev.funnel.core.Candidate;
import dev.funnel.core.Context;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.retrieval.CatalogIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchFunnelTest {
  @TempDir Path tmp;

  private static LoopOptions options() {
    return LoopOptions.defaults(List.of("bm25", "memory", "structured"), 7)
        .withFunnel(FunnelConfig.defaults(7).withBackgroundRetraining(false).withRetrainEvery(20).withMinTrainingRequests(5))
        .withPredictedQueries(false);
  }

  @Test
  void searchThenFeedbackUpdatesMemoryBanditAndRankerAndChangesTheNextSearch() throws Exception {
    try (CatalogIndex index = TinyShop.index(tmp.resolve("index"))) {
      List<Item> items = index.items();
      assertEquals(80, items.size());
      FunnelLoop loop = LoopAssembly.open(index, items, index::item, null, tmp.resolve("state"), options());
      Query q = new Query("lamp", Map.of(), new Context("u1", "s1", null, Instant.parse("2026-11-22T10:00:00Z"), Map.of()));
      ServedRequest first = loop.funnel().search(q, 5);
      assertEquals(5, first.items().size());
      assertTrue(first.decision().learned());
      assertTrue(first.decision().propensity() > 0 && first.decision().propensity() <= 1);
      assertEquals(first, loop.funnel().ledger().get(first.requestId()).orElseThrow());
      for (var r : first.items()) {
        for (Provenance p : r.candidate().provenance()) {
          assertTrue(first.decision().action().budget(p.strategy()) > 0, "provenance " + p + " from a strategy the action ran");
        }
      }
      assertFalse(first.items().get(0).why().isEmpty(), "explanations");
      String target = "t0-9";
      assertFalse(first.items().stream().anyMatch(r -> r.candidate().itemId().equals(target)) && first.items().get(0).candidate().itemId().equals(target));
      long updates = loop.funnel().bandit().updates();
      // the user clicks an item the first page did not put first, many times over several requests
      List<Event> events = new ArrayList<>();
      events.add(new Event(EventType.IMPRESSION, first.requestId(), first.items().get(0).candidate().itemId(), 1, Instant.parse("2026-11-22T10:00:01Z"), "u1", "s1", null));
      events.add(new Event(EventType.CLICK, first.requestId(), target, 3, Instant.parse("2026-11-22T10:00:02Z"), "u1", "s1", null));
      loop.feedback().accept(events);
      assertEquals(updates + 1, loop.funnel().bandit().updates(), "the engagement settled the bandit decision");
      assertEquals(1, loop.memory().stats("lamp", target).clicks());
      // memory now retrieves the clicked item for the query
      List<Candidate> mem = loop.funnel().retrievers().get("memory").retrieve(Query.of("lamp"), 10);
      assertEquals(target, mem.get(0).itemId());
      ServedRequest second = loop.funnel().search(q, 80, new Action(Map.of("memory", 10)));
      assertEquals(target, second.items().get(0).candidate().itemId());
      assertEquals("fixed", second.decision().policy());
      // an unknown request id is counted, not an error
      loop.feedback().accept(List.of(new Event(EventType.CLICK, "never-served", target, 1, Instant.now(), null, null, "lamp")));
      assertEquals(1, loop.feedback().unknownRequestEvents());
      assertEquals(2, loop.memory().stats("lamp", target).clicks(), "an event carrying its query still teaches the memory");
      loop.close();
      assertTrue(Files.exists(tmp.resolve("state").resolve(FunnelLoop.MEMORY_FILE)));
      assertTrue(Files.exists(tmp.resolve("state").resolve(FunnelLoop.BANDIT_FILE)));
      // state survives a restart
      FunnelLoop again = LoopAssembly.open(index, items, index::item, null, tmp.resolve("state"), options());
      assertEquals(2, again.memory().stats("lamp", target).clicks());
      assertTrue(again.funnel().bandit().updates() >= 1, "the bandit's learned state was restored");
      again.close();
    }
  }

  @Test
  void retrainingSwapsInLambdaMartThatLearnsTheClickedItems() throws Exception {
    try (CatalogIndex index = TinyShop.index(tmp.resolve("index"))) {
      FunnelLoop loop = LoopAssembly.open(index, index.items(), index::item, null, tmp.resolve("state"), options());
      Action bm25 = new Action(Map.of("bm25", 30));
      for (int i = 0; i < 40; i++) {
        String topic = TinyShop.TOPICS[i % TinyShop.TOPICS.length];
        int topicIndex = i % TinyShop.TOPICS.length;
        ServedRequest r = loop.funnel().search(new Query(topic, Map.of(), Context.EMPTY), 10, bm25);
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < r.items().size(); p++) {
          String id = r.items().get(p).candidate().itemId();
          events.add(new Event(EventType.IMPRESSION, r.requestId(), id, p + 1, Instant.now(), null, null, null));
          if (id.equals("t" + topicIndex + "-7")) {
            events.add(new Event(EventType.CLICK, r.requestId(), id, p + 1, Instant.now(), null, null, null));
          }
        }
        loop.feedback().accept(events);
      }
      assertTrue(loop.feedback().retrainings() >= 1, "retrained; last error " + loop.feedback().lastTrainingError());
      assertTrue(loop.funnel().ranking().ranker() instanceof LambdaMartRanker);
      ServedRequest after = loop.funnel().search(new Query("lamp", Map.of(), Context.EMPTY), 10, bm25);
      assertEquals("t0-7", after.items().get(0).candidate().itemId(), "the clicked item now ranks first: " + after.items().get(0).why());
      loop.close();
      assertTrue(Files.exists(tmp.resolve("state").resolve(FunnelLoop.RANKER_FILE)));
    }
  }

  @Test
  void aRequestPastItsDeadlineIsServedFromTheFirstStrategyWithoutExplanationsMarkedPartial() throws Exception {
    try (CatalogIndex index = TinyShop.index(tmp.resolve("index"))) {
      FunnelLoop loop = LoopAssembly.open(index, index.items(), index::item, null, null, options());
      Action two = new Action(Map.of("bm25", 30, "structured", 30));
      long[] now = {0};
      dev.funnel.core.util.Deadline deadline = dev.funnel.core.util.Deadline.after(java.time.Duration.ofMillis(5), () -> now[0]);
      Query q = new Query("lamp", Map.of(), Context.EMPTY);
      ServedRequest inTime = loop.funnel().search(q, 5, two, deadline);
      assertFalse(inTime.partial());
      assertFalse(inTime.items().get(0).why().isEmpty());
      now[0] = 6_000_000; // past the deadline before the search starts
      ServedRequest late = loop.funnel().search(q, 5, two, deadline);
      assertTrue(late.partial());
      assertEquals(5, late.items().size(), "served from what the first strategy found");
      assertTrue(late.items().stream().allMatch(r -> r.candidate().provenance().stream().allMatch(p -> p.strategy().equals("bm25"))),
          "the second strategy was skipped");
      assertTrue(late.items().stream().allMatch(r -> r.why().isEmpty()), "explanations skipped");
      loop.close();
    }
  }

  @Test
  void filtersMatchAnItemWithEveryKeywordValue() {
    dev.funnel.core.Item starbucks = new dev.funnel.core.Item("s1", Map.of("title", "Starbucks card"),
        Map.of("brand", List.of("Starbucks"), "category", List.of("Gift Cards")), Map.of());
    assertTrue(dev.funnel.core.Filters.of(Map.<String, String>of("brand", "Starbucks")).matches(starbucks));
    assertTrue(dev.funnel.core.Filters.of(Map.<String, String>of("brand", "Starbucks", "category", "Gift Cards")).matches(starbucks));
    assertTrue(!dev.funnel.core.Filters.of(Map.<String, String>of("brand", "Subway")).matches(starbucks));
    assertTrue(!dev.funnel.core.Filters.of(Map.of("color", "red")).matches(starbucks), "an item without the field does not match");
    assertTrue(dev.funnel.core.Filters.of(Map.<String, String>of()).matches(starbucks));
  }

  @Test
  void unionKeepsOneCandidatePerItemWithEveryStrategysProvenance() {
    Map<String, List<Candidate>> lists = new LinkedHashMap<>();
    lists.put("bm25", List.of(Candidate.of("a", "bm25", 3.0, 1), Candidate.of("b", "bm25", 2.0, 2)));
    lists.put("memory", List.of(Candidate.of("b", "memory", 0.9, 1), Candidate.of("c", "memory", 0.5, 2)));
    List<Candidate> u = dev.funnel.serving.chain.UnionStage.union(lists);
    assertEquals(List.of("a", "b", "c"), u.stream().map(Candidate::itemId).toList());
    assertEquals(List.of(new Provenance("bm25", 2.0, 2), new Provenance("memory", 0.9, 1)), u.get(1).provenance());
    assertEquals(2.0, u.get(1).score());
  }
}
