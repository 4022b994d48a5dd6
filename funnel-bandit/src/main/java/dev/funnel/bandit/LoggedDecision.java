package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the Funnel bandit log ({@code format: "funnel.bandit.log/2"}), written when a
 * decision's feedback arrives and read by {@code ./funnel eval ope --format funnel} and by
 * recovery and learners ({@link BanditService#learn}):
 *
 * <pre>{"format":"funnel.bandit.log/2","request_id":"r1",
 *  "context":{"query_length":3,"intent":"keyword","time":"2026-11-22T10:00:00Z","segment":null},
 *  "action":"bm25:100+dense:50","action_index":7,"n_actions":36,"propensity":0.0125,
 *  "policy":"linucb","reward":1.0,"penalised_reward":0.9,"shares":{"bm25":0.5,"dense":0.5}}</pre>
 *
 * {@code reward} is the attributed reward in [0, 1] (what OPE estimates), {@code
 * penalised_reward} what the policy learned from, and {@code shares} each strategy of the action's
 * credit share of the reward (in [0, 1]; all 0 without engagement), what the strategy statistics
 * ({@link StrategyStats}) learned from. {@code action_index} and {@code n_actions} refer to the
 * action space of the service that logged the line.
 *
 * <p>Format versions: {@code /2} added {@code shares}. A {@code /1} line (written before) is read
 * with {@code shares} unknown ({@code null}): a learner replaying it updates the policy but not
 * the strategy statistics. Any other format is refused, naming the ones this version reads.
 *
 * @param shares credit share of each strategy of {@code action}, or null when unknown (a {@code /1}
 *     line, or a decision logged without attribution)
 */
public record LoggedDecision(
    String requestId, BanditContext context, Action action, int actionIndex, int nActions, double propensity, String policy, double reward, double penalisedReward,
    Map<String, Double> shares) {
  public static final String FORMAT = "funnel.bandit.log/2";
  /** The earlier format, without credit shares: still read (see the class comment). */
  public static final String FORMAT_1 = "funnel.bandit.log/1";

  /** A decision without credit shares (unknown): its replay updates the policy only. */
  public LoggedDecision(
      String requestId, BanditContext context, Action action, int actionIndex, int nActions, double propensity, String policy, double reward, double penalisedReward) {
    this(requestId, context, action, actionIndex, nActions, propensity, policy, reward, penalisedReward, null);
  }

  public LoggedDecision {
    Checks.nonBlank("request_id", requestId);
    if (context == null || action == null) {
      throw new InvalidInputException(context == null ? "context" : "action", null, "expected a value");
    }
    Checks.atLeast("n_actions", nActions, 1);
    if (actionIndex < 0 || actionIndex >= nActions) {
      throw new InvalidInputException("action_index", actionIndex, "expected an index in [0, " + nActions + ")");
    }
    if (!(propensity > 0 && propensity <= 1)) {
      throw new InvalidInputException("propensity", propensity, "expected a probability in (0, 1]");
    }
    Checks.nonBlank("policy", policy);
    Checks.finite("reward", reward);
    Checks.finite("penalised_reward", penalisedReward);
    if (shares != null) {
      Map<String, Double> copy = new TreeMap<>();
      for (Map.Entry<String, Double> e : shares.entrySet()) {
        if (!action.budgets().containsKey(e.getKey())) {
          throw new InvalidInputException("shares." + e.getKey(), e.getValue(), "expected a strategy of the action " + action.id());
        }
        if (e.getValue() == null) {
          throw new InvalidInputException("shares." + e.getKey(), null, "expected a share in [0, 1]");
        }
        Checks.inRange("shares." + e.getKey(), e.getValue(), 0, 1);
        copy.put(e.getKey(), e.getValue());
      }
      shares = Collections.unmodifiableMap(copy);
    }
  }

  /** The credit shares of {@code action}'s strategies in {@code all} (a strategy missing there has share 0). */
  public static Map<String, Double> sharesOf(Action action, Map<String, Double> all) {
    Map<String, Double> out = new TreeMap<>();
    for (String s : action.budgets().keySet()) {
      out.put(s, all.getOrDefault(s, 0.0));
    }
    return out;
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("format", FORMAT);
    n.put("request_id", requestId);
    ObjectNode c = n.putObject("context");
    c.put("query_length", context.queryLength());
    c.put("intent", context.intent());
    c.put("time", context.time() == null ? null : context.time().toString());
    c.put("segment", context.segment());
    n.put("action", action.id());
    n.put("action_index", actionIndex);
    n.put("n_actions", nActions);
    n.put("propensity", propensity);
    n.put("policy", policy);
    n.put("reward", reward);
    n.put("penalised_reward", penalisedReward);
    if (shares == null) {
      n.putNull("shares");
    } else {
      ObjectNode sh = n.putObject("shares");
      shares.forEach(sh::put);
    }
    return n;
  }

  /** Parses one log line; errors name the field. */
  public static LoggedDecision fromJson(JsonNode n) {
    String format = n.path("format").asText(null);
    boolean first = FORMAT_1.equals(format);
    if (!first && !FORMAT.equals(format)) {
      throw new InvalidInputException("format", format, "expected " + FORMAT + " (or the earlier " + FORMAT_1 + ", read without credit shares)");
    }
    Map<String, Double> shares = null;
    if (!first) {
      if (!n.has("shares")) {
        throw new InvalidInputException("shares", null, "expected the strategies' credit shares (an object, or null when unknown) in a " + FORMAT + " line");
      }
      JsonNode sh = n.get("shares");
      if (!sh.isNull()) {
        if (!sh.isObject()) {
          throw new InvalidInputException("shares", sh.toString(), "expected an object of strategy: share in [0, 1], or null");
        }
        shares = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : sh.properties()) {
          if (!e.getValue().isNumber()) {
            throw new InvalidInputException("shares." + e.getKey(), e.getValue().toString(), "expected a share in [0, 1]");
          }
          shares.put(e.getKey(), e.getValue().asDouble());
        }
      }
    }
    for (String f : new String[] {"request_id", "context", "action", "action_index", "n_actions", "propensity", "policy", "reward"}) {
      if (!n.hasNonNull(f)) {
        throw new InvalidInputException(f, null, "expected a value");
      }
    }
    JsonNode c = n.get("context");
    Instant time = null;
    String t = c.path("time").asText(null);
    if (t != null && !c.get("time").isNull()) {
      try {
        time = Instant.parse(t);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("context.time", t, "expected an ISO-8601 instant");
      }
    }
    BanditContext ctx = new BanditContext(c.path("query_length").asInt(0), text(c, "intent"), time, text(c, "segment"));
    double reward = n.get("reward").asDouble();
    return new LoggedDecision(
        n.get("request_id").asText(),
        ctx,
        Action.parse(n.get("action").asText()),
        n.get("action_index").asInt(),
        n.get("n_actions").asInt(),
        n.get("propensity").asDouble(),
        n.get("policy").asText(),
        reward,
        n.path("penalised_reward").asDouble(reward),
        shares);
  }

  private static String text(JsonNode c, String f) {
    JsonNode v = c.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }
}
