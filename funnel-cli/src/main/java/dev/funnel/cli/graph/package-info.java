/**
 * The graph commands: {@code train graph}, {@code eval graph}, {@code bench graph} and {@code
 * related}. {@link dev.funnel.cli.graph.GraphInput} names where a graph comes from: an edge list
 * ({@code EdgeListReader}), Amazon metadata read by the one Amazon reader ({@code
 * CatalogReaders}, as {@code index} and {@code serve} read it), the event log, or a seeded
 * synthetic graph. See docs/graph.md.
 */
package dev.funnel.cli.graph;
