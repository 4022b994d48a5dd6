/**
 * Query understanding, shared by serving, the memory index and evaluation.
 *
 * <p>{@link dev.funnel.query.QueryUnderstanding} reads a query against the catalog's keyword
 * values (and what clicks taught it) into an {@link dev.funnel.query.Interpretation}: recognised
 * spans with confidences, the residual free text, derived filters and boosts, and a query type
 * that the bandit uses as intent context. {@link dev.funnel.query.QueryNormalizer} is the one
 * normalisation of query text (memory keys and readings use it); {@link
 * dev.funnel.query.RequestLog} is how an event without its query finds it; {@link
 * dev.funnel.query.Snapshots} is the checksummed snapshot file format that query understanding
 * and the memory index save.
 *
 * <pre>{@code
 * QueryUnderstanding qu = new QueryUnderstanding(items, QuConfig.DEFAULT, RequestLog.NONE);
 * Interpretation in = qu.interpret("starbucks gift card");
 * in.filters();   // {brand=Starbucks}
 * in.residual();  // "gift card"
 * in.type();      // NAVIGATIONAL_BRAND
 * }</pre>
 */
package dev.funnel.query;
