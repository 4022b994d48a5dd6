package dev.funnel.memory;

import dev.funnel.query.QueryNormalizer;

import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Predicts the queries a cold-start item will be found by, from its own title and keyword fields,
 * using term statistics of the catalog it was built with. Title terms are the {@link
 * QueryNormalizer#TERMS} tokens (stemmed, stop words removed); the salience of a title term is its
 * TF-IDF, {@code tf(t) * (ln((N + 1) / (df(t) + 1)) + 1)} with df over catalog titles, divided by
 * the item's largest, so in (0, 1]. Rules and qualities:
 *
 * <ul>
 *   <li>{@code title}: the whole title when it has at most 6 terms, quality 1.0;
 *   <li>{@code title-prefix}: the first 2, 3 and 4 terms, quality 0.9 (users type the start of a
 *       product name);
 *   <li>{@code brand}: the brand alone, 0.7 (navigational queries);
 *   <li>{@code brand+term}: the brand and one of the 3 most salient title terms not in it,
 *       {@code 0.6 + 0.3 s};
 *   <li>{@code category+term}: the item's rarest category and one of the 2 most salient terms,
 *       {@code 0.4 + 0.3 s};
 *   <li>{@code ngram}: title bigrams whose two terms both have salience >= 0.3, {@code 0.5 + 0.3 *
 *       mean s} (at most 3);
 *   <li>{@code term}: the 3 most salient single terms, {@code 0.3 + 0.3 s}.
 * </ul>
 *
 * A repeated key keeps its best quality; keys are sorted by quality (then key) and cut to {@code
 * maxPerItem}. Immutable after construction and thread-safe.
 */
public final class PredictedQueryGenerator {
  private final int maxPerItem;
  private final int catalogSize;
  private final Map<String, Integer> titleDf = new HashMap<>();
  private final Map<String, Integer> categoryCount = new HashMap<>();

  /** Default bound: 12 predicted queries per item, enough for each rule to contribute. */
  public static final int DEFAULT_MAX_PER_ITEM = 12;

  public PredictedQueryGenerator(List<Item> catalog, int maxPerItem) {
    this.maxPerItem = Checks.atLeast("maxPerItem", maxPerItem, 1);
    this.catalogSize = catalog.size();
    for (Item item : catalog) {
      for (String t : new LinkedHashSet<>(titleTerms(item))) {
        titleDf.merge(t, 1, Integer::sum);
      }
      for (String c : item.keywords().getOrDefault("category", List.of())) {
        categoryCount.merge(c, 1, Integer::sum);
      }
    }
  }

  private static List<String> titleTerms(Item item) {
    return QueryNormalizer.TERMS.tokens(item.text().getOrDefault("title", ""));
  }

  /** Salience of each title term of {@code item}, in (0, 1], in title order. */
  Map<String, Double> salience(Item item) {
    Map<String, Double> tfidf = new LinkedHashMap<>();
    for (String t : titleTerms(item)) {
      int df = titleDf.getOrDefault(t, 0);
      double idf = Math.log((catalogSize + 1.0) / (df + 1.0)) + 1.0;
      tfidf.merge(t, idf, Double::sum);
    }
    double max = tfidf.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    tfidf.replaceAll((t, v) -> v / max);
    return tfidf;
  }

  /** The predicted queries of {@code item} (keys normalised by {@link QueryNormalizer#TERMS}). */
  public List<PredictedQuery> generate(Item item) {
    Map<String, PredictedQuery> out = new HashMap<>();
    List<String> terms = titleTerms(item);
    Map<String, Double> sal = salience(item);
    List<String> bySalience = new ArrayList<>(sal.keySet());
    bySalience.sort(Comparator.comparingDouble((String t) -> -sal.get(t)).thenComparing(t -> t));
    if (!terms.isEmpty() && terms.size() <= 6) {
      put(out, item, terms, 1.0, "title");
    }
    for (int n = 2; n <= 4 && n < terms.size(); n++) {
      put(out, item, terms.subList(0, n), 0.9, "title-prefix");
    }
    for (String brand : item.keywords().getOrDefault("brand", List.of())) {
      List<String> b = QueryNormalizer.TERMS.tokens(brand);
      put(out, item, b, 0.7, "brand");
      int added = 0;
      for (String t : bySalience) {
        if (added == 3) {
          break;
        }
        if (!b.contains(t)) {
          List<String> key = new ArrayList<>(b);
          key.add(t);
          put(out, item, key, 0.6 + 0.3 * sal.get(t), "brand+term");
          added++;
        }
      }
    }
    item.keywords().getOrDefault("category", List.of()).stream()
        .min(Comparator.comparingInt((String c) -> categoryCount.getOrDefault(c, 0)).thenComparing(c -> c))
        .ifPresent(category -> {
          List<String> c = QueryNormalizer.TERMS.tokens(category);
          int added = 0;
          for (String t : bySalience) {
            if (added == 2) {
              break;
            }
            if (!c.contains(t)) {
              List<String> key = new ArrayList<>(c);
              key.add(t);
              put(out, item, key, 0.4 + 0.3 * sal.get(t), "category+term");
              added++;
            }
          }
        });
    int bigrams = 0;
    for (int i = 0; i + 1 < terms.size() && bigrams < 3; i++) {
      double a = sal.get(terms.get(i));
      double b = sal.get(terms.get(i + 1));
      if (a >= 0.3 && b >= 0.3 && !terms.get(i).equals(terms.get(i + 1))) {
        put(out, item, terms.subList(i, i + 2), 0.5 + 0.3 * (a + b) / 2, "ngram");
        bigrams++;
      }
    }
    for (int i = 0; i < Math.min(3, bySalience.size()); i++) {
      String t = bySalience.get(i);
      put(out, item, List.of(t), 0.3 + 0.3 * sal.get(t), "term");
    }
    List<PredictedQuery> sorted = new ArrayList<>(out.values());
    sorted.sort(Comparator.comparingDouble(PredictedQuery::quality).reversed().thenComparing(PredictedQuery::key));
    return sorted.size() > maxPerItem ? List.copyOf(sorted.subList(0, maxPerItem)) : sorted;
  }

  /** The predicted queries of every item, in catalog order. */
  public List<PredictedQuery> generateAll(List<Item> items) {
    List<PredictedQuery> all = new ArrayList<>();
    for (Item item : items) {
      all.addAll(generate(item));
    }
    return all;
  }

  private static void put(Map<String, PredictedQuery> out, Item item, List<String> tokens, double quality, String rule) {
    Set<String> unique = new LinkedHashSet<>(tokens);
    if (unique.isEmpty()) {
      return;
    }
    String key = String.join(" ", tokens);
    PredictedQuery q = new PredictedQuery(key, item.id(), Math.min(1.0, quality), rule);
    out.merge(key, q, (a, b) -> b.quality() > a.quality() ? b : a);
  }
}
