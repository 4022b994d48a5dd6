package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bandit as the search funnel uses it: {@link #decide} per request, {@link #feedback} when
 * the request's reward is known, {@link #save}/{@link #load} for durability. Holds the
 * {@link ActionSpace}, the {@link StrategyStats}, the {@link Featurizer} and one
 * {@link Policy}. {@code decide} may run on many threads; {@code feedback} is serialised by the
 * policy. Each decision draws from its own generator split off a root seeded with the
 * configured seed (plus the number of decisions already made when restored), so a run with
 * the same request order repeats exactly.
 *
 * <p>The service keeps no per-request state: {@link #decide} returns a {@link ServedDecision}
 * that carries what the update needs (the policy's decision and the context), and whoever serves
 * the request keeps it until the reward is known and hands it back to {@link #feedback} (the
 * serving layer's request ledger does, with one bound for every kind of request state).
 * Decisions are not part of snapshots, so a decision made before a restart is never rewarded.
 */
public final class BanditService {
  /** The bandit state file, in the one model-file envelope. */
  public static final ModelFile.Kind KIND = ModelFile.Kind.of("funnel-bandit-state", 2);

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final BanditConfig config;
  private final ActionSpace space;
  private final StrategyStats stats;
  private final Featurizer featurizer;
  private final Policy policy;
  private final SplittableRandom root;
  private final AtomicLong decisions = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final RewardAttribution attribution = RewardAttribution.defaults();
  private volatile Consumer<LoggedDecision> log = d -> {};
  /** Learning holds its read lock (update and log line together); a save takes its write lock. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock learning = new java.util.concurrent.locks.ReentrantReadWriteLock();
  /** Lines of the decision log the restored state holds, or -1 when unknown (no state, or saved without a log). */
  private final long savedLogLines;

  /** A new service with no learned state. */
  public BanditService(BanditConfig config) {
    this(config, null, 0);
  }

  private BanditService(BanditConfig config, JsonNode state, long decisionsSoFar) {
    this.config = config;
    this.space = config.actionSpace();
    this.stats = state == null ? new StrategyStats(space.strategies(), config.statsHalfLife()) : StrategyStats.restore(space.strategies(), state.get("stats"));
    this.featurizer = new Featurizer(space, config.intents(), config.segments(), stats);
    this.policy = state == null ? config.policy().create(featurizer) : PolicyConfig.restore(state.get("policy"), featurizer);
    this.root = new SplittableRandom(config.seed() + decisionsSoFar);
    this.decisions.set(decisionsSoFar);
    this.updates.set(state == null ? 0 : state.path("counters").path("updates").asLong(0));
    this.savedLogLines = state == null ? -1 : state.path("counters").path("decision_log_lines").asLong(-1);
  }

  /** Sends every logged decision (decision + reward) to {@code sink}, e.g. a {@link DecisionLogWriter}. */
  public void logTo(Consumer<LoggedDecision> sink) {
    this.log = sink == null ? d -> {} : sink;
  }

  public BanditConfig config() {
    return config;
  }

  public ActionSpace actionSpace() {
    return space;
  }

  public Featurizer featurizer() {
    return featurizer;
  }

  public Policy policy() {
    return policy;
  }

  public StrategyStats stats() {
    return stats;
  }

  /**
   * A cold-start prior: until the service has {@code coldUpdates} rewarded decisions, it serves
   * {@code preferred} with probability {@code 1 − epsilon} and otherwise an action drawn
   * uniformly from {@code allowed} (which holds {@code preferred}); the logged propensity is that
   * mixture's exact probability of the chosen action, {@code (1 − ε)·1[a = preferred] + ε/|allowed|}.
   * The policy still learns from every reward (its update depends on the action and its features
   * only). Over the next {@code handOverUpdates} rewards the policy's share {@code w} of the
   * traffic rises linearly from 0 to 1: the action is drawn from {@code w·π_policy + (1 − w)·prior}
   * and that mixture's probability is logged, so the policy's own exploration of the actions the
   * prior rarely served is spread over the hand-over instead of starting all at once. Then the
   * policy serves alone.
   */
  public record Prior(Action preferred, List<Action> allowed, long coldUpdates, double epsilon, long handOverUpdates) {
    /** A prior that hands over at once after {@code coldUpdates} rewards. */
    public Prior(Action preferred, List<Action> allowed, long coldUpdates, double epsilon) {
      this(preferred, allowed, coldUpdates, epsilon, 0);
    }

    public Prior {
      if (preferred == null) {
        throw new InvalidInputException("prior.preferred", null, "expected an action");
      }
      allowed = List.copyOf(allowed);
      if (!allowed.contains(preferred)) {
        throw new InvalidInputException("prior.allowed", allowed.size() + " actions", "expected them to include the preferred action " + preferred.id());
      }
      Checks.atLeast("prior.cold_updates", coldUpdates, 0);
      Checks.inRange("prior.epsilon", epsilon, 0, 1);
      Checks.atLeast("prior.hand_over_updates", handOverUpdates, 0);
    }

    /** The policy's share of the traffic after {@code updates} rewards: 0 while cold, then rising linearly to 1. */
    public double policyShare(long updates) {
      if (updates < coldUpdates) {
        return 0;
      }
      return handOverUpdates == 0 ? 1 : Math.min(1, (updates - coldUpdates + 1) / (double) (handOverUpdates + 1));
    }

    /** Probability of {@code a} under the prior. */
    public double probability(Action a) {
      return (a.equals(preferred) ? 1 - epsilon : 0) + (allowed.contains(a) ? epsilon / allowed.size() : 0);
    }
  }

  /** Chooses the strategies and budgets for one request; keep the result until its reward is known ({@link #feedback}). */
  public ServedDecision decide(String requestId, BanditContext context) {
    return decide(requestId, context, null);
  }

  /**
   * As {@link #decide(String, BanditContext)}, with a cold-start {@code prior} (null: none) used
   * while fewer than {@link Prior#coldUpdates} rewards have been learned.
   */
  public ServedDecision decide(String requestId, BanditContext context, Prior prior) {
    double share = prior == null ? 1 : prior.policyShare(updates.get());
    if (share > 0 && share < 1) {
      return handOver(requestId, context, prior, share);
    }
    if (share == 0) {
      SplittableRandom rng = requestRandom(requestId, context);
      Action a = rng.nextDouble() < prior.epsilon() ? prior.allowed().get(rng.nextInt(prior.allowed().size())) : prior.preferred();
      int index = space.indexOf(a);
      if (index < 0) {
        throw new InvalidInputException("prior", a.id(), "expected an action of the bandit's action space");
      }
      // the policy's own decision for this one action carries the features its update needs
      Decision own = policy.choose(context, List.of(a), rng);
      Decision d = new Decision(a, index, prior.probability(a), own.scores(), "prior", own.features());
      decisions.incrementAndGet();
      return new ServedDecision(requestId, d, context);
    }
    SplittableRandom rng = requestRandom(requestId, context);
    Decision d = policy.choose(context, space.actions(), rng);
    decisions.incrementAndGet();
    return new ServedDecision(requestId, d, context);
  }

  /** Checks a decision's request id and context, then splits this request's own random stream. */
  private SplittableRandom requestRandom(String requestId, BanditContext context) {
    Checks.nonBlank("request_id", requestId);
    if (context == null) {
      throw new InvalidInputException("context", null, "expected a bandit context");
    }
    synchronized (root) {
      return root.split();
    }
  }

  /**
   * A decision drawn from {@code share·π_policy + (1 − share)·prior} over the whole action space,
   * with that mixture's exact probability as the propensity ({@link Policy#probabilities} is
   * exact, for Thompson sampling given the posterior draws taken here).
   */
  private ServedDecision handOver(String requestId, BanditContext context, Prior prior, double share) {
    SplittableRandom rng = requestRandom(requestId, context);
    List<Action> actions = space.actions();
    double[] own = policy.probabilities(context, actions, rng);
    double[] mix = new double[own.length];
    double total = 0;
    for (int i = 0; i < mix.length; i++) {
      mix[i] = share * own[i] + (1 - share) * prior.probability(actions.get(i));
      total += mix[i];
    }
    double u = rng.nextDouble() * total;
    int index = mix.length - 1;
    for (int i = 0; i < mix.length; i++) {
      u -= mix[i];
      if (u < 0) {
        index = i;
        break;
      }
    }
    while (mix[index] == 0) {
      index--;
    }
    Action a = actions.get(index);
    Decision features = policy.choose(context, List.of(a), rng);
    Decision d = new Decision(a, index, mix[index] / total, features.scores(), "prior+" + policy.name(), features.features());
    decisions.incrementAndGet();
    return new ServedDecision(requestId, d, context);
  }

  /**
   * Learns from the reward of the served decision {@code served}: the policy is updated with
   * the cost-penalised reward, the strategy statistics with the credit shares, and the decision
   * is logged. Call it once per decision (the caller's ledger settles each request once).
   */
  public LoggedDecision feedback(ServedDecision served, RewardAttribution.Result reward) {
    Decision d = served.decision();
    double learned = RewardAttribution.penalised(reward.reward(), d.action(), space.maxTotal(), config.costPenalty());
    LoggedDecision logged = new LoggedDecision(served.requestId(), served.context(), d.action(), d.actionIndex(), space.size(), d.propensity(), d.policy(),
        reward.reward(), learned, LoggedDecision.sharesOf(d.action(), reward.shares()));
    learning.readLock().lock();
    try {
      policy.update(d, learned);
      // the statistics and the log in one order: replaying the log's shares in line order
      // rebuilds exactly these statistics (their decay depends on the order)
      synchronized (stats) {
        stats.record(d.action(), logged.shares());
        log.accept(logged);
      }
      updates.incrementAndGet();
    } finally {
      learning.readLock().unlock();
    }
    return logged;
  }

  /**
   * Learns from the events of a served decision on its served list (candidates with provenance,
   * in served order), attributed with {@link RewardAttribution#defaults()}. Pass an empty event
   * list for a request without engagement.
   */
  public LoggedDecision feedback(ServedDecision served, List<Candidate> list, List<Event> events) {
    return feedback(served, attribution.attribute(served.action(), list, events));
  }

  /**
   * Learns from a decision logged by another service with the same configuration (a serving
   * replica, read back from a shared decision log by a learner): the policy is updated with the
   * logged cost-penalised reward, using the features this service's policy gives the logged
   * context and action, and the strategy statistics with the logged credit shares (not when they
   * are unknown: a {@code funnel.bandit.log/1} line). Nothing is logged again. Learning a log's
   * lines in order after a state saved at one of its lines rebuilds the statistics the logging
   * service had, exactly: it records them in log order. An action outside this service's action
   * space is an error naming it.
   */
  public void learn(LoggedDecision d) {
    int index = space.indexOf(d.action());
    if (index < 0) {
      throw new InvalidInputException("action", d.action().id(), "expected an action of the learner's action space (same strategies and budgets as the replicas)");
    }
    SplittableRandom rng;
    synchronized (root) {
      rng = root.split();
    }
    learning.readLock().lock();
    try {
      Decision own = policy.choose(d.context(), List.of(d.action()), rng);
      policy.update(new Decision(d.action(), index, d.propensity(), own.scores(), d.policy(), own.features()), d.penalisedReward());
      if (d.shares() != null) {
        stats.record(d.action(), d.shares());
      }
      updates.incrementAndGet();
    } finally {
      learning.readLock().unlock();
    }
  }

  /**
   * How many lines of the decision log the restored state had learned when it was saved ({@link
   * #save(Path, java.util.function.LongSupplier)}), or -1 when unknown: a new service, or a state
   * saved without a decision log. The lines after it are the decisions to replay with {@link
   * #learn} after a crash.
   */
  public long savedDecisionLogLines() {
    return savedLogLines;
  }

  public long decisions() {
    return decisions.get();
  }

  public long updates() {
    return updates.get();
  }

  /**
   * The state as a model-file document ({@link ModelFile}): kind, format version, provenance
   * (state learned from served traffic: the configuration's policy and dimensions), and the
   * payload of counters, configuration, policy state and strategy statistics.
   */
  public ObjectNode snapshot() {
    return snapshot(-1);
  }

  private ObjectNode snapshot(long logLines) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ObjectNode counters = n.putObject("counters");
    counters.put("saved_at", Instant.now().toString());
    counters.put("decisions", decisions.get());
    counters.put("updates", updates.get());
    if (logLines >= 0) {
      counters.put("decision_log_lines", logLines);
    }
    n.set("config", config.toJson());
    n.set("policy", policy.snapshot());
    n.set("stats", stats.snapshot());
    FileProvenance p = FileProvenance.ofState("served decisions and their rewards",
        Map.of("feature_dimension", Integer.toString(featurizer.dimension()), "actions", Integer.toString(space.size())));
    return ModelFile.document(KIND, p, n);
  }

  /** Writes {@link #snapshot()} atomically: a temporary file, fsync, then a rename over {@code file}. */
  public void save(Path file) throws IOException {
    dev.funnel.core.util.AtomicFiles.write(file, JSON.writeValueAsBytes(snapshot()));
  }

  /**
   * Writes the state with the position of the decision log it holds: no decision is learned or
   * logged while the state is copied, so the state holds exactly the first {@code
   * logLines.getAsLong()} lines of the log (read under the same exclusion), and a restart replays
   * the rest ({@link #savedDecisionLogLines()}).
   */
  public void save(Path file, java.util.function.LongSupplier logLines) throws IOException {
    byte[] bytes;
    learning.writeLock().lock();
    try {
      bytes = JSON.writeValueAsBytes(snapshot(logLines.getAsLong()));
    } finally {
      learning.writeLock().unlock();
    }
    dev.funnel.core.util.AtomicFiles.write(file, bytes);
  }

  /** A service restored from {@link #snapshot()}. */
  public static BanditService restore(JsonNode state) {
    return restore(state, "bandit state");
  }

  private static BanditService restore(JsonNode document, String where) {
    JsonNode state = ModelFile.fromJson(document, where, KIND).payload();
    BanditConfig config = BanditConfig.fromJson(state.get("config"));
    return new BanditService(config, state, state.path("counters").path("decisions").asLong(0));
  }

  /** A service restored from a file written by {@link #save}. */
  public static BanditService load(Path file) throws IOException {
    JsonNode state;
    try {
      state = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(file.toString(), "state", "(unparsable)", "expected a JSON bandit state file: " + e.getOriginalMessage());
    }
    return restore(state, file.toString());
  }
}
