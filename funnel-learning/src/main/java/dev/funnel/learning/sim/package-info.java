/**
 * The click simulator: simulated users replay a BEIR collection's training queries through the
 * real search loop, opened for each run by the factory it is given (the loop's assembly, module
 * funnel-assembly, for {@code funnel simulate}).
 *
 * <pre>{@code
 * LoopSimulation sim = new LoopSimulation(train.queries(), train.qrels(), index.retrievers(),
 *     LoopAssembly.structuredSearch(index), LoopSimulation.Config.defaults(20_000, 1),
 *     (strategies, structured, options, clock) -> LoopAssembly.open(strategies, structured,
 *         index.keywordFields(), items, LoopAssembly.lookup(items), null, null, options, clock));
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
