package dev.funnel.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * A search request as retrievers see it: the query text, keyword filters that must match
 * (field -> value) and the request context.
 */
public record Query(String text, Map<String, String> filters, Context context) {
  public Query {
    if (text == null) {
      throw new InvalidInputException("query", null, "expected a query string");
    }
    filters = filters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(filters));
    context = context == null ? Context.EMPTY : context;
  }

  public static Query of(String text) {
    return new Query(text, Map.of(), Context.EMPTY);
  }
}
