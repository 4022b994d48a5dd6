/**
 * {@code funnel serve}, {@code funnel demo} and {@code funnel learn}: they only read flags and the
 * config file and hand them to the assembly (module funnel-assembly). {@link
 * dev.funnel.cli.serve.LoopSettings}, {@link dev.funnel.cli.serve.LimitSettings}, {@link
 * dev.funnel.cli.serve.OpsSettings} and {@link dev.funnel.cli.serve.ReplicaSettings} are the
 * command-line options of the loop, the limits, the operational features and a replicated
 * deployment, each turned into the assembly's settings ({@code LoopConfig}, {@code RequestLimits},
 * {@code ServerFeatures}, {@code ReplicaConfig}); {@link dev.funnel.cli.serve.ServeCommand}
 * builds a {@code ServingConfig} and calls {@code ServerAssembly} or {@code ReplicaAssembly}. The
 * demo reads the Amazon Gift Cards catalog with the one Amazon reader ({@code CatalogReaders}) and
 * trains its related-items graph on the same items.
 */
package dev.funnel.cli.serve;
