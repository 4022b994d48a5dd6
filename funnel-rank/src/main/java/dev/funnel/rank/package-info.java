/**
 * Learning to rank: one feature code path for serving and training, LambdaMART (LightGBM
 * {@code lambdarank}) and baseline rankers behind one {@link dev.funnel.rank.Ranker} interface,
 * training from logged impressions and feedback with position-bias correction, and model files
 * with provenance.
 *
 * <h2>Serving</h2>
 *
 * <pre>{@code
 * FeaturePipeline features = FeaturePipeline.standard(
 *     List.of("bm25", "dense", "memory", "structured"),   // strategies, in a fixed order
 *     memoryIndex,                                       // implements MemoryStats
 *     List.of("popularity", "price"),                    // numeric item fields
 *     List.of("brand", "category"));                     // keyword fields matched with the query
 * RankingService ranking = new RankingService(features,
 *     new ReciprocalRankFusionRanker(features.schema(), ReciprocalRankFusionRanker.DEFAULT_K));
 * // later, or at start-up from a file (fails clearly if the file's features differ):
 * ranking.swap(RankerFile.read(Path.of("ranker.json"), features.schema()));
 *
 * List<RankingService.Ranked> top = ranking.rank(query, candidateUnion, catalog::get, 10, 3);
 * // each Ranked: candidate (with its provenance: which strategies found it, at which rank),
 * // score, features as served, and `why`: the 3 largest feature contributions to the score.
 * TrainingLog.append(Path.of("training.jsonl"), features.schema(),
 *     RankingService.logForTraining(requestId, query, top));   // writes the header on first use
 * }</pre>
 *
 * {@link dev.funnel.rank.RankingService} is thread-safe; {@code swap} replaces the ranker
 * atomically (each request reads it once). Release a replaced {@link dev.funnel.rank.LambdaMartRanker}
 * ({@code close()}) only after requests that may still use it have finished.
 *
 * <h2>Features</h2>
 *
 * {@link dev.funnel.rank.FeaturePipeline} concatenates {@link dev.funnel.rank.FeatureExtractor}s
 * into a {@link dev.funnel.rank.FeatureSchema} (ordered names + version): per strategy its raw
 * score, reciprocal rank and a found flag (0 when it did not find the item), the number of
 * strategies that found the item, memory statistics for (query, item) from
 * {@link dev.funnel.rank.MemoryStats} (impressions, clicks, carts, purchases, smoothed CTR), numeric
 * item fields, keyword-field token matches, query length and context (UTC hour, segment bucket).
 * The memory index implements the one-method {@code MemoryStats} interface.
 *
 * <h2>Training</h2>
 *
 * The training log holds the feature vectors exactly as served. {@link dev.funnel.rank.TrainingSetBuilder}
 * joins it with click / add_to_cart / purchase {@link dev.funnel.core.Event}s on (request id, item)
 * into graded labels (3/2/1/0, {@link dev.funnel.rank.LabelGrades}), one group per request.
 * {@link dev.funnel.rank.LambdaMartTrainer#train} estimates position propensities with EM for the
 * position-based click model ({@link dev.funnel.rank.PositionBiasEstimator}, Wang et al. WSDM 2018)
 * and trains LambdaMART on inverse-propensity-weighted pairs; {@code ./funnel train ranker} does
 * the same from files. The model file ({@link dev.funnel.rank.RankerFile}) is in the one
 * model-file envelope ({@link dev.funnel.core.io.ModelFile}: kind, format version, typed
 * provenance with the Funnel build) and records the feature schema and {@link
 * dev.funnel.rank.ModelProvenance} (data, time span, params, seed, library version, propensities,
 * validation metrics).
 *
 * <h2>Evaluation</h2>
 *
 * {@code ./funnel eval ltr --train FILE --test FILE} ({@link dev.funnel.rank.LtrEvaluation}) compares
 * this pipeline with LightGBM's own run (at the same seed) and baselines on SVMlight/LETOR data
 * ({@link dev.funnel.rank.SvmLightData}); {@code ./funnel train ranker --data FILE} ({@link
 * dev.funnel.rank.SvmLightTraining}) trains a model file from such data. See docs/ranking.md.
 */
package dev.funnel.rank;
