/**
 * Memory of what users found for each query and predicted queries for cold-start items (the
 * {@code memory} strategy), and the {@code structured} strategy over query understanding's
 * readings (module funnel-query, package {@code dev.funnel.query}).
 *
 * <h2>Memory strategy</h2>
 *
 * <pre>{@code
 * InMemoryRequestLog requests = new InMemoryRequestLog(1_000_000);   // filled by /search
 * MemoryIndex memory = MemoryIndex.rebuild(eventLog, MemoryConfig.DEFAULT,
 *     QueryNormalizer.DEFAULT, requests, Clock.systemUTC());          // or MemoryIndex.load(file, ...)
 * memory.addPredictions(new PredictedQueryGenerator(catalog, 12).generateAll(catalog));
 * Retriever strategy = new MemoryRetriever(memory, Clock.systemUTC()); // name "memory"
 * // feedback flows in from POST /events while serving threads call strategy.retrieve(query, k)
 * memory.accept(event);
 * QueryItemStats f = memory.stats(query.text(), itemId);              // ranker features
 * memory.snapshot(Path.of("memory.snap"));                            // atomic, versioned
 * }</pre>
 *
 * {@link dev.funnel.query.QueryNormalizer} turns query text into keys (NFKC, lower case,
 * punctuation folding, plural stemming). {@link dev.funnel.memory.MemoryIndex} keeps per
 * (key, item) counts of impressions, clicks, carts and purchases with exponential time decay
 * (lazy, O(1) per event, lock-free), and scores pairs by a smoothed utility. A lookup merges the
 * key's own items with those of near keys (idf-weighted token overlap, prefix of the last word),
 * discounted by similarity. Items without feedback are found through their predicted queries
 * ({@link dev.funnel.memory.PredictedQueryGenerator}); a prediction's weight shrinks as the item
 * collects impressions, so real statistics replace it. {@link
 * dev.funnel.memory.MemoryRetriever#explain} tells, for each hit, the key, similarity and source.
 *
 * <h2>Structured strategy</h2>
 *
 * <pre>{@code
 * QueryUnderstanding qu = QueryUnderstanding.rebuild(catalog, eventLog, QuConfig.DEFAULT, requests);
 * Interpretation in = qu.interpret("starbucks gift card");
 * // in.filters() = {brand=Starbucks}, in.residual() = "gift card", in.type() = NAVIGATIONAL_BRAND
 * StructuredRetriever structured = new StructuredRetriever(qu, (sq, k) -> lucene.search(sq, k));
 * structured.retrieve(query, in, 10);   // the serving chain passes the interpretation it made once
 * }</pre>
 *
 * {@link dev.funnel.query.QueryUnderstanding} maps query spans to keyword field values learned
 * from the catalog (which values contain which terms, how ambiguous and how common they are) and
 * from clicks (query term to clicked items' values), giving an {@link
 * dev.funnel.query.Interpretation}: spans with confidence and source, residual text, a query type
 * for the bandit's context, filters (confidence >= 0.8) and boosts (>= 0.4). {@link
 * dev.funnel.memory.StructuredRetriever} wraps any text retriever given as a {@link
 * dev.funnel.memory.StructuredRetriever.Search} function: the text index receives a {@link
 * dev.funnel.memory.StructuredQuery} (residual text, filters as {@link dev.funnel.core.Query}
 * filters, boosts to add as optional keyword clauses) and the strategy relaxes the filters into
 * boosts when they leave fewer than k results. The serving chain interprets each query once
 * (its Interpret stage), shows the interpretation in its response, passes {@code in.type()} to the
 * bandit and the interpretation itself to this strategy, which does not interpret again. The
 * {@code memory} strategy does not apply a request's filters itself (it stores no item fields):
 * the serving chain filters its candidates.
 *
 * <h2>In the funnel</h2>
 *
 * QU runs first (its type is bandit context); the bandit picks strategies and budgets; {@code
 * memory} and {@code structured} run beside the text and vector strategies; the union goes to the
 * ranker, whose features include {@link dev.funnel.memory.MemoryIndex#stats}; feedback events go to
 * {@link dev.funnel.memory.MemoryIndex#accept} and {@link
 * dev.funnel.query.QueryUnderstanding#accept}. Both rebuild from the event log and snapshot to
 * crash-safe files ({@link dev.funnel.query.Snapshots}). Formulas and measurements:
 * docs/memory.md.
 */
package dev.funnel.memory;
