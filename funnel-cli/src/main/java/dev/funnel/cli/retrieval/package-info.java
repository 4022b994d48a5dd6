/**
 * Retrieval commands: {@code funnel index} (a catalog into a Lucene snapshot), {@code funnel eval
 * retrieval} (BEIR metrics per strategy) and {@code funnel bench retrieval} (per-strategy latency
 * on a seeded synthetic catalog).
 */
package dev.funnel.cli.retrieval;
