/**
 * The search loop: one request through the whole funnel, feedback back into every learner, and a
 * simulator of users that runs the same loop.
 *
 * <h2>Serving</h2>
 *
 * <pre>{@code
 * try (CatalogIndex index = CatalogIndex.open(indexDir)) {
 *   List<Item> items = index.items();
 *   FunnelLoop loop = FunnelLoop.open(index, items, index::item, null, dataDir,
 *       LoopOptions.defaults(List.of("bm25", "dense", "memory", "structured"), seed));
 *   ServedRequest r = loop.funnel().search(Query.of("gift card"), 10);
 *   // r.decision(): policy, action (strategies + budgets), propensity
 *   // r.items(): candidates with provenance, features as served, score, top feature contributions
 *   loop.feedback().accept(events);           // or: eventsApi.onEvents(loop.feedback())
 *   loop.close();                             // saves memory, bandit and ranker under dataDir
 * }
 * }</pre>
 *
 * {@link dev.funnel.loop.SearchFunnel}: query understanding, bandit decision, the chosen
 * retrievers with their budgets ({@code graph} seeded with the request's {@code seed_items} or the
 * top {@code bm25} hits), union with provenance, features and ranker (the same {@code
 * FeaturePipeline} that logs training rows), top k; each response is recorded in the {@link
 * dev.funnel.loop.FunnelRequestLog}. {@link dev.funnel.loop.FeedbackLoop} consumes durable events:
 * memory index, query understanding, bandit reward per request ({@code RewardAttribution} over
 * the served provenance), ranker training data and periodic LambdaMART retraining with an atomic
 * swap. {@link dev.funnel.loop.FunnelSearchApi} is the full-funnel {@code POST /search}. Item
 * updates reach the loop through {@link dev.funnel.loop.CatalogUpdates}: the served catalog
 * ({@link dev.funnel.loop.LiveCatalog}, whose lookup drops deleted items from every strategy's
 * candidates), query understanding and predicted queries.
 *
 * <h2>Simulation</h2>
 *
 * {@link dev.funnel.loop.sim.LoopSimulation} replays a BEIR collection's training queries as
 * simulated users (Zipf-like repeats, position-based clicks from the qrels) through the same loop
 * for fixed strategies, their union, bandit policies and an oracle. See docs/loop.md.
 */
package dev.funnel.loop;
