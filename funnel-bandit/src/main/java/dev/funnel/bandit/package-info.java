/**
 * A contextual bandit that chooses, per search request, which retrieval strategies to run and
 * how many candidates each may return, and learns from the feedback on what each strategy
 * contributed.
 *
 * <h2>Actions</h2>
 * An {@link dev.funnel.bandit.Action} is a set of strategies with a candidate budget each, e.g.
 * {@code bm25:100+dense:50}. An {@link dev.funnel.bandit.ActionSpace} enumerates every action
 * allowed by the strategy names, the budgets (e.g. 20/50/100/200) and the limits (max total
 * candidates, max strategies), in a fixed order.
 *
 * <h2>Serving API ({@link dev.funnel.bandit.BanditService})</h2>
 * <pre>{@code
 * BanditConfig config = new BanditConfig(
 *     List.of("bm25", "dense", "memory"), List.of(20, 50, 100, 200), 300, 2,   // action space
 *     List.of("keyword", "semantic", "navigational"), List.of("new", "returning"), // known intents, segments
 *     PolicyConfig.defaults("linucb"), 0.1, BanditConfig.DEFAULT_HALF_LIFE, seed);
 * BanditService bandit = new BanditService(config);          // or BanditService.load(stateFile)
 * bandit.logTo(new DecisionLogWriter(Path.of("bandit-log.jsonl")));  // optional OPE log
 *
 * // per request, after query understanding:
 * BanditContext ctx = BanditContext.of(query, quIntent);   // or ofQuery(text, intent, time, segment)
 * ServedDecision d = bandit.decide(requestId, ctx);   // keep it until the reward is known
 * d.budgets();      // {bm25=100, dense=50}: run these strategies with these k
 * d.propensity();   // log it with the response
 *
 * // when the request's feedback is in (clicks/carts/purchases on the served list, or none):
 * bandit.feedback(d, servedCandidates, events);  // attributes with RewardAttribution.defaults()
 * // or, with custom event weights:
 * bandit.feedback(d, new RewardAttribution(1, 2, 4).attribute(d.action(), servedCandidates, events));
 * // either way: updates policy + strategy statistics, writes the log line
 *
 * bandit.save(stateFile);          // atomic, fsync'd JSON snapshot in the model-file envelope
 * }</pre>
 * {@code decide} is safe to call from many threads; {@code feedback} calls are serialised
 * inside the policy. Requests that got no engagement should still get {@code feedback} with
 * {@link dev.funnel.bandit.RewardAttribution.Result#none()}, otherwise the policy only learns
 * from successes. The service keeps no per-request state: the serving layer's request ledger holds
 * each {@code ServedDecision} until its reward, with the same bound as every other kind of
 * request state, and settles each exactly once.
 *
 * <h2>Features ({@link dev.funnel.bandit.Featurizer})</h2>
 * Context: bias, log query length, intent one-hot, hour-of-day and day-of-week as sin/cos,
 * optional segment one-hot. Action: bias, per strategy run/log-budget, total cost. Joint vector
 * {@code vec(context ⊗ action)} plus each run strategy's decayed mean reward share
 * ({@link dev.funnel.bandit.StrategyStats}).
 *
 * <h2>Policies ({@link dev.funnel.bandit.Policy})</h2>
 * {@link dev.funnel.bandit.EpsilonGreedyPolicy}, {@link dev.funnel.bandit.LinUcbPolicy} (Li et
 * al. 2010), {@link dev.funnel.bandit.LinearThompsonPolicy} (Agrawal and Goyal 2013) share one
 * ridge model over the joint features ({@link dev.funnel.bandit.RidgeModel}, Sherman-Morrison
 * updates); {@link dev.funnel.bandit.DisjointLinUcbPolicy} keeps one model per action over the
 * context. All draw each decision from an explicit distribution, so every logged propensity is
 * the exact probability of the chosen action; {@link dev.funnel.bandit.UniformRandomPolicy} is
 * the baseline. Policies learn {@code reward − λ·total candidates/maxTotal} (λ = the
 * configured cost penalty). Settings and defaults: {@link dev.funnel.bandit.PolicyConfig}.
 *
 * <p>Off-policy evaluation of logs lives in {@link dev.funnel.bandit.ope}; a seeded synthetic
 * problem with regret measurement in {@link dev.funnel.bandit.sim}. User documentation:
 * {@code docs/bandit.md}.
 */
package dev.funnel.bandit;
