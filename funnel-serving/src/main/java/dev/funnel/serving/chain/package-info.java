/**
 * The stages of the search funnel, in the spirit of Vespa's searcher chains: each {@link
 * dev.funnel.serving.chain.Stage} has one job and calls {@code next.proceed(exchange)} for the
 * rest, over one per-request {@link dev.funnel.serving.chain.Exchange} whose parts are each set
 * once, by their stage.
 *
 * <ol>
 *   <li>{@link dev.funnel.serving.chain.InterpretStage}: query understanding, once; the
 *       interpretation stays on the exchange.
 *   <li>{@link dev.funnel.serving.chain.DecideStage}: the bandit's strategies and budgets (with
 *       the cold-start prior), or the request's named strategies as a fixed decision.
 *   <li>{@link dev.funnel.serving.chain.RetrieveStage}: the strategies with typed inputs (filters,
 *       the interpretation for {@code structured}, seed items for seeded strategies); filters on
 *       every strategy.
 *   <li>{@link dev.funnel.serving.chain.UnionStage}: one candidate per known item with every
 *       provenance entry; facet counts.
 *   <li>{@link dev.funnel.serving.chain.RankStage}: the ranker read once and retained; every
 *       candidate scored.
 *   <li>{@link dev.funnel.serving.chain.GateStage}: the page, or the conversion gate's verdicts;
 *       explanations by the same ranker.
 *   <li>{@link dev.funnel.serving.chain.RecordStage}: into the request ledger; closed attribution
 *       windows rewarded 0.
 * </ol>
 *
 * {@link dev.funnel.serving.chain.Chain} times each stage on the exchange's {@link
 * dev.funnel.serving.chain.Trace}, which a request with {@code "trace": true} gets back.
 */
package dev.funnel.serving.chain;
