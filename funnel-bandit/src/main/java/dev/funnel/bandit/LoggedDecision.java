package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line of the Funnel bandit log ({@code format: "funnel.bandit.log/1"}), written when a
 * decision's feedback arrives and read by {@code ./funnel eval ope --format funnel}:
 *
 * <pre>{"format":"funnel.bandit.log/1","request_id":"r1",
 *  "context":{"query_length":3,"intent":"keyword","time":"2026-11-22T10:00:00Z","segment":null},
 *  "action":"bm25:100+dense:50","action_index":7,"n_actions":36,"propensity":0.0125,
 *  "policy":"linucb","reward":1.0,"penalised_reward":0.9}</pre>
 *
 * {@code reward} is the attributed reward in [0, 1] (what OPE estimates), {@code
 * penalised_reward} what the policy learned from. {@code action_index} and {@code n_actions}
 * refer to the action space of the service that logged the line.
 */
public record LoggedDecision(
    String requestId, BanditContext context, Action action, int actionIndex, int nActions, double propensity, String policy, double reward, double penalisedReward) {
  public static final String FORMAT = "funnel.bandit.log/1";

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
    return n;
  }

  /** Parses one log line; errors name the field. */
  public static LoggedDecision fromJson(JsonNode n) {
    String format = n.path("format").asText(null);
    if (!FORMAT.equals(format)) {
      throw new InvalidInputException("format", format, "expected " + FORMAT);
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
        n.path("penalised_reward").asDouble(reward));
  }

  private static String text(JsonNode c, String f) {
    JsonNode v = c.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }
}
