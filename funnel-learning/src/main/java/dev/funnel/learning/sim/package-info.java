/**
 * The click simulator: simulated users replay a BEIR collection's training queries through the
 * real search loop.
 *
 * <pre>{@code
 * LoopSimulation sim = new LoopSimulation(train.queries(), train.qrels(), index.retrievers(),
 *     index.keywordFields(), index.items(), LoopSimulation.Config.defaults(20_000, 1));
 * Map<String, Object> result = sim.run(policy -> eventLog);   // or null: no event store
 * RewardPlot.write(result, Path.of("reward.svg"));
 * }</pre>
 *
 * {@link dev.funnel.learning.sim.QuerySampler}: Zipf-like repeats; {@link
 * dev.funnel.learning.sim.ClickModel}: position-based clicks from the qrels; {@link
 * dev.funnel.learning.sim.SimPolicy}: fixed strategies, union, bandit policies, oracle. {@code
 * ./funnel simulate} runs it; docs/loop.md has the model, parameters and results.
 */
package dev.funnel.learning.sim;
