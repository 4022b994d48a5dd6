package dev.funnel.query;

import dev.funnel.core.Checks;
import java.util.List;

/**
 * Settings of {@link QueryUnderstanding}.
 *
 * @param fields keyword fields whose values queries are mapped to; default brand and category.
 * @param brandField the field that makes a query navigational; default {@code brand}.
 * @param categoryField the field that makes a query a category browse; default {@code category}.
 * @param filterThreshold spans with confidence at least this become filters; default 0.8 (a wrong
 *     filter hides every right item, so only near-certain readings filter).
 * @param boostThreshold spans with confidence at least this (and below the filter threshold)
 *     become boosts; default 0.4 (a wrong boost only reorders).
 * @param clickPrior {@code alpha}: pseudo-clicks of the catalog prior in the click posterior
 *     {@code P(v | u) = (c(u, v) + alpha * p0(v)) / (c(u) + alpha)}; default 5.
 * @param minClickSupport a query unit needs at least this much click weight before its clicks
 *     are used; default 3.
 * @param maxSpanTokens longest span (in terms) matched against field values; default 4.
 */
public record QuConfig(
    List<String> fields,
    String brandField,
    String categoryField,
    double filterThreshold,
    double boostThreshold,
    double clickPrior,
    double minClickSupport,
    int maxSpanTokens) {

  public static final QuConfig DEFAULT = new QuConfig(List.of("brand", "category"), "brand", "category", 0.8, 0.4, 5, 3, 4);

  public QuConfig {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new dev.funnel.core.InvalidInputException("fields", "[]", "expected at least one keyword field");
    }
    fields.forEach(f -> Checks.nonBlank("fields[]", f));
    Checks.nonBlank("brandField", brandField);
    Checks.nonBlank("categoryField", categoryField);
    Checks.inRange("filterThreshold", filterThreshold, 0, 1);
    Checks.inRange("boostThreshold", boostThreshold, 0, filterThreshold);
    Checks.positive("clickPrior", clickPrior);
    Checks.nonNegative("minClickSupport", minClickSupport);
    Checks.atLeast("maxSpanTokens", maxSpanTokens, 1);
  }
}
