/**
 * Related items on a directed item graph with BLADE dual embeddings.
 *
 * <p>"Customers bought U, then V" is asymmetric: after a phone, recommend a case; after a case,
 * not a phone. This package learns, for every item, a <em>source</em> embedding (what it leads
 * to) and a <em>target</em> embedding (what leads to it), so score(u -> v) = source(u) . target(v)
 * differs from score(v -> u).
 *
 * <h2>Input</h2>
 * {@link dev.funnel.graph.EdgeListReader} (TSV/CSV edge lists, optional weights, {@code #}
 * comments, header detection), {@link dev.funnel.graph.AmazonAlsoBuy} ({@code also_buy} edges
 * between the items of Amazon product metadata, as the one Amazon reader, retrieval's {@code
 * CatalogReaders}, builds the catalog) and {@link dev.funnel.graph.EventEdges} (purchases of U then V within a window
 * in the event log) build an immutable CSR {@link dev.funnel.graph.Graph}. Bad lines fail with
 * {@code file:line}, the field and the value.
 *
 * <h2>Model</h2>
 * {@link dev.funnel.graph.DualGnn}: ID embeddings plus one aggregation layer over neighbourhoods
 * sampled by random walks along out- and in-edges, separate weights per (role, direction);
 * {@link dev.funnel.graph.SamplingRule} documents the degree-adaptive rule (more and deeper walks
 * for low-degree nodes). {@link dev.funnel.graph.GnnTrainer} trains it with the asymmetric BLADE
 * loss (edge high, random negatives low, reverse of a non-reciprocal edge low), mini-batches split across threads, Adagrad, early stopping on
 * validation MRR. {@link dev.funnel.graph.AdaptiveBlade} adapts BLADE to the graph on validation
 * edges carved from the training edges: a small grid of directed models, source embeddings of
 * nodes without out-edges from their in-neighbourhood, and a validated mix with a symmetric
 * (GraphSAGE-style) component and an in-degree prior ({@link dev.funnel.graph.ScoreMix}), picked
 * by the one-standard-error rule of {@link dev.funnel.graph.MixSelection}, so a strongly
 * reciprocal graph is scored as well as by a symmetric model. {@link dev.funnel.graph.BladeTraining} produces a {@link
 * dev.funnel.graph.GraphModel} with typed provenance and a training report, saved to and loaded
 * from a file in the one model-file envelope ({@link dev.funnel.core.io.ModelFile}).
 *
 * <h2>Evaluation</h2>
 * {@link dev.funnel.graph.LinkMethod} / {@link dev.funnel.graph.LinkScorer} put BLADE and the
 * baselines ({@link dev.funnel.graph.Methods}: blade, blade-directed, blade-fixed, sage, shallow,
 * popularity) in one harness; {@link dev.funnel.graph.SyntheticGraph} generates seeded graphs
 * (power-law, or co-purchase graphs with a set reciprocity and counts); {@link dev.funnel.graph.EdgeSplit} holds out edges keeping a spanning forest;
 * {@link dev.funnel.graph.LinkEvaluation} computes HR@10/20, MRR, direction AUC and the same per
 * degree bucket, with paired bootstrap intervals ({@link dev.funnel.graph.SeedBootstrap}). Command: {@code ./funnel eval graph --edges FILE}.
 *
 * <h2>Serving</h2>
 * {@link dev.funnel.graph.RelatedItems} answers "related to item u" from a Lucene HNSW index over
 * target embeddings queried with source(u); {@link dev.funnel.graph.RelatedApi} serves
 * {@code GET /related/{item}?k=10}; {@link dev.funnel.graph.GraphRetriever} is the {@code graph}
 * strategy of the search funnel (seed items from the {@code seed_items} context attribute).
 * See docs/graph.md for commands and results.
 */
package dev.funnel.graph;
