package dev.funnel.query;

import dev.funnel.core.Checks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link QueryUnderstanding} read in a query: the recognised spans (each a field value with
 * a confidence and its evidence), the residual free text (terms not turned into filters), the
 * query type, and the derived filters (at most one value per field) and boosts.
 */
public record Interpretation(
    String query,
    List<String> terms,
    List<Span> spans,
    String residual,
    QueryType type,
    Map<String, String> filters,
    List<Boost> boosts) {

  /** Where a reading comes from. */
  public enum Source {
    CATALOG,
    CLICKS
  }

  /** The intent class of a query, used as bandit context. */
  public enum QueryType {
    /** A brand (and at most one other term): the user wants that brand's items. */
    NAVIGATIONAL_BRAND,
    /** A category (no brand, at most one other term): the user browses a category. */
    CATEGORY_BROWSE,
    /** Many terms, or a brand/category with two or more further terms, or a number: one item. */
    SPECIFIC_ITEM,
    /** Anything else. */
    FREE_TEXT
  }

  /**
   * Terms {@code [start, end)} of {@link #terms} read as {@code field = value} with a confidence
   * in [0, 1]; {@code filter} tells whether the reading became a filter (else a boost).
   */
  public record Span(int start, int end, String text, String field, String value, double confidence, Source source, boolean filter) {
    public Span {
      if (start < 0 || end <= start) {
        throw new dev.funnel.core.InvalidInputException("span", start + ".." + end, "expected 0 <= start < end");
      }
      Checks.nonBlank("field", field);
      Checks.nonBlank("value", value);
      Checks.inRange("confidence", confidence, 0, 1);
    }
  }

  /** A soft preference for items with {@code field = value}, weighted by the reading's confidence. */
  public record Boost(String field, String value, double weight) {
    public Boost {
      Checks.nonBlank("field", field);
      Checks.nonBlank("value", value);
      Checks.nonNegative("weight", weight);
    }
  }

  public Interpretation {
    terms = List.copyOf(terms);
    spans = List.copyOf(spans);
    filters = java.util.Collections.unmodifiableMap(new TreeMap<>(filters));
    boosts = List.copyOf(boosts);
    if (residual == null || type == null) {
      throw new dev.funnel.core.InvalidInputException("interpretation", query, "expected a residual text and a type");
    }
  }
}
