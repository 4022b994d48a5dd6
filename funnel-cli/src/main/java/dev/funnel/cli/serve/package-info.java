/**
 * {@code funnel serve} and {@code funnel demo}: the HTTP server over an index built by {@code
 * funnel index}, with its loop, limit and decision settings. The demo reads the Amazon Gift Cards
 * catalog with the one Amazon reader ({@code CatalogReaders}) and trains its related-items graph
 * on the same items. See docs/loop.md and docs/reliability.md.
 */
package dev.funnel.cli.serve;
