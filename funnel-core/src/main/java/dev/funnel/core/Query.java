package dev.funnel.core;

import java.util.Map;

/**
 * A search request as retrievers see it: the query text, the {@link Filters} every result must
 * satisfy, and the request context.
 */
public record Query(String text, Filters filters, Context context) {
  public Query {
    if (text == null) {
      throw new InvalidInputException("query", null, "expected a query string");
    }
    filters = filters == null ? Filters.NONE : filters;
    context = context == null ? Context.EMPTY : context;
  }

  /** A query with single-valued keyword filters ({@code field -> value}). */
  public Query(String text, Map<String, String> keywordFilters, Context context) {
    this(text, Filters.of(keywordFilters), context);
  }

  public static Query of(String text) {
    return new Query(text, Filters.NONE, Context.EMPTY);
  }

  /** This query with other text (same filters and context). */
  public Query withText(String other) {
    return new Query(other, filters, context);
  }

  /** This query with other filters (same text and context). */
  public Query withFilters(Filters other) {
    return new Query(text, other, context);
  }
}
