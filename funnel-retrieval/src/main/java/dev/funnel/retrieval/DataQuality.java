package dev.funnel.retrieval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of what cleaning did to a catalog, per field (see {@link CatalogCleaning}). Filled while
 * a {@link CatalogReader} reads; {@link #report()} gives an immutable copy.
 */
public final class DataQuality {
  /**
   * One field: values {@code filled} (non-empty after cleaning, kept), {@code empty} (items
   * without a value), {@code cleaned} (values changed by cleaning), {@code fallback} (titles
   * taken from the description) and {@code dropped} values per reason.
   */
  public record Field(long filled, long empty, long cleaned, long fallback, Map<String, Long> dropped) {
    public Field {
      dropped = Collections.unmodifiableMap(new TreeMap<>(dropped));
    }

    public long droppedTotal() {
      return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The whole report: per field, then how many items got a popularity above 0 (and from where)
   * and how many served values still hold markup after cleaning (0 unless the cleaner fails).
   */
  public record Report(Map<String, Field> fields, long items, long withPopularity, String popularitySource, long valuesWithMarkup) {
    public Report {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An empty report (nothing read). */
    public static Report none() {
      return new Report(Map.of(), 0, 0, null, 0);
    }

    /** The report with snake_case keys, for JSON output. */
    public Map<String, Object> toMap() {
      Map<String, Object> f = new LinkedHashMap<>();
      fields.forEach((name, v) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filled", v.filled());
        m.put("empty", v.empty());
        m.put("cleaned", v.cleaned());
        m.put("title_fallback", v.fallback());
        m.put("dropped", v.droppedTotal());
        m.put("dropped_by_reason", v.dropped());
        f.put(name, m);
      });
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("items", items);
      out.put("fields", f);
      out.put("items_with_popularity", withPopularity);
      out.put("popularity_source", popularitySource);
      out.put("values_with_markup", valuesWithMarkup);
      return out;
    }

    /** A few lines for people, one per field. */
    public String toText() {
      StringBuilder b = new StringBuilder("data quality (" + items + " items)\n");
      b.append(String.format(java.util.Locale.ROOT, "  %-14s %8s %8s %8s %8s %8s  %s%n", "field", "filled", "empty", "cleaned", "fallback", "dropped", "why dropped"));
      fields.forEach((name, f) -> b.append(String.format(java.util.Locale.ROOT, "  %-14s %8d %8d %8d %8d %8d  %s%n",
          name, f.filled(), f.empty(), f.cleaned(), f.fallback(), f.droppedTotal(), f.dropped().isEmpty() ? "" : f.dropped())));
      if (popularitySource == null) {
        b.append("  popularity: none (no popularity source given");
        b.append(items > 0 ? "; every item has popularity 0)\n" : ")\n");
      } else {
        b.append("  popularity: " + withPopularity + " of " + items + " items have a popularity above 0 (" + popularitySource + ")\n");
      }
      b.append("  served values with HTML markup or entities after cleaning: " + valuesWithMarkup);
      return b.toString();
    }
  }

  private static final class Counts {
    long filled;
    long empty;
    long cleaned;
    long fallback;
    final Map<String, Long> dropped = new TreeMap<>();
  }

  private final Map<String, Counts> fields = new LinkedHashMap<>();
  private final String popularitySource;
  private long items;
  private long withPopularity;
  private long valuesWithMarkup;

  DataQuality(List<String> fieldOrder, String popularitySource) {
    for (String f : fieldOrder) {
      fields.put(f, new Counts());
    }
    this.popularitySource = popularitySource;
  }

  private Counts of(String field) {
    return fields.computeIfAbsent(field, k -> new Counts());
  }

  void filled(String field, long values) {
    of(field).filled += values;
  }

  void empty(String field) {
    of(field).empty++;
  }

  void cleaned(String field, long values) {
    of(field).cleaned += values;
  }

  void fallback(String field) {
    of(field).fallback++;
  }

  void dropped(String field, String reason) {
    of(field).dropped.merge(reason, 1L, Long::sum);
  }

  /** Counts one kept item: its popularity and any value that still holds markup. */
  void item(dev.funnel.core.Item item, String popularityField) {
    items++;
    if (popularityField != null) {
      Double p = item.numbers().get(popularityField);
      if (p != null && p > 0) {
        withPopularity++;
      }
    }
    for (String v : item.text().values()) {
      if (CatalogCleaning.hasMarkup(v)) {
        valuesWithMarkup++;
      }
    }
    for (List<String> vs : item.keywords().values()) {
      for (String v : vs) {
        if (CatalogCleaning.hasMarkup(v)) {
          valuesWithMarkup++;
        }
      }
    }
  }

  public Report report() {
    Map<String, Field> out = new LinkedHashMap<>();
    fields.forEach((k, c) -> out.put(k, new Field(c.filled, c.empty, c.cleaned, c.fallback, c.dropped)));
    return new Report(out, items, withPopularity, popularitySource, valuesWithMarkup);
  }
}
