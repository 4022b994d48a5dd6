/**
 * A seeded synthetic strategy-selection problem ({@link dev.funnel.bandit.sim.StrategyProblem}:
 * bm25 is best for keyword queries, dense for semantic, memory for navigational) and a runner
 * ({@link dev.funnel.bandit.sim.BanditSimulation}) that drives a
 * {@link dev.funnel.bandit.BanditService} through decide/feedback and measures cumulative
 * expected regret against the per-context optimum, the uniform-random policy and the best fixed
 * action. Command line: {@code ./funnel eval bandit-sim}.
 */
package dev.funnel.bandit.sim;
