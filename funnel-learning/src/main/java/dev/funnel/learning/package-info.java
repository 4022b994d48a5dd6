/**
 * Learning from feedback: events back into every learner, the loop and its state files, and a
 * simulator of users that runs the same loop. The loop is assembled by module funnel-assembly
 * ({@code dev.funnel.assembly.LoopAssembly}), which sits above this module, the serving chain
 * (funnel-serving) and the console.
 *
 * <h2>The loop</h2>
 *
 * <pre>{@code
 * try (CatalogIndex index = CatalogIndex.open(indexDir)) {
 *   List<Item> items = index.items();
 *   FunnelLoop loop = LoopAssembly.open(index, items, index::item, null, dataDir,
 *       LoopOptions.defaults(List.of("bm25", "dense", "memory", "structured"), seed));
 *   ServedRequest r = loop.funnel().search(Query.of("gift card"), 10);   // the serving chain
 *   loop.feedback().accept(events);           // or: eventsApi.onEvents(loop.feedback())
 *   loop.close();                             // saves memory, QU, bandit and ranker under dataDir
 * }
 * }</pre>
 *
 {@link dev.funnel.learning.FunnelLoop} holds the serving chain (module funnel-serving: the
 * strategies of the index plus {@code memory}, {@code structured} and {@code graph}, the bandit,
 * the ranking service, the request ledger) with the learners and the data directory. {@link
 * dev.funnel.learning.FeedbackLoop} consumes durable events: memory index, query understanding,
 * the bandit's reward per request (joined in the ledger, {@code RewardAttribution} over the served
 * provenance), ranker training data (the ledger's requests with events) and LambdaMART retraining
 * with validation and an atomic swap. {@link dev.funnel.learning.FunnelLoop#save}, {@link
 * dev.funnel.learning.FunnelLoop#recover} and the training and decision logs keep what was learned
 * across restarts.
 *
 * <h2>Simulation</h2>
 *
 * {@link dev.funnel.learning.sim.LoopSimulation} replays a BEIR collection's training queries as
 * simulated users (Zipf-like repeats, position-based clicks from the qrels) through the same loop
 * for fixed strategies, their union, bandit policies and an oracle; each run's loop comes from a
 * {@link dev.funnel.learning.sim.LoopSimulation.LoopFactory} ({@code funnel simulate} passes the
 * loop's assembly). See docs/loop.md.
 */
package dev.funnel.learning;
