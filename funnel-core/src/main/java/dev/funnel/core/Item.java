package dev.funnel.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One catalog item: an id, free-text fields (title, description...), keyword fields (category,
 * brand...; several values allowed) and numeric fields (price, popularity...). Field maps are
 * copied and sorted, so an item is immutable and prints the same way every time.
 */
public record Item(
    String id, Map<String, String> text, Map<String, List<String>> keywords, Map<String, Double> numbers) {

  public Item {
    Checks.nonBlank("id", id);
    text = copy(text);
    numbers = copy(numbers);
    TreeMap<String, List<String>> kw = new TreeMap<>();
    if (keywords != null) {
      keywords.forEach(
          (k, v) -> {
            Checks.nonBlank("keyword field name", k);
            if (v == null) {
              throw new InvalidInputException("keywords." + k, null, "expected a list of values");
            }
            kw.put(k, List.copyOf(v));
          });
    }
    keywords = java.util.Collections.unmodifiableMap(kw);
    text.keySet().forEach(k -> Checks.nonBlank("text field name", k));
    numbers.forEach((k, v) -> Checks.finite("numbers." + k, v));
  }

  /** All text fields joined by newlines, in field-name order. */
  public String allText() {
    return String.join("\n", text.values());
  }

  /** A numeric field, or {@code fallback} when the item does not have it. */
  public double number(String field, double fallback) {
    Double v = numbers.get(field);
    return v == null ? fallback : v;
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    TreeMap<String, V> t = new TreeMap<>();
    if (m != null) {
      m.forEach(
          (k, v) -> {
            if (v == null) {
              throw new InvalidInputException(String.valueOf(k), null, "expected a value");
            }
            t.put(k, v);
          });
    }
    return java.util.Collections.unmodifiableMap(t);
  }
}
