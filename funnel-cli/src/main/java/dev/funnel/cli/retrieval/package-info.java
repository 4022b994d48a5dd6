/**
 * {@code funnel index}, {@code eval retrieval} and {@code bench retrieval}: catalogs read by
 * {@code CatalogReaders} (JSON lines, BEIR, Amazon metadata), indexed into snapshots whose
 * metadata file uses the one model-file envelope. See docs/retrieval.md.
 */
package dev.funnel.cli.retrieval;
