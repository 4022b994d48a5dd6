package dev.funnel.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The constraints every result of a request must satisfy, whatever strategy found it: keyword
 * filters ({@code field -> values}: the item has at least one of the values in that keyword
 * field) and numeric ranges ({@code field -> range} over the item's number of that name). All
 * fields must match. Lucene strategies apply them as FILTER clauses; strategies over other data
 * (memory, graph) are filtered with {@link #matches(Item)}, the same rule.
 */
public record Filters(Map<String, List<String>> keywords, Map<String, Range> ranges) {
  public static final Filters NONE = new Filters(Map.of(), Map.of());

  /**
   * A numeric range; each bound may be null (unbounded). {@code gte}/{@code gt} are lower bounds,
   * {@code lte}/{@code lt} upper ones; at most one of each kind.
   */
  public record Range(Double gte, Double gt, Double lte, Double lt) {
    public Range {
      if (gte != null && gt != null) {
        throw new InvalidInputException("gte", gte, "expected either gte or gt, not both (gt = " + gt + ")");
      }
      if (lte != null && lt != null) {
        throw new InvalidInputException("lte", lte, "expected either lte or lt, not both (lt = " + lt + ")");
      }
      for (Double d : new Double[] {gte, gt, lte, lt}) {
        if (d != null && !Double.isFinite(d)) {
          throw new InvalidInputException("range", d, "expected finite bounds");
        }
      }
      if (gte == null && gt == null && lte == null && lt == null) {
        throw new InvalidInputException("range", "{}", "expected at least one of gte, gt, lte, lt");
      }
      if (min() > max()) {
        throw new InvalidInputException("range", "[" + min() + ", " + max() + "]", "expected a non-empty range (lower bound <= upper bound)");
      }
    }

    /** The smallest value in the range (-inf when unbounded below). */
    public double min() {
      return gte != null ? gte : gt != null ? Math.nextUp(gt.doubleValue()) : Double.NEGATIVE_INFINITY;
    }

    /** The largest value in the range (+inf when unbounded above). */
    public double max() {
      return lte != null ? lte : lt != null ? Math.nextDown(lt.doubleValue()) : Double.POSITIVE_INFINITY;
    }

    public boolean contains(double v) {
      return v >= min() && v <= max();
    }
  }

  public Filters {
    TreeMap<String, List<String>> kw = new TreeMap<>();
    (keywords == null ? Map.<String, List<String>>of() : keywords).forEach((f, vs) -> {
      Checks.nonBlank("filters", f);
      if (vs == null || vs.isEmpty()) {
        throw new InvalidInputException("filters." + f, "[]", "expected at least one value");
      }
      for (String v : vs) {
        if (v == null) {
          throw new InvalidInputException("filters." + f, null, "expected string values");
        }
      }
      kw.put(f, List.copyOf(new LinkedHashSet<>(vs)));
    });
    TreeMap<String, Range> r = new TreeMap<>(ranges == null ? Map.of() : ranges);
    for (String f : r.keySet()) {
      if (kw.containsKey(f)) {
        throw new InvalidInputException("filters." + f, f, "expected a field to be either a keyword or a numeric filter");
      }
    }
    keywords = Collections.unmodifiableMap(kw);
    ranges = Collections.unmodifiableMap(r);
  }

  /** Single-valued keyword filters (the form query understanding and older callers use). */
  public static Filters of(Map<String, String> keywordValues) {
    if (keywordValues == null || keywordValues.isEmpty()) {
      return NONE;
    }
    TreeMap<String, List<String>> kw = new TreeMap<>();
    keywordValues.forEach((f, v) -> kw.put(f, List.of(v)));
    return new Filters(kw, Map.of());
  }

  public boolean isEmpty() {
    return keywords.isEmpty() && ranges.isEmpty();
  }

  /** These filters with {@code extra} keyword filters on fields these do not constrain (these win on conflict). */
  public Filters withDefaults(Map<String, String> extra) {
    TreeMap<String, List<String>> kw = new TreeMap<>();
    extra.forEach((f, v) -> {
      if (!ranges.containsKey(f)) {
        kw.put(f, List.of(v));
      }
    });
    kw.putAll(keywords);
    return new Filters(kw, ranges);
  }

  /** Whether {@code item} satisfies every filter: one of the values per keyword field, and every range. */
  public boolean matches(Item item) {
    for (Map.Entry<String, List<String>> f : keywords.entrySet()) {
      List<String> have = item.keywords().getOrDefault(f.getKey(), List.of());
      boolean any = false;
      for (String v : f.getValue()) {
        if (have.contains(v)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    for (Map.Entry<String, Range> f : ranges.entrySet()) {
      Double v = item.numbers().get(f.getKey());
      if (v == null || !f.getValue().contains(v)) {
        return false;
      }
    }
    return true;
  }

  /** Every field these filters name. */
  public List<String> fields() {
    List<String> out = new ArrayList<>(keywords.keySet());
    out.addAll(ranges.keySet());
    return out;
  }
}
