package dev.funnel.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.bandit.ope.FunnelLog;
import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BanditServiceTest {
  static BanditConfig config(String policy) {
    return new BanditConfig(List.of("bm25", "dense", "memory"), List.of(0, 20, 50, 100), 200, 2, List.of("keyword", "semantic"), List.of("new"), PolicyConfig.defaults(policy), 0.1, 1000, 5);
  }

  static final BanditContext CTX = BanditContext.ofQuery("red running shoes", "keyword", Instant.parse("2026-11-22T10:00:00Z"), "new");

  @Test
  void decideThenFeedbackUpdatesPolicyStatsAndLog() {
    BanditService s = new BanditService(config(LinUcbPolicy.NAME));
    List<LoggedDecision> logged = new ArrayList<>();
    s.logTo(logged::add);
    ServedDecision d = s.decide("r1", CTX);
    assertEquals(d.action().budgets(), d.budgets());
    assertTrue(d.propensity() > 0 && d.propensity() <= 1);
    assertEquals(3, CTX.queryLength());
    String first = d.action().budgets().keySet().iterator().next();
    LoggedDecision l = s.feedback(d, new RewardAttribution.Result(1, Map.of(first, 1.0)));
    assertEquals(1, s.updates());
    assertEquals(List.of(l), logged);
    assertEquals(1 - 0.1 * d.action().totalCandidates() / 200.0, l.penalisedReward(), 1e-12);
    assertEquals(s.actionSpace().size(), l.nActions());
    assertTrue(s.stats().mean(first) > 0);
    assertEquals("r1", l.requestId());
  }

  @Test
  void coldStartPriorExploitsThePreferredActionWithExactPropensitiesUntilWarm() {
    for (String policy : List.of(LinUcbPolicy.NAME, DisjointLinUcbPolicy.NAME, EpsilonGreedyPolicy.NAME)) {
      BanditService s = new BanditService(config(policy));
      Action preferred = new Action(Map.of("bm25", 100));
      List<Action> allowed = s.actionSpace().actions().stream().filter(a -> a.budgets().keySet().equals(java.util.Set.of("bm25"))).toList();
      BanditService.Prior prior = new BanditService.Prior(preferred, allowed, 50, 0.2);
      int hits = 0;
      for (int i = 0; i < 50; i++) {
        ServedDecision d = s.decide("r" + i, CTX, prior);
        assertTrue(allowed.contains(d.action()), policy + ": explores only among the allowed actions: " + d.action());
        assertEquals(prior.probability(d.action()), d.propensity(), 1e-12);
        hits += d.action().equals(preferred) ? 1 : 0;
        s.feedback(d, new RewardAttribution.Result(d.action().equals(preferred) ? 1 : 0, Map.of("bm25", 1.0)));
      }
      assertEquals(0.8 + 0.2 / allowed.size(), prior.probability(preferred), 1e-12);
      assertTrue(hits >= 30, policy + ": mostly the preferred action: " + hits);
      assertEquals(50, s.updates(), "the policy learned from every prior decision");
      ServedDecision warm = s.decide("warm", CTX, prior);
      assertEquals(policy, warm.policy(), "warm: the policy decides");
    }
    assertThrows(dev.funnel.core.InvalidInputException.class,
        () -> new BanditService.Prior(new Action(Map.of("bm25", 100)), List.of(new Action(Map.of("dense", 100))), 1, 0.1));
  }

  @Test
  void handOverMixesPolicyAndPriorWithExactPropensities() {
    for (String policy : List.of(LinUcbPolicy.NAME, EpsilonGreedyPolicy.NAME)) {
      BanditService s = new BanditService(config(policy));
      List<Action> actions = s.actionSpace().actions();
      Action preferred = new Action(Map.of("bm25", 100));
      BanditService.Prior prior = new BanditService.Prior(preferred, actions, 10, 0.2, 30);
      assertEquals(0, prior.policyShare(9));
      assertEquals(1 / 31.0, prior.policyShare(10), 1e-12);
      assertEquals(1, prior.policyShare(40));
      SplittableRandom env = new SplittableRandom(5);
      int policyDecisions = 0;
      for (int i = 0; i < 50; i++) {
        long before = s.updates();
        double share = prior.policyShare(before);
        // deterministic policies: the distribution does not depend on the random numbers
        double[] own = s.policy().probabilities(CTX, actions, new SplittableRandom(i));
        ServedDecision d = s.decide("r" + i, CTX, prior);
        int a = actions.indexOf(d.action());
        double expected = share == 0 ? prior.probability(d.action()) : share == 1 ? d.propensity() : share * own[a] + (1 - share) * prior.probability(d.action());
        assertEquals(expected, d.propensity(), 1e-12, policy + " at " + before + " rewards");
        if (share > 0 && share < 1) {
          assertEquals("prior+" + policy, d.policy());
          policyDecisions++;
        }
        if (share == 1) {
          assertEquals(policy, d.policy(), "after the hand-over the policy decides alone");
        }
        s.feedback(d, new RewardAttribution.Result(env.nextDouble() < (d.action().equals(preferred) ? 0.8 : 0.3) ? 1 : 0, Map.of()));
      }
      assertEquals(30, policyDecisions);
    }
    assertThrows(dev.funnel.core.InvalidInputException.class,
        () -> new BanditService.Prior(new Action(Map.of("bm25", 100)), List.of(new Action(Map.of("bm25", 100))), 1, 0.1, -1));
  }

  @Test
  void feedbackFromEventsAttributesToTheServedStrategies() {
    BanditService s = new BanditService(config(EpsilonGreedyPolicy.NAME));
    ServedDecision d = s.decide("r9", CTX);
    String strategy = d.action().budgets().keySet().iterator().next();
    var served = List.of(dev.funnel.core.Candidate.of("item-1", strategy, 1.0, 1));
    var click = new dev.funnel.core.Event(dev.funnel.core.EventType.CLICK, "r9", "item-1", 1, Instant.parse("2026-11-22T10:01:00Z"), null, null, null);
    LoggedDecision l = s.feedback(d, served, List.of(click));
    assertEquals(1.0, l.reward());
    assertTrue(s.stats().mean(strategy) > 0);
  }

  @Test
  void savedStateRestoresTheSamePolicy(@TempDir Path dir) throws Exception {
    for (String policy : PolicyConfig.NAMES) {
      BanditService s = new BanditService(config(policy));
      SplittableRandom env = new SplittableRandom(1);
      for (int i = 0; i < 200; i++) {
        ServedDecision d = s.decide("r" + i, CTX);
        s.feedback(d, new RewardAttribution.Result(env.nextDouble() < 0.5 ? 1 : 0, Map.of()));
      }
      Path file = dir.resolve(policy + ".json");
      s.save(file);
      BanditService r = BanditService.load(file);
      assertEquals(200, r.decisions());
      assertEquals(200, r.updates());
      List<Action> actions = s.actionSpace().actions();
      assertArrayEquals(s.policy().probabilities(CTX, actions, new SplittableRandom(2)), r.policy().probabilities(CTX, actions, new SplittableRandom(2)), 1e-12, policy);
      assertArrayEquals(s.stats().means(), r.stats().means(), 1e-15);
    }
  }

  @Test
  void oldOrForeignStateFilesFailClearly(@TempDir Path dir) throws Exception {
    BanditService s = new BanditService(config(LinearThompsonPolicy.NAME));
    ObjectNode state = s.snapshot();
    assertEquals(dev.funnel.core.io.BuildInfo.current().funnelVersion(), state.path("provenance").path("funnel_version").asText());
    state.put("format_version", 1);
    Path old = dir.resolve("old.json");
    Files.writeString(old, new ObjectMapper().writeValueAsString(state));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> BanditService.load(old));
    assertEquals("format_version", e.field());
    assertTrue(e.getMessage().startsWith(old.toString()) && e.getMessage().contains("funnel-bandit-state"), e.getMessage());
    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"kind\":\"funnel-ranker\",\"format_version\":2}");
    assertEquals("kind", assertThrows(InvalidInputException.class, () -> BanditService.load(foreign)).field());
  }

  @Test
  void concurrentDecisionsAndFeedbackKeepCountsAndValidPropensities() throws Exception {
    BanditService s = new BanditService(config(LinearThompsonPolicy.NAME));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    String id = thread + "-" + i;
                    ServedDecision d = s.decide(id, CTX);
                    assertTrue(d.propensity() > 0 && d.propensity() <= 1);
                    s.feedback(d, new RewardAttribution.Result(i % 2, Map.of()));
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(400, s.decisions());
    assertEquals(400, s.updates());
    assertEquals(400, ((LinearPolicy) s.policy()).observations());
  }

  @Test
  void sameSeedAndRequestOrderRepeatDecisions() {
    BanditService a = new BanditService(config(EpsilonGreedyPolicy.NAME));
    BanditService b = new BanditService(config(EpsilonGreedyPolicy.NAME));
    for (int i = 0; i < 50; i++) {
      ServedDecision x = a.decide("r" + i, CTX);
      ServedDecision y = b.decide("r" + i, CTX);
      assertEquals(x.action(), y.action());
      assertEquals(x.propensity(), y.propensity());
      assertEquals(x.policy(), y.policy());
    }
  }

  @Test
  void decisionLogRoundTripsAndBadLinesNameTheirLine(@TempDir Path dir) throws Exception {
    BanditService s = new BanditService(config(LinUcbPolicy.NAME));
    Path log = dir.resolve("log.jsonl");
    try (DecisionLogWriter w = new DecisionLogWriter(log)) {
      s.logTo(w);
      for (int i = 0; i < 3; i++) {
        s.feedback(s.decide("r" + i, CTX), new RewardAttribution.Result(0.5, Map.of()));
      }
    }
    List<LoggedDecision> back = FunnelLog.read(log);
    assertEquals(3, back.size());
    assertEquals(CTX, back.get(0).context());
    assertEquals(0.5, back.get(2).reward());
    String whole = Files.readString(log);
    Files.writeString(log, "{\"request_id\": \"r9\", \"cont", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(3, FunnelLog.read(log).size(), "a last line cut by a crash is skipped");
    Files.writeString(log, whole, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(log, Files.readString(log).replace("\"propensity\":", "\"propensity\":7"), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FunnelLog.read(log));
    assertTrue(e.getMessage().startsWith(log + ":1: propensity:"), e.getMessage());
  }

  @Test
  void replayingTheLogAfterASavedStateRebuildsTheStrategyStatisticsExactly() {
    for (String policy : List.of(LinUcbPolicy.NAME, EpsilonGreedyPolicy.NAME)) {
      BanditService live = new BanditService(config(policy));
      List<LoggedDecision> log = new ArrayList<>();
      live.logTo(log::add);
      SplittableRandom env = new SplittableRandom(3);
      ObjectNode saved = null;
      for (int i = 0; i < 300; i++) {
        if (i == 120) {
          saved = live.snapshot();
        }
        ServedDecision d = live.decide("r" + i, CTX);
        List<String> ran = List.copyOf(d.action().budgets().keySet());
        double reward = env.nextDouble() < 0.4 ? 1 : 0;
        Map<String, Double> shares = reward == 0 || ran.isEmpty() ? Map.of() : Map.of(ran.get(env.nextInt(ran.size())), 1.0);
        live.feedback(d, new RewardAttribution.Result(reward, shares));
      }
      // the crash: the state saved at line 120, then the log's later lines learned in order
      BanditService restarted = BanditService.restore(saved);
      for (LoggedDecision d : log.subList(120, log.size())) {
        restarted.learn(FunnelLog.parseLine(d.toJson().toString(), "line"));
      }
      assertEquals(live.stats().snapshot(), restarted.stats().snapshot(), policy);
      assertTrue(java.util.Arrays.stream(live.stats().means()).anyMatch(m -> m > 0), policy + ": some strategy was credited");
      assertEquals(live.updates(), restarted.updates());
      // and from nothing: the whole log
      BanditService fresh = new BanditService(config(policy));
      log.forEach(fresh::learn);
      assertEquals(live.stats().snapshot(), fresh.stats().snapshot(), policy + " from the whole log");
    }
  }

  @Test
  void decisionLogFormatVersions() {
    BanditService s = new BanditService(config(LinUcbPolicy.NAME));
    ServedDecision d = s.decide("r1", CTX);
    String strategy = d.action().budgets().keySet().iterator().next();
    LoggedDecision l = s.feedback(d, new RewardAttribution.Result(1, Map.of(strategy, 1.0, "not-run", 0.5)));
    assertEquals(LoggedDecision.sharesOf(d.action(), Map.of(strategy, 1.0)), l.shares(), "one share per strategy of the action");
    ObjectNode line = l.toJson();
    assertEquals(LoggedDecision.FORMAT, line.get("format").asText());
    assertEquals(l, LoggedDecision.fromJson(line));
    // a line of the earlier format is read without shares, and learning it leaves the statistics alone
    ObjectNode v1 = line.deepCopy();
    v1.put("format", LoggedDecision.FORMAT_1);
    v1.remove("shares");
    LoggedDecision old = LoggedDecision.fromJson(v1);
    assertEquals(null, old.shares());
    BanditService learner = new BanditService(config(LinUcbPolicy.NAME));
    learner.learn(old);
    assertEquals(1, learner.updates());
    assertEquals(new BanditService(config(LinUcbPolicy.NAME)).stats().snapshot(), learner.stats().snapshot());
    learner.learn(l);
    assertTrue(learner.stats().mean(strategy) > 0);
    // a current line must say its shares (null when unknown); other formats are refused by name
    ObjectNode noShares = line.deepCopy();
    noShares.remove("shares");
    assertEquals("shares", assertThrows(InvalidInputException.class, () -> LoggedDecision.fromJson(noShares)).field());
    ObjectNode badShare = line.deepCopy();
    ((ObjectNode) badShare.get("shares")).put(strategy, 1.5);
    assertEquals("shares." + strategy, assertThrows(InvalidInputException.class, () -> LoggedDecision.fromJson(badShare)).field());
    ObjectNode future = line.deepCopy();
    future.put("format", "funnel.bandit.log/3");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> LoggedDecision.fromJson(future));
    assertEquals("format", e.field());
    assertTrue(e.getMessage().contains(LoggedDecision.FORMAT_1), e.getMessage());
  }
}
