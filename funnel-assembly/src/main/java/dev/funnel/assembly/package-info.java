/**
 * One serving process assembled from its files, with every step's resources closed again when a
 * later step fails. The command line parses flags and the config file into a {@link
 * dev.funnel.assembly.ServingConfig} (with a {@link dev.funnel.assembly.LoopConfig} and, for a
 * replicated deployment, a {@link dev.funnel.assembly.ReplicaConfig}) and calls one of:
 *
 * <ul>
 *   <li>{@link dev.funnel.assembly.LoopAssembly}: the loop ({@link dev.funnel.learning.FunnelLoop})
 *       from a catalog's strategies and a state folder: request ledger, memory index, query
 *       understanding, bandit, ranking service, the serving chain ({@link
 *       dev.funnel.serving.SearchFunnel}) and the feedback loop. {@code funnel simulate} and the
 *       simulator's runs use it too.
 *   <li>{@link dev.funnel.assembly.ServerAssembly}: the whole process of {@code funnel serve},
 *       {@code funnel demo} and {@code funnel bench funnel}: index, item updates, event log,
 *       conversion gate, related items, the loop, ranker versions, console and the HTTP server.
 *   <li>{@link dev.funnel.assembly.ReplicaAssembly}: a stateless replica ({@code serve
 *       --snapshots}) over published snapshots and the shared log.
 *   <li>{@link dev.funnel.assembly.LearnerAssembly}: the learner of a replicated deployment
 *       ({@code funnel learn}).
 * </ul>
 *
 * <pre>{@code
 * ServingConfig config = ServingConfig.of(indexDir, eventsDir, null, null, null, LoopConfig.defaults(1));
 * try (ServerAssembly process = new ServerAssembly(config)) {
 *   int port = process.start("127.0.0.1", 0);
 *   ...
 * }
 * }</pre>
 *
 * <p>Each assembly records what it opened ({@code OpenedResources}); when a step fails (a bad
 * model file, an unreadable state folder, a port in use at {@code start}), everything opened
 * before it is closed, newest first, so the same folders can be opened again at once. Closing an
 * assembled process closes the same resources in the same order.
 */
package dev.funnel.assembly;
