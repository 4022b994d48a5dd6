/**
 * {@code funnel eval qu} and {@code funnel bench memory}: query understanding and the memory
 * index on the Amazon Gift Cards catalog, read by the one Amazon reader ({@code CatalogReaders},
 * the same items {@code index} and {@code serve} hold). See docs/memory.md.
 */
package dev.funnel.cli.memory;
