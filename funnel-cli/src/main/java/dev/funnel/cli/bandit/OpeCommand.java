package dev.funnel.cli.bandit;

import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.Featurizer;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.bandit.Policy;
import dev.funnel.bandit.UniformRandomPolicy;
import dev.funnel.bandit.ope.Estimator;
import dev.funnel.bandit.ope.FunnelLog;
import dev.funnel.bandit.ope.ObdLog;
import dev.funnel.bandit.ope.ObdPolicy;
import dev.funnel.bandit.ope.OffPolicyEvaluation;
import dev.funnel.bandit.ope.OpeData;
import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funnel eval ope}: off-policy estimates of a policy's reward from another policy's log. */
@Command(
    name = "ope",
    mixinStandardHelpOptions = true,
    description = {
      "Off-policy evaluation: IPS, SNIPS, doubly-robust, self-normalised DR and switch-DR",
      "estimates (bootstrap 95%% intervals, clipped to the reward range) of a target policy's",
      "expected reward, from another policy's log. Warns when the effective sample size is below 100.",
      "obd format: an Open Bandit Dataset CSV; --policy random (uniform over items)",
      "  or bts (per-position item distribution of the BTS log given by --bts-log).",
      "funnel format: a Funnel bandit log (JSON lines); --policy a bandit state JSON",
      "  file, or random (uniform over the action space of --state)."
    })
public final class OpeCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--logs", required = true, description = "Logged decisions to evaluate from.")
  Path logs;

  @Option(names = "--policy", required = true, description = "Target policy: random, bts, or a bandit state JSON file (funnel format).")
  String policy;

  @Option(names = "--format", description = "obd or funnel (default: obd for .csv files, else funnel).")
  String format;

  @Option(names = "--bts-log", description = "OBD log of the Bernoulli-TS policy, whose action distribution defines --policy bts.")
  Path btsLog;

  @Option(names = "--bts-estimate", defaultValue = "frequency", description = "How the BTS distribution is read from --bts-log: frequency (default) or mean-propensity.")
  String btsEstimate;

  @Option(names = "--state", description = "Bandit state JSON defining the action space and features (funnel format with --policy random).")
  Path state;

  @Option(names = "--on-policy-logs", description = "The target policy's own log (same format): its mean reward is reported as on_policy. Defaults to --bts-log for --policy bts.")
  Path onPolicyLogs;

  @Option(names = "--resamples", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int resamples;

  @Option(names = "--folds", defaultValue = "5", description = "Cross-fitting folds of the DR reward model (default ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of bootstrap, cross-fitting folds and stochastic target policies (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--reward-range", split = ",", description = "lo,hi: the range a reward can take; estimates are clipped to it (default: [0, 1] widened to every logged reward).")
  List<Double> rewardRange;

  @Option(names = "--switch-tau", defaultValue = "10", description = "switch-DR: rounds with an importance weight above this use the reward model only (default ${DEFAULT-VALUE}).")
  double switchTau;

  @Option(names = "--json", description = "Also write the result to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    String fmt = format != null ? format : logs.toString().endsWith(".csv") ? "obd" : "funnel";
    if (!fmt.equals("obd") && !fmt.equals("funnel")) {
      throw new InvalidInputException("--format", format, "expected obd or funnel");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("logs", logs.toString());
    config.put("policy", policy);
    config.put("format", fmt);
    config.put("bts_log", btsLog == null ? null : btsLog.toString());
    config.put("bts_estimate", btsEstimate);
    config.put("state", state == null ? null : state.toString());
    config.put("on_policy_logs", onPolicyLogs == null ? null : onPolicyLogs.toString());
    config.put("resamples", resamples);
    config.put("folds", folds);
    config.put("reward_range", rewardRange);
    config.put("switch_tau", switchTau);
    config.put("seed", seed);
    JsonOutput.header("eval ope", config);

    OpeData data;
    double[] onPolicyRewards = null;
    String rewardModel;
    if (fmt.equals("obd")) {
      ObdLog log = ObdLog.read(logs);
      ObdPolicy target;
      if (policy.equals("random")) {
        target = ObdPolicy.uniform(log.items(), log.positions());
      } else if (policy.equals("bts")) {
        if (btsLog == null) {
          throw new InvalidInputException("--bts-log", null, "expected the Bernoulli-TS OBD log that defines --policy bts");
        }
        ObdLog b = ObdLog.read(btsLog);
        target = ObdPolicy.fromLog(b, ObdPolicy.BtsEstimate.parse(btsEstimate));
        if (onPolicyLogs == null) {
          onPolicyRewards = b.click();
        }
      } else {
        throw new InvalidInputException("--policy", policy, "expected random or bts for --format obd");
      }
      if (onPolicyLogs != null) {
        onPolicyRewards = ObdLog.read(onPolicyLogs).click();
      }
      data = target.data(log, folds, seed);
      rewardModel = "per-(item, position) click mean shrunk to the overall CTR (100 pseudo-views), " + folds + "-fold cross-fitted";
    } else {
      List<LoggedDecision> log = FunnelLog.read(logs);
      Policy target;
      Featurizer featurizer;
      if (policy.equals("random")) {
        if (state == null) {
          throw new InvalidInputException("--state", null, "expected a bandit state JSON defining the action space for --policy random");
        }
        featurizer = BanditService.load(state).featurizer();
        target = new UniformRandomPolicy(featurizer);
      } else {
        Path file = Path.of(policy);
        if (!Files.isRegularFile(file)) {
          throw new InvalidInputException("--policy", policy, "expected random or a bandit state JSON file for --format funnel");
        }
        BanditService service = BanditService.load(file);
        featurizer = service.featurizer();
        target = service.policy();
      }
      if (onPolicyLogs != null) {
        onPolicyRewards = FunnelLog.read(onPolicyLogs).stream().mapToDouble(LoggedDecision::reward).toArray();
      }
      data = FunnelLog.data(log, target, featurizer, folds, seed);
      rewardModel = "ridge regression (lambda 1) on the joint bandit features, " + folds + "-fold cross-fitted";
    }

    OffPolicyEvaluation.RewardRange range;
    if (rewardRange == null) {
      range = OffPolicyEvaluation.RewardRange.of(data);
    } else if (rewardRange.size() != 2) {
      throw new InvalidInputException("--reward-range", rewardRange, "expected lo,hi");
    } else {
      range = new OffPolicyEvaluation.RewardRange(rewardRange.get(0), rewardRange.get(1));
    }
    Map<String, OffPolicyEvaluation.Estimate> raw = OffPolicyEvaluation.run(
        data, List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR, Estimator.SNDR, Estimator.switchDr(switchTau)), resamples, seed);
    Map<String, OffPolicyEvaluation.Estimate> est = new LinkedHashMap<>();
    Map<String, Object> estimators = new LinkedHashMap<>();
    raw.forEach(
        (k, e) -> {
          OffPolicyEvaluation.Estimate c = OffPolicyEvaluation.clip(e, range);
          est.put(k, c);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("estimate", c.estimate());
          m.put("ci95", List.of(c.lo(), c.hi()));
          m.put("unclipped", e.estimate());
          m.put("clipped", c.estimate() != e.estimate() && !Double.isNaN(e.estimate()));
          estimators.put(k, m);
        });
    Map<String, Double> weights = OffPolicyEvaluation.weightDiagnostics(data);
    List<String> warnings = new java.util.ArrayList<>();
    double ess = weights.get("effective_sample_size");
    if (ess < OffPolicyEvaluation.MIN_EFFECTIVE_SAMPLE_SIZE) {
      warnings.add(String.format(java.util.Locale.ROOT,
          "effective sample size %.1f is below %.0f: the estimates rest on very few rounds and are not trustworthy", ess,
          OffPolicyEvaluation.MIN_EFFECTIVE_SAMPLE_SIZE));
    }
    est.forEach((k, e) -> {
      if (Boolean.TRUE.equals(((Map<?, ?>) estimators.get(k)).get("clipped"))) {
        warnings.add(k + " estimate " + ((Map<?, ?>) estimators.get(k)).get("unclipped") + " lies outside the reward range ["
            + range.lo() + ", " + range.hi() + "] and was clipped");
      }
    });
    warnings.forEach(w -> System.err.println("warning: " + w));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("estimators", estimators);
    if (onPolicyRewards != null) {
      double on = Summary.mean(onPolicyRewards);
      Summary.Interval ci = Summary.bootstrapMean(onPolicyRewards, resamples, 0.95, seed);
      out.put("on_policy", on);
      out.put("on_policy_ci95", List.of(ci.lo(), ci.hi()));
      out.put("on_policy_rounds", onPolicyRewards.length);
      Map<String, Boolean> covered = new LinkedHashMap<>();
      est.forEach((k, e) -> covered.put(k, e.covers(on)));
      out.put("ci95_contains_on_policy", covered);
    } else {
      out.put("on_policy", null);
    }
    out.put("logs", logs.toString());
    out.put("policy", policy);
    out.put("format", fmt);
    out.put("rounds", data.size());
    out.put("logging_policy_mean_reward", data.meanReward());
    out.put("weights", weights);
    out.put("reward_range", List.of(range.lo(), range.hi()));
    out.put("switch_tau", switchTau);
    out.put("min_effective_sample_size", OffPolicyEvaluation.MIN_EFFECTIVE_SAMPLE_SIZE);
    out.put("warnings", warnings);
    out.put("reward_model", rewardModel);
    out.put("seed", seed);
    out.put("resamples", resamples);
    Map<String, String> undefinedReasons = Map.of(
        "estimators.snips", "every importance weight is 0: the target policy never takes a logged action",
        "estimators.sndr", "every importance weight is 0: the target policy never takes a logged action");
    int undefined = JsonOutput.emit(out, json, System.out, undefinedReasons);
    return strict.exitCode(undefined + (strict.on() ? warnings.size() : 0));
  }
}
