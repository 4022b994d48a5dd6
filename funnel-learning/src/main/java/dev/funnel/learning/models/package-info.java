/**
 * Ranker versions of a serving process, and the {@code /models} routes.
 *
 * <p>Every LambdaMART model a process serves is kept as a numbered version ({@link
 * RankerVersions}): the model found in the state folder at start, one given with {@code serve
 * --ranker FILE} (trained offline by {@code funnel train ranker}), and every retrained model that
 * held-out validation accepted. Each version's model file is kept under {@code state/models/}
 * with its provenance and validation metrics, so {@code POST /models/ranker/{version}/activate}
 * can switch back (or forward) to any of them atomically: requests already running finish on the
 * model they started with. {@link ModelsApi} serves the list, the activation and the decision
 * model's threshold tables ({@code GET /models/decision}).
 */
package dev.funnel.learning.models;
