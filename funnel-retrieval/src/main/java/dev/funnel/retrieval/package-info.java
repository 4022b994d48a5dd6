/**
 * Catalog ingestion and retrieval: BM25, BM25 with a popularity prior, dense kNN with an in-JVM
 * embedding model, and hybrid fusion, over Lucene snapshots that are swapped atomically.
 *
 * <h2>Index a catalog</h2>
 *
 * <pre>{@code
 * try (CatalogReader items = CatalogReaders.open(file, CatalogReaders.Format.AMAZON, null, reviews, false)) {
 *   IndexConfig config = IndexConfig.defaults(List.of("title", "description"));   // vectors on
 *   new CatalogIndexer(config).build(indexDir, items, 0, Map.of("input", file.toString()));
 * }
 * }</pre>
 *
 * {@link dev.funnel.retrieval.CatalogReaders} reads JSON lines with a field mapping (id, text,
 * keyword and numeric fields, popularity), BEIR corpora and Amazon product metadata; it is the
 * one reader of each catalog format ({@code index}, {@code serve}, {@code demo}, {@code eval qu},
 * {@code bench memory} and the graph commands all read Amazon metadata through {@link
 * dev.funnel.retrieval.CatalogReaders#readAll} with the same cleaning rules). A malformed
 * record stops the run with {@code file:line: field: expected ..., got value}; with skip-bad it
 * is skipped and counted per reason ({@link dev.funnel.retrieval.ReadReport}).
 *
 * <p>{@link dev.funnel.retrieval.CatalogIndexer} writes a new numbered snapshot folder beside the
 * live one and then renames the pointer file {@code CURRENT} atomically: a crash at any point
 * leaves the previous snapshot live. Each snapshot records its format version, configuration,
 * model and source in {@code funnel-index.json}, in the one model-file envelope ({@link
 * dev.funnel.core.io.ModelFile}); other kinds and versions are refused with a message
 * asking for a rebuild. Items are stored whole (as JSON), keyword fields are exact-match terms
 * for filters, numbers are doc values, popularity is a Lucene {@code FeatureField}, vectors are
 * unit-length and searched with HNSW.
 *
 * <h2>Search</h2>
 *
 * <pre>{@code
 * CatalogIndex index = CatalogIndex.open(indexDir);               // once; thread-safe
 * List<Candidate> top = index.retriever("hybrid").retrieve(new Query("gift card", Map.of("brand", "Amazon"), null), 10);
 * Item item = index.item(top.get(0).itemId()).orElseThrow();
 * }</pre>
 *
 * Strategies ({@link dev.funnel.retrieval.CatalogIndex#retrievers()}):
 *
 * <ul>
 *   <li>{@code bm25}: Anserini's flat BEIR recipe ({@link dev.funnel.retrieval.SearchAnalyzer},
 *       BM25 k1 = 0.9, b = 0.4, bag-of-words query, ties by id); reproduces SciFact nDCG@10
 *       0.6789 exactly;
 *   <li>{@code bm25-pop}: {@code bm25 + w * ln(1 + popularity)}, w = {@link
 *       dev.funnel.retrieval.SearchSettings#popularityWeight()};
 *   <li>{@code dense}: all-MiniLM-L6-v2 sentence embeddings computed in the JVM ({@link
 *       dev.funnel.retrieval.MiniLmEmbedder}, ONNX Runtime, model shipped in a Maven jar, no
 *       download, telemetry off), cosine similarity by Lucene HNSW;
 *   <li>{@code hybrid}: bm25 and dense fused by min-max normalised scores, dense weight {@code
 *       denseWeight} = 0.5 (the better fusion on the SciFact train split);
 *   <li>{@code hybrid-rrf}: bm25 and dense fused by reciprocal rank, constant {@code rrfK} = 10.
 * </ul>
 *
 * Every candidate carries provenance: the strategy, its raw score and rank; fused candidates
 * list the fused entry first, then every strategy that found the item ({@link
 * dev.funnel.retrieval.Fusion}). Unknown strategy names fail with an {@code
 * InvalidInputException} on field {@code strategies} listing the valid names.
 *
 * <h2>Filters and structured search</h2>
 *
 * A query's {@link dev.funnel.core.Filters} become FILTER clauses of each strategy's Lucene query
 * ({@code appliesFilters()} is true for all of them): a keyword value is a term query, a list of
 * values a disjunction, a numeric range ({@code gte}/{@code gt}/{@code lte}/{@code lt}) a
 * doc-values range query over the numbers already stored as double doc values ({@link
 * dev.funnel.retrieval.NumericRanges}). A field the catalog does not have (or a range on a
 * keyword field, a value on a numeric one) fails naming {@code filters.FIELD}. {@link
 * dev.funnel.retrieval.CatalogIndex#structured} is the {@code structured} strategy's search: one
 * query, bm25 text (MUST), filters (FILTER) and each {@link dev.funnel.retrieval.KeywordBoost} as
 * a SHOULD clause worth its weight times the query's best text score. {@code POST /search} is not
 * served here: it is the serving module's single request path.
 *
 * <h2>Item updates without a reindex</h2>
 *
 * {@link dev.funnel.retrieval.IndexUpdater} changes a live index in place: each batch of {@link
 * dev.funnel.retrieval.ItemUpdate}s is written to the {@link dev.funnel.retrieval.ItemJournal}
 * (checksummed, forced to disk), applied to a Lucene {@code IndexWriter} and made searchable by a
 * near-real-time reader before {@code apply} returns; commits are periodic and a start replays the
 * journal after the last one. {@link dev.funnel.retrieval.ItemMapping} parses records in the
 * catalog's own format and mapping with the same code as {@code funnel index}; {@link
 * dev.funnel.retrieval.ItemsApi} serves {@code PUT /items/{id}}, {@code POST /items}, {@code
 * DELETE /items/{id}} and {@code GET /items/{id}}. See docs/items.md.
 *
 * <h2>Evaluate</h2>
 *
 * {@link dev.funnel.retrieval.BeirDataset} and {@link dev.funnel.retrieval.RetrievalEvaluation}
 * compute nDCG@10, Recall@100 and MRR@10 with the project's trec_eval-style metrics; {@link
 * dev.funnel.retrieval.SyntheticCatalog} generates seeded catalogs for speed benchmarks. See
 * docs/retrieval.md for the commands and results.
 */
package dev.funnel.retrieval;
