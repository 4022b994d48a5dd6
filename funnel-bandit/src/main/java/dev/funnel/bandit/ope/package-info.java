/**
 * Off-policy evaluation: how well would a target policy do, estimated from a log written by
 * another (logging) policy with its propensities.
 *
 * <ul>
 *   <li>{@link dev.funnel.bandit.ope.OpeData}: logged rounds (reward, logging propensity,
 *       logged action, target distribution over the candidate actions, optional reward-model
 *       predictions).
 *   <li>{@link dev.funnel.bandit.ope.Estimator}: {@code IPS}, {@code SNIPS} (Swaminathan and
 *       Joachims 2015), {@code DR} (Dudík et al. 2011).
 *   <li>{@link dev.funnel.bandit.ope.RewardModel}: cross-fitted {@code q̂(x, a)} for DR,
 *       {@link dev.funnel.bandit.ope.KeyedMeanRewardModel} (per-key means, e.g. per (item,
 *       position)) or {@link dev.funnel.bandit.ope.RidgeRewardModel} (on bandit features).
 *   <li>{@link dev.funnel.bandit.ope.OffPolicyEvaluation}: estimates with seeded percentile
 *       bootstrap 95% intervals and importance-weight diagnostics.
 *   <li>Inputs: {@link dev.funnel.bandit.ope.ObdLog} + {@link dev.funnel.bandit.ope.ObdPolicy}
 *       for the Open Bandit Dataset (Saito et al. 2021); {@link dev.funnel.bandit.ope.FunnelLog}
 *       for Funnel's own bandit log.
 * </ul>
 *
 * <pre>{@code
 * ObdLog random = ObdLog.read(Path.of("../shared/data/bandit/obd/random/men/men.csv"));
 * ObdPolicy bts = ObdPolicy.fromLog(ObdLog.read(btsPath), ObdPolicy.BtsEstimate.FREQUENCY);
 * OpeData data = bts.data(random, 5, seed);
 * Map<String, OffPolicyEvaluation.Estimate> est =
 *     OffPolicyEvaluation.run(data, List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR), 1000, seed);
 * }</pre>
 * Command line: {@code ./funnel eval ope}.
 */
package dev.funnel.bandit.ope;
