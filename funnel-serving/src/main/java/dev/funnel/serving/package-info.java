/**
 * The request path of {@code POST /search}: one typed request through one chain of stages, and
 * one ledger for what was served.
 *
 * <pre>{@code
 * SearchRequest req = SearchRequest.parse(body);      // the only parse; unknown fields are 400s
 * Exchange x = funnel.run(req, deadline);             // interpret → decide → retrieve → union → rank → gate → record
 * SearchResponse r = SearchResponse.of(x, gate, t0);  // a record, serialised by Jackson
 * x.trace().steps();                                  // each stage's own and inclusive time
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.funnel.serving.SearchRequest}: query, page ({@code k}, {@code offset}),
 *       {@code strategies}, typed {@code seed_items}, {@code decision}, {@link
 *       dev.funnel.core.Filters} (keyword values or lists, numeric ranges), {@code facets},
 *       context and {@code trace}, validated once at the edge.
 *   <li>{@link dev.funnel.serving.SearchFunnel}: the chain (package {@code
 *       dev.funnel.serving.chain}) over the strategies, the bandit, the ranking service and the
 *       ledger; {@code search(Query, k, Action)} for callers inside the process (the simulator).
 *   <li>{@link dev.funnel.serving.RequestLedger}: served-request state with one bound and one
 *       eviction rule: the join key of events, the bandit's decisions awaiting their reward, the
 *       ranker's training data, the training log's written marks.
 *   <li>{@link dev.funnel.serving.FunnelSearchApi} and {@link dev.funnel.serving.SearchResponse}:
 *       the HTTP module and its answer; {@link dev.funnel.serving.ConversionGate}: the deployed
 *       conversion decision behind the Gate stage.
 * </ul>
 *
 * <p>This module holds the path, not its assembly: a serving process (the chain over a state
 * folder, the learners, the HTTP server) is assembled by module funnel-assembly, which depends on
 * this one, on funnel-learning and on funnel-console.
 */
package dev.funnel.serving;
