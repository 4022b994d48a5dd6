package dev.funnel.cli.serve;

import dev.funnel.bandit.PolicyConfig;
import dev.funnel.core.InvalidInputException;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The learning loop's settings of a serving process ({@code serve}, {@code demo}): bandit policy, exploration, cost, segments, seed, autosave. */
public final class LoopSettings {
  @Option(names = "--policy", defaultValue = "linucb",
      description = "Bandit policy choosing strategies and budgets: epsilon-greedy, linucb, linucb-disjoint, linear-ts or random (default: ${DEFAULT-VALUE}).")
  String policy = "linucb";

  @Option(names = "--epsilon", description = "Exploration rate: epsilon of epsilon-greedy, uniform mixing of the others (default: 0.1 for epsilon-greedy, 0.05 otherwise).")
  Double epsilon;

  @Option(names = "--alpha", description = "LinUCB confidence width (default: 1).")
  Double alpha;

  @Option(names = "--cost-penalty", defaultValue = "0.1",
      description = "Reward penalty per full candidate budget: higher values make the bandit retrieve fewer candidates (default: ${DEFAULT-VALUE}).")
  double costPenalty = 0.1;

  @Option(names = "--budgets", split = ",", defaultValue = "10,30,100", description = "Candidate budgets per strategy (default: ${DEFAULT-VALUE}).")
  List<Integer> budgets = new ArrayList<>(List.of(10, 30, 100));

  @Option(names = "--max-candidates", defaultValue = "130", description = "Largest total of budgets in one decision (default: ${DEFAULT-VALUE}).")
  int maxCandidates = 130;

  @Option(names = "--max-strategies", defaultValue = "2", description = "Most strategies in one decision (default: ${DEFAULT-VALUE}).")
  int maxStrategies = 2;

  @Option(names = "--segments", split = ",", description = "User segments the bandit tells apart (the 'segment' of a search request; others count as 'other').")
  List<String> segments = new ArrayList<>();

  @Option(names = "--loop-seed", defaultValue = "1", description = "Seed of the bandit's exploration and the ranker's training (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--retrain-every", defaultValue = "500",
      description = "Longest interval, in feedback events, between ranker retrainings; intervals start at --first-retrain-after and double up to it; 0 never retrains (default: ${DEFAULT-VALUE}).")
  int retrainEvery = 500;

  @Option(names = {"--first-retrain-after", "--min-training-requests"}, defaultValue = "20",
      description = "Engaged requests before the first retraining attempt, and the schedule's first interval; a model serves only when it beats the served order on held-out requests (default: ${DEFAULT-VALUE}).")
  int firstRetrainAfter = 20;

  @Option(names = "--autosave", defaultValue = "60s",
      description = "Save the learned state (memory, query understanding, bandit, ranker) this often, e.g. 30s, 5m; 0 saves only at stop (default: ${DEFAULT-VALUE}).")
  String autosave = "60s";

  @Option(names = "--training-log", defaultValue = "engaged",
      description = "Which served requests go to STATE/training.log for 'funnel train ranker --logs': engaged (those with a click, cart or purchase), all, or off (default: ${DEFAULT-VALUE}).")
  String trainingLog = "engaged";

  @Option(names = "--item-commit-every", defaultValue = "30s",
      description = "Commit item updates (PUT/POST/DELETE /items) to the Lucene index this often, e.g. 10s, 1m; each update is durable in the item journal when acknowledged, and a start replays the journal after the last commit (default: ${DEFAULT-VALUE}).")
  String itemCommitEvery = "30s";

  /** The period between commits of item updates. */
  Duration itemCommitPeriod() {
    try {
      Duration d = Duration.parse("PT" + itemCommitEvery.trim().toUpperCase(java.util.Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException("--item-commit-every", itemCommitEvery, "expected a positive duration such as 30s or 5m");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("--item-commit-every", itemCommitEvery, "expected a duration such as 30s, 5m or 1h");
    }
  }

  @Option(names = "--memory-max-pairs", defaultValue = "500000",
      description = "Most (query, item) pairs with feedback in the memory index; past it the pairs with the least decayed evidence are evicted (default: ${DEFAULT-VALUE}).")
  int memoryMaxPairs = dev.funnel.memory.MemoryIndex.DEFAULT_MAX_PAIRS;

  @Option(names = "--qu-max-units", defaultValue = "200000",
      description = "Most query terms and term pairs with click statistics in query understanding; past it the least-weighted, least recently clicked are evicted (default: ${DEFAULT-VALUE}).")
  int quMaxUnits = dev.funnel.query.QueryUnderstanding.DEFAULT_MAX_UNITS;

  @Option(names = "--ranker", paramLabel = "FILE",
      description = "Serve this LambdaMART model from 'funnel train ranker' (trained on the serving features, e.g. from STATE/training.log); kept as a ranker version (GET /models) and replaced by the next accepted retraining.")
  Path ranker;

  /** The training-log mode. */
  FunnelLoop.TrainingLogMode trainingLogMode() {
    try {
      return FunnelLoop.TrainingLogMode.valueOf(trainingLog.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--training-log", trainingLog, "expected engaged, all or off");
    }
  }

  /** The loop options for a process whose bandit chooses among {@code strategies}. */
  LoopOptions options(List<String> strategies) {
    PolicyConfig p = PolicyConfig.defaults(policy);
    if (epsilon != null) {
      p = p.withEpsilon(epsilon);
    }
    if (alpha != null) {
      p = p.withAlpha(alpha);
    }
    LoopOptions o = LoopOptions.defaults(strategies, seed).withPolicy(p).withCostPenalty(costPenalty).withSegments(segments)
        .withBudgets(budgets, maxCandidates, maxStrategies);
    if (retrainEvery < 0) {
      throw new InvalidInputException("--retrain-every", retrainEvery, "expected an integer >= 0 (0 never retrains)");
    }
    if (firstRetrainAfter < 1) {
      throw new InvalidInputException("--first-retrain-after", firstRetrainAfter, "expected an integer >= 1");
    }
    if (memoryMaxPairs < 1) {
      throw new InvalidInputException("--memory-max-pairs", memoryMaxPairs, "expected an integer >= 1");
    }
    if (quMaxUnits < 1) {
      throw new InvalidInputException("--qu-max-units", quMaxUnits, "expected an integer >= 1");
    }
    return o.withFunnel(o.funnel().withRetrainEvery(retrainEvery).withMinTrainingRequests(firstRetrainAfter))
        .withBounds(new dev.funnel.learning.StateBounds(memoryMaxPairs, quMaxUnits));
  }

  /** The autosave period, or null for none. */
  Duration autosavePeriod() {
    String t = autosave.trim();
    if (t.equals("0")) {
      return null;
    }
    try {
      Duration d = Duration.parse("PT" + t.toUpperCase(java.util.Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException("--autosave", autosave, "expected a positive duration such as 30s or 5m, or 0");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("--autosave", autosave, "expected a duration such as 30s, 5m or 1h, or 0");
    }
  }

  /** The assembly's loop settings; fails on a bad setting, naming it. */
  public dev.funnel.assembly.LoopConfig config() {
    return new dev.funnel.assembly.LoopConfig(options(List.of()), autosavePeriod(), trainingLogMode(), itemCommitPeriod(), ranker, describe());
  }

  /** The settings as printed at start and in {@code /health}; fails on a bad setting, naming it. */
  Map<String, Object> describe() {
    autosavePeriod();
    trainingLogMode();
    LoopOptions o = options(List.of());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", o.policy().name());
    m.put("epsilon", o.policy().epsilon());
    m.put("alpha", o.policy().alpha());
    m.put("cost_penalty", o.costPenalty());
    m.put("budgets", o.budgets());
    m.put("max_candidates", o.maxTotal());
    m.put("max_strategies", o.maxStrategies());
    m.put("segments", o.segments());
    m.put("seed", seed);
    m.put("retrain_every", retrainEvery);
    m.put("first_retrain_after", firstRetrainAfter);
    m.put("autosave", autosave);
    m.put("training_log", trainingLogMode().name().toLowerCase(java.util.Locale.ROOT));
    m.put("memory_max_pairs", memoryMaxPairs);
    m.put("qu_max_units", quMaxUnits);
    m.put("item_commit_every", itemCommitPeriod().toString().substring(2).toLowerCase(java.util.Locale.ROOT));

    m.put("ranker", ranker == null ? null : ranker.toString());
    return m;
  }
}
