/**
 * {@code funnel serve} and {@code funnel demo}: {@link dev.funnel.cli.serve.ServerAssembly} wires
 * one process's HTTP API from its files (index snapshot, event log, state folder, optional graph
 * and decision models) around the serving chain and the learners, closing what it opened when a
 * step fails; {@link dev.funnel.cli.serve.LoopSettings} and {@link
 * dev.funnel.cli.serve.LimitSettings} are the command-line options of the loop and the limits. The demo reads the Amazon Gift
 * Cards catalog with the one Amazon reader ({@code CatalogReaders}) and trains its related-items
 * graph on the same items.
 */
package dev.funnel.cli.serve;
