package dev.funnel.serving.chain;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Union: one candidate per item over every strategy's list, in first-seen order (strategies in
 * order, each list by rank), carrying every provenance entry of every list that found it (one
 * per strategy, the first seen) and the best score seen; candidates whose item the catalog does
 * not know are dropped. With {@code facets}, counts the values of those keyword fields over the
 * union (the candidates the ranker will order, after filters).
 */
public final class UnionStage implements Stage {
  private final Function<String, Optional<Item>> catalog;
  private final Set<String> keywordFields;

  /** @param keywordFields the catalog's keyword fields, which facets may name */
  public UnionStage(Function<String, Optional<Item>> catalog, Set<String> keywordFields) {
    this.catalog = catalog;
    this.keywordFields = Set.copyOf(keywordFields);
  }

  @Override
  public String name() {
    return "union";
  }

  @Override
  public void apply(Exchange x, Chain next) {
    for (String f : x.request().facets()) {
      if (!keywordFields.contains(f)) {
        throw new InvalidInputException("facets", f, "expected a keyword field of this catalog, one of " + new TreeSet<>(keywordFields));
      }
    }
    List<Candidate> union = union(x.lists());
    Map<String, Item> items = new HashMap<>();
    List<Candidate> known = new ArrayList<>(union.size());
    for (Candidate c : union) {
      Optional<Item> item = catalog.apply(c.itemId());
      if (item.isPresent()) {
        items.put(c.itemId(), item.get());
        known.add(c);
      }
    }
    x.union(known, items, facets(x.request().facets(), known, items));
    next.proceed(x);
  }

  /** Value counts per facet field over {@code candidates}, each field's values by count descending then value. */
  static Map<String, Map<String, Long>> facets(List<String> fields, List<Candidate> candidates, Map<String, Item> items) {
    if (fields.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (String f : fields) {
      Map<String, Long> counts = new TreeMap<>();
      for (Candidate c : candidates) {
        for (String v : items.get(c.itemId()).keywords().getOrDefault(f, List.of())) {
          counts.merge(v, 1L, Long::sum);
        }
      }
      List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
      sorted.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue()) : a.getKey().compareTo(b.getKey()));
      Map<String, Long> ordered = new LinkedHashMap<>();
      sorted.forEach(e -> ordered.put(e.getKey(), e.getValue()));
      out.put(f, ordered);
    }
    return out;
  }

  /** The union of {@code lists} (see the class documentation), before the catalog check. */
  public static List<Candidate> union(Map<String, List<Candidate>> lists) {
    Map<String, List<Provenance>> prov = new LinkedHashMap<>();
    Map<String, Double> score = new HashMap<>();
    for (List<Candidate> list : lists.values()) {
      for (Candidate c : list) {
        List<Provenance> p = prov.computeIfAbsent(c.itemId(), k -> new ArrayList<>(2));
        for (Provenance q : c.provenance()) {
          if (p.stream().noneMatch(y -> y.strategy().equals(q.strategy()))) {
            p.add(q);
          }
        }
        score.merge(c.itemId(), c.score(), Math::max);
      }
    }
    List<Candidate> out = new ArrayList<>(prov.size());
    prov.forEach((id, p) -> out.add(new Candidate(id, score.get(id), p)));
    return out;
  }
}
