package dev.funnel.spark;

import dev.funnel.bandit.BanditConfig;
import dev.funnel.bandit.BanditContext;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.DecisionLogWriter;
import dev.funnel.bandit.EpsilonGreedyPolicy;
import dev.funnel.bandit.LinUcbPolicy;
import dev.funnel.bandit.PolicyConfig;
import dev.funnel.bandit.RewardAttribution;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded decision log as {@code serve} writes it ({@code decisions.jsonl}, {@link
 * DecisionLogWriter}) for the off-policy job of {@code bench offline}: an ε-greedy logging
 * bandit over 3 strategies × budgets {0, 20, 50} decides each request; the reward is a
 * Bernoulli draw whose mean depends on the intent and on which strategies the action runs
 * (bm25 pays on keyword queries, dense on semantic ones). The target is a LinUCB bandit trained
 * on the first 20,000 requests with the same rewards. Both bandits' states are written beside
 * the log; the logging state defines the action space of the uniform target.
 */
public final class DecisionLogGenerator {
  /** Requests the target policy learns from before it is saved. */
  static final int TARGET_TRAINING = 20_000;

  /** The files written and the number of decisions. */
  public record Written(long decisions, Path log, Path loggingState, Path targetState) {}

  private DecisionLogGenerator() {}

  static BanditConfig config(String policy) {
    return new BanditConfig(List.of("bm25", "dense", "memory"), List.of(0, 20, 50), 200, 2, List.of("keyword", "semantic"), List.of("new", "returning"),
        PolicyConfig.defaults(policy), 0.1, 1000, 5);
  }

  public static Written write(Path dir, long decisions, long seed) throws IOException {
    Checks.atLeast("decisions", decisions, 1);
    Files.createDirectories(dir);
    BanditService logging = new BanditService(config(EpsilonGreedyPolicy.NAME));
    BanditService target = new BanditService(config(LinUcbPolicy.NAME));
    Path log = dir.resolve("decisions.jsonl");
    Files.deleteIfExists(log);
    SplittableRandom r = new SplittableRandom(seed);
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    try (DecisionLogWriter w = new DecisionLogWriter(log)) {
      logging.logTo(w);
      for (long i = 0; i < decisions; i++) {
        String intent = r.nextInt(3) == 0 ? "keyword" : "semantic";
        BanditContext ctx = BanditContext.ofQuery("q" + r.nextInt(50) + (r.nextBoolean() ? " more words" : ""), intent, t0.plusSeconds(37 * i),
            r.nextInt(4) == 0 ? "returning" : "new");
        ServedDecision d = logging.decide("r" + i, ctx);
        logging.feedback(d, new RewardAttribution.Result(r.nextDouble() < meanReward(d, intent) ? 1 : 0, Map.of()));
        if (i < TARGET_TRAINING) {
          ServedDecision dt = target.decide("r" + i, ctx);
          target.feedback(dt, new RewardAttribution.Result(r.nextDouble() < meanReward(dt, intent) ? 1 : 0, Map.of()));
        }
      }
    }
    Path loggingState = dir.resolve("logging-bandit.json");
    logging.save(loggingState);
    Path targetState = dir.resolve("target-bandit.json");
    target.save(targetState);
    return new Written(decisions, log, loggingState, targetState);
  }

  private static double meanReward(ServedDecision d, String intent) {
    Map<String, Integer> b = d.action().budgets();
    boolean bm25 = b.getOrDefault("bm25", 0) > 0;
    boolean dense = b.getOrDefault("dense", 0) > 0;
    return intent.equals("keyword") ? (bm25 ? 0.6 : 0.15) : (dense ? 0.5 : 0.2) + (bm25 && dense ? 0.1 : 0);
  }
}
