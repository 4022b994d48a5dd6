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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Pending decisions (awaiting feedback) are kept in memory, at most {@code maxPending}
 * (oldest dropped first); they are not part of snapshots, so feedback for a decision made
 * before a restart is counted as unknown.
 */
public final class BanditService {
  public static final String FORMAT = "funnel.bandit.state";
  public static final int VERSION = 1;
  /** Pending decisions kept for feedback: a few minutes of traffic at 1,000 requests/s. */
  public static final int DEFAULT_MAX_PENDING = 200_000;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final BanditConfig config;
  private final ActionSpace space;
  private final StrategyStats stats;
  private final Featurizer featurizer;
  private final Policy policy;
  private final SplittableRandom root;
  private final Map<String, Pending> pending;
  private final AtomicLong decisions = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong unknownFeedback = new AtomicLong();
  private final RewardAttribution attribution = RewardAttribution.defaults();
  private volatile Consumer<LoggedDecision> log = d -> {};

  private record Pending(Decision decision, BanditContext context) {}

  /** A new service with no learned state. */
  public BanditService(BanditConfig config) {
    this(config, null, 0, DEFAULT_MAX_PENDING);
  }

  private BanditService(BanditConfig config, JsonNode state, long decisionsSoFar, int maxPending) {
    this.config = config;
    this.space = config.actionSpace();
    this.stats = state == null ? new StrategyStats(space.strategies(), config.statsHalfLife()) : StrategyStats.restore(space.strategies(), state.get("stats"));
    this.featurizer = new Featurizer(space, config.intents(), config.segments(), stats);
    this.policy = state == null ? config.policy().create(featurizer) : PolicyConfig.restore(state.get("policy"), featurizer);
    this.root = new SplittableRandom(config.seed() + decisionsSoFar);
    this.decisions.set(decisionsSoFar);
    this.updates.set(state == null ? 0 : state.path("provenance").path("updates").asLong(0));
    Checks.atLeast("max_pending", maxPending, 1);
    this.pending =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > maxPending;
          }
        };
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
   * only), and serves on its own once warm.
   */
  public record Prior(Action preferred, List<Action> allowed, long coldUpdates, double epsilon) {
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
    }

    /** Probability of {@code a} under the prior. */
    public double probability(Action a) {
      return (a.equals(preferred) ? 1 - epsilon : 0) + (allowed.contains(a) ? epsilon / allowed.size() : 0);
    }
  }

  /** Chooses the strategies and budgets for one request and remembers the decision for feedback. */
  public ServedDecision decide(String requestId, BanditContext context) {
    return decide(requestId, context, null);
  }

  /**
   * As {@link #decide(String, BanditContext)}, with a cold-start {@code prior} (null: none) used
   * while fewer than {@link Prior#coldUpdates} rewards have been learned.
   */
  public ServedDecision decide(String requestId, BanditContext context, Prior prior) {
    if (prior != null && updates.get() < prior.coldUpdates()) {
      Checks.nonBlank("request_id", requestId);
      if (context == null) {
        throw new InvalidInputException("context", null, "expected a bandit context");
      }
      SplittableRandom rng;
      synchronized (root) {
        rng = root.split();
      }
      Action a = rng.nextDouble() < prior.epsilon() ? prior.allowed().get(rng.nextInt(prior.allowed().size())) : prior.preferred();
      int index = space.indexOf(a);
      if (index < 0) {
        throw new InvalidInputException("prior", a.id(), "expected an action of the bandit's action space");
      }
      // the policy's own decision for this one action carries the features its update needs
      Decision own = policy.choose(context, List.of(a), rng);
      Decision d = new Decision(a, index, prior.probability(a), own.scores(), "prior", own.features());
      decisions.incrementAndGet();
      synchronized (pending) {
        pending.put(requestId, new Pending(d, context));
      }
      return new ServedDecision(requestId, d.action(), d.action().budgets(), d.propensity(), d.policy());
    }
    Checks.nonBlank("request_id", requestId);
    if (context == null) {
      throw new InvalidInputException("context", null, "expected a bandit context");
    }
    SplittableRandom rng;
    synchronized (root) {
      rng = root.split();
    }
    Decision d = policy.choose(context, space.actions(), rng);
    decisions.incrementAndGet();
    synchronized (pending) {
      pending.put(requestId, new Pending(d, context));
    }
    return new ServedDecision(requestId, d.action(), d.action().budgets(), d.propensity(), d.policy());
  }

  /**
   * Learns from the reward of request {@code requestId}: the policy is updated with the
   * cost-penalised reward, the strategy statistics with the credit shares, and the decision
   * is logged. Returns the logged decision, or empty when the request id is unknown (never
   * decided, already rewarded, or evicted); those are counted in {@link #unknownFeedback()}.
   */
  public Optional<LoggedDecision> feedback(String requestId, RewardAttribution.Result reward) {
    Pending p;
    synchronized (pending) {
      p = pending.remove(requestId);
    }
    if (p == null) {
      unknownFeedback.incrementAndGet();
      return Optional.empty();
    }
    Decision d = p.decision();
    double learned = RewardAttribution.penalised(reward.reward(), d.action(), space.maxTotal(), config.costPenalty());
    policy.update(d, learned);
    stats.record(d.action(), reward.shares());
    updates.incrementAndGet();
    LoggedDecision logged = new LoggedDecision(requestId, p.context(), d.action(), d.actionIndex(), space.size(), d.propensity(), d.policy(), reward.reward(), learned);
    log.accept(logged);
    return Optional.of(logged);
  }

  /**
   * Learns from the events of request {@code requestId} on its served list (candidates with
   * provenance, in served order), attributed with {@link RewardAttribution#defaults()}. Pass an
   * empty event list for a request without engagement.
   */
  public Optional<LoggedDecision> feedback(String requestId, List<Candidate> served, List<Event> events) {
    Optional<Action> action = pendingAction(requestId);
    if (action.isEmpty()) {
      unknownFeedback.incrementAndGet();
      return Optional.empty();
    }
    return feedback(requestId, attribution.attribute(action.get(), served, events));
  }

  /**
   * Learns from a decision logged by another service with the same configuration (a serving
   * replica, read back from a shared decision log by a learner): the policy is updated with the
   * logged cost-penalised reward, using the features this service's policy gives the logged
   * context and action. Strategy statistics are not updated (the log has no credit shares), and
   * nothing is logged again. An action outside this service's action space is an error naming it.
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
    Decision own = policy.choose(d.context(), List.of(d.action()), rng);
    policy.update(new Decision(d.action(), index, d.propensity(), own.scores(), d.policy(), own.features()), d.penalisedReward());
    updates.incrementAndGet();
  }

  /** The action a pending request was given, if it is still awaiting feedback. */
  public Optional<Action> pendingAction(String requestId) {
    synchronized (pending) {
      Pending p = pending.get(requestId);
      return p == null ? Optional.empty() : Optional.of(p.decision().action());
    }
  }

  public long decisions() {
    return decisions.get();
  }

  public long updates() {
    return updates.get();
  }

  public long unknownFeedback() {
    return unknownFeedback.get();
  }

  /** Format, version, provenance, configuration, policy state and strategy statistics. */
  public ObjectNode snapshot() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("format", FORMAT);
    n.put("version", VERSION);
    ObjectNode prov = n.putObject("provenance");
    prov.put("saved_at", Instant.now().toString());
    prov.put("decisions", decisions.get());
    prov.put("updates", updates.get());
    prov.put("feature_dimension", featurizer.dimension());
    prov.put("actions", space.size());
    n.set("config", config.toJson());
    n.set("policy", policy.snapshot());
    n.set("stats", stats.snapshot());
    return n;
  }

  /** Writes {@link #snapshot()} atomically: a temporary file, fsync, then a rename over {@code file}. */
  public void save(Path file) throws IOException {
    dev.funnel.core.util.AtomicFiles.write(file, JSON.writeValueAsBytes(snapshot()));
  }

  /** A service restored from {@link #snapshot()}. */
  public static BanditService restore(JsonNode state) {
    if (state == null || !FORMAT.equals(state.path("format").asText())) {
      throw new InvalidInputException("format", state == null ? null : state.path("format").asText(), "expected " + FORMAT);
    }
    int version = state.path("version").asInt(-1);
    if (version != VERSION) {
      throw new InvalidInputException("version", version, "expected bandit state version " + VERSION);
    }
    BanditConfig config = BanditConfig.fromJson(state.get("config"));
    return new BanditService(config, state, state.path("provenance").path("decisions").asLong(0), DEFAULT_MAX_PENDING);
  }

  /** A service restored from a file written by {@link #save}. */
  public static BanditService load(Path file) throws IOException {
    JsonNode state;
    try {
      state = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(file.toString(), "state", "(unparsable)", "expected a JSON bandit state file: " + e.getOriginalMessage());
    }
    return restore(state);
  }
}
