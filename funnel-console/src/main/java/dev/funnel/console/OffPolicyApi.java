package dev.funnel.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.Featurizer;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.bandit.Policy;
import dev.funnel.bandit.UniformRandomPolicy;
import dev.funnel.bandit.ope.Estimator;
import dev.funnel.bandit.ope.FunnelLog;
import dev.funnel.bandit.ope.OffPolicyEvaluation;
import dev.funnel.bandit.ope.OpeData;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.server.Requests;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Off-policy evaluation of saved bandit states on the live decision log, the same estimators as
 * {@code funnel eval ope --format funnel} ({@link OffPolicyEvaluation}):
 *
 * <ul>
 *   <li>{@code GET /ope/policies}: the candidate policies: {@code random} (uniform over the live
 *       action space), the state folder's {@code bandit.json} (the live bandit's last save) and
 *       {@code bandit.json.previous}, and every state saved under {@code policies/};
 *   <li>{@code POST /ope/policies}: saves the live bandit's state now as {@code
 *       policies/bandit-TIME.json}, a candidate to compare later ones against;
 *   <li>{@code POST /ope} {@code {"policy": NAME, "resamples": 500, "seed": 1}}: IPS, SNIPS and DR
 *       estimates of that policy's mean reward with bootstrap 95% intervals (clipped to the
 *       reward range), the live (logging) policy's mean reward with its interval, the effective
 *       sample size of the importance weights and a warning when it is below {@value
 *       OffPolicyEvaluation#MIN_EFFECTIVE_SAMPLE_SIZE}.
 * </ul>
 */
public final class OffPolicyApi implements ApiModule {
  static final String POLICIES = "policies";
  static final int FOLDS = 5;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private final Path state;
  private final Path decisions;
  private final BanditService live;

  /**
   * @param state the loop's state folder (saved bandit states)
   * @param decisions the live decision log ({@code state/decisions.jsonl})
   * @param live the serving bandit (its action space and features define {@code random})
   */
  public OffPolicyApi(Path state, Path decisions, BanditService live) {
    this.state = state;
    this.decisions = decisions;
    this.live = live;
  }

  @Override
  public void register(Javalin app) {
    app.get("/ope/policies", ctx -> ctx.json(policies()));
    app.post("/ope/policies", ctx -> {
      Path dir = state.resolve(POLICIES);
      Files.createDirectories(dir);
      Path file = dir.resolve("bandit-" + STAMP.format(Instant.now()) + ".json");
      live.save(file);
      ctx.status(201).json(describe(POLICIES + "/" + file.getFileName(), file));
    });
    app.post("/ope", ctx -> {
      JsonNode body = Requests.object(ctx);
      String policy = Requests.requiredText(body, "policy");
      int resamples = Requests.optionalInt(body, "resamples", 500, 50, 5000);
      int seed = Requests.optionalInt(body, "seed", 1, 0, Integer.MAX_VALUE);
      ctx.json(evaluate(policy, resamples, seed));
    });
  }

  /** The candidate policies. */
  Map<String, Object> policies() throws IOException {
    List<Map<String, Object>> list = new ArrayList<>();
    Map<String, Object> random = new LinkedHashMap<>();
    random.put("name", "random");
    random.put("description", "uniform over the live bandit's " + live.actionSpace().size() + " actions");
    list.add(random);
    for (Map.Entry<String, Path> e : saved().entrySet()) {
      list.add(describe(e.getKey(), e.getValue()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policies", list);
    out.put("decision_log", decisions.toString());
    out.put("decision_log_exists", Files.exists(decisions));
    out.put("live_policy", live.config().policy().name());
    return out;
  }

  /** Saved states by name (relative to the state folder). */
  private Map<String, Path> saved() throws IOException {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String f : List.of("bandit.json", "bandit.json.previous")) {
      if (Files.isRegularFile(state.resolve(f))) {
        out.put(f, state.resolve(f));
      }
    }
    Path dir = state.resolve(POLICIES);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
            .forEach(p -> out.put(POLICIES + "/" + p.getFileName(), p));
      }
    }
    return out;
  }

  private static Map<String, Object> describe(String name, Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("file", file.toString());
    m.put("saved_at", Files.getLastModifiedTime(file).toInstant().toString());
    try {
      JsonNode n = Requests.JSON.readTree(file.toFile());
      m.put("policy", n.path("config").path("policy").path("name").asText(null));
      m.put("updates", n.path("provenance").path("updates").isNumber() ? n.path("provenance").path("updates").asLong() : null);
    } catch (IOException e) {
      m.put("policy", null);
      m.put("error", "unreadable: " + e.getMessage());
    }
    return m;
  }

  /** The estimates of {@code policy} on the decision log. */
  Map<String, Object> evaluate(String policy, int resamples, long seed) throws IOException {
    Featurizer featurizer;
    Policy target;
    if (policy.equals("random")) {
      featurizer = live.featurizer();
      target = new UniformRandomPolicy(featurizer);
    } else {
      Path file = saved().get(policy);
      if (file == null) {
        throw ApiException.notFound("policy", policy, "expected random or a saved state listed by GET /ope/policies");
      }
      BanditService s;
      try {
        s = BanditService.load(file);
      } catch (InvalidInputException e) {
        throw ApiException.badRequest("policy", policy, "not a readable bandit state: " + e.getMessage());
      }
      featurizer = s.featurizer();
      target = s.policy();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy", policy);
    out.put("decision_log", decisions.toString());
    out.put("live_policy", live.config().policy().name());
    List<LoggedDecision> log = Files.exists(decisions) && Files.size(decisions) > 0 ? FunnelLog.read(decisions) : List.of();
    out.put("rounds", log.size());
    out.put("min_effective_sample_size", OffPolicyEvaluation.MIN_EFFECTIVE_SAMPLE_SIZE);
    List<String> warnings = new ArrayList<>();
    if (log.size() < 2) {
      out.put("estimators", null);
      out.put("live", null);
      out.put("effective_sample_size", null);
      out.put("reason", log.isEmpty()
          ? "no rewarded decision in the decision log yet: decisions are logged when their reward is known (an engagement, or 1,000 later searches)"
          : "one rewarded decision in the log: at least 2 are needed for an interval");
      warnings.add("too few logged decisions to estimate anything");
      out.put("warnings", warnings);
      return out;
    }
    OpeData data;
    try {
      data = FunnelLog.data(log, target, featurizer, Math.min(FOLDS, log.size()), seed);
    } catch (InvalidInputException e) {
      throw ApiException.badRequest("policy", policy, "the policy cannot be evaluated on this log: " + e.getMessage());
    }
    OffPolicyEvaluation.RewardRange range = OffPolicyEvaluation.RewardRange.of(data);
    Map<String, OffPolicyEvaluation.Estimate> raw = OffPolicyEvaluation.run(data, List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR), resamples, seed);
    Map<String, Object> estimators = new LinkedHashMap<>();
    raw.forEach((k, e) -> {
      OffPolicyEvaluation.Estimate c = OffPolicyEvaluation.clip(e, range);
      Map<String, Object> m = new LinkedHashMap<>();
      boolean defined = !Double.isNaN(c.estimate());
      m.put("estimate", defined ? c.estimate() : null);
      m.put("ci95", defined ? List.of(c.lo(), c.hi()) : null);
      m.put("clipped", defined && c.estimate() != e.estimate());
      if (!defined) {
        m.put("reason", "every importance weight is 0: the policy never takes a logged action");
      }
      estimators.put(k, m);
    });
    out.put("estimators", estimators);
    double[] rewards = log.stream().mapToDouble(LoggedDecision::reward).toArray();
    Summary.Interval ci = Summary.bootstrapMean(rewards, resamples, 0.95, seed);
    Map<String, Object> liveReward = new LinkedHashMap<>();
    liveReward.put("estimate", Summary.mean(rewards));
    liveReward.put("ci95", List.of(ci.lo(), ci.hi()));
    out.put("live", liveReward);
    Map<String, Double> weights = OffPolicyEvaluation.weightDiagnostics(data);
    double ess = weights.get("effective_sample_size");
    out.put("effective_sample_size", ess);
    out.put("weights", weights);
    out.put("reward_range", List.of(range.lo(), range.hi()));
    if (ess < OffPolicyEvaluation.MIN_EFFECTIVE_SAMPLE_SIZE) {
      warnings.add(String.format(java.util.Locale.ROOT,
          "effective sample size %.1f is below %.0f: the estimates rest on very few rounds and are not trustworthy", ess,
          OffPolicyEvaluation.MIN_EFFECTIVE_SAMPLE_SIZE));
    }
    out.put("warnings", warnings);
    out.put("resamples", resamples);
    out.put("seed", seed);
    return out;
  }
}
