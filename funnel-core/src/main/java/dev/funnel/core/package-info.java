/**
 * Value types that every module shares, each validating itself: {@link dev.funnel.core.Item},
 * {@link dev.funnel.core.Query} (text, {@link dev.funnel.core.Filters}, {@link
 * dev.funnel.core.Context}), {@link dev.funnel.core.Candidate} with {@link
 * dev.funnel.core.Provenance}, {@link dev.funnel.core.Event}, and the strategy contracts {@link
 * dev.funnel.core.Retriever} (query in, scored candidates with provenance out; {@code
 * appliesFilters()} tells whether it honours filters itself) and {@link
 * dev.funnel.core.SeededRetriever} (seed items in). Bad input is an {@link
 * dev.funnel.core.InvalidInputException} naming the field, the value and what was expected.
 */
package dev.funnel.core;
