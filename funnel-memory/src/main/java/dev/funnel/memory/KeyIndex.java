package dev.funnel.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Finds known query keys near a new one: an inverted index from tokens to the keys that contain
 * them, plus the sorted token vocabulary for prefix matching of the last (possibly unfinished)
 * query token. Similarity is an idf-weighted Dice coefficient over token sets,
 *
 * <pre>  sim(q, k) = 2 * sum_{t in q and k} w(t) / (sum_{t in q} w(t) + sum_{t in k} w(t)),
 *   w(t) = ln(1 + (N + 1) / (df(t) + 1))</pre>
 *
 * with N keys and df(t) keys containing t, so shared rare words ("starbucks") count much more
 * than shared common ones ("gift", "card"). The last query token also matches a key token that
 * starts with it (at least 2 characters), with weight scaled by the length ratio. Keys are
 * normalised texts (tokens joined by single spaces). Thread-safe; a key removed while a lookup runs
 * may still be scored by it, never fail it.
 */
final class KeyIndex {
  /** A near key and its similarity to the request. */
  record Near(String key, double similarity) {}

  private static final int MAX_PREFIX_EXPANSIONS = 16;

  private final ConcurrentHashMap<String, String[]> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> postings = new ConcurrentHashMap<>();
  private final NavigableSet<String> vocabulary = new ConcurrentSkipListSet<>();

  /** Adds a key (no-op when known). */
  void add(String key) {
    if (key.isEmpty() || keys.containsKey(key)) {
      return;
    }
    String[] tokens = new LinkedHashSet<>(List.of(key.split(" "))).toArray(String[]::new);
    if (keys.putIfAbsent(key, tokens) != null) {
      return;
    }
    for (String t : tokens) {
      // under the token's map entry, so a concurrent remove cannot drop the token from the vocabulary
      postings.compute(t, (x, set) -> {
        Set<String> s = set == null ? ConcurrentHashMap.newKeySet() : set;
        s.add(key);
        vocabulary.add(t);
        return s;
      });
    }
  }

  /** Removes a key (no-op when unknown); a token left in no key leaves the vocabulary. */
  void remove(String key) {
    String[] tokens = keys.remove(key);
    if (tokens == null) {
      return;
    }
    for (String t : tokens) {
      postings.computeIfPresent(t, (x, set) -> {
        set.remove(key);
        if (set.isEmpty()) {
          vocabulary.remove(t);
          return null;
        }
        return set;
      });
    }
  }

  /** Number of keys. */
  int size() {
    return keys.size();
  }

  private double weight(String token, int n) {
    Set<String> p = postings.get(token);
    int df = p == null ? 0 : p.size();
    return Math.log(1.0 + (n + 1.0) / (df + 1.0));
  }

  /**
   * Keys other than {@code key} itself with similarity at least {@code minSimilarity}, best first
   * (ties by key), at most {@code maxKeys}; at most {@code maxCandidates} keys are scored, taken
   * from the postings of the rarest query tokens first.
   */
  List<Near> near(String key, double minSimilarity, int maxKeys, int maxCandidates) {
    if (key.isEmpty() || maxKeys == 0) {
      return List.of();
    }
    int n = keys.size();
    List<String> qTokens = new ArrayList<>(new LinkedHashSet<>(List.of(key.split(" "))));
    String last = qTokens.get(qTokens.size() - 1);
    Map<String, Double> weights = new HashMap<>();
    double qWeight = 0;
    for (String t : qTokens) {
      double w = weight(t, n);
      weights.put(t, w);
      qWeight += w;
    }
    // Prefix expansions of the last token: key token -> credited weight fraction.
    Map<String, Double> prefixCredit = new HashMap<>();
    if (last.length() >= 2) {
      for (String v : vocabulary.subSet(last, false, last + Character.MAX_VALUE, false)) {
        if (prefixCredit.size() >= MAX_PREFIX_EXPANSIONS) {
          break;
        }
        prefixCredit.put(v, (double) last.length() / v.length());
      }
    }
    List<String> sources = new ArrayList<>(qTokens);
    sources.addAll(prefixCredit.keySet());
    sources.sort(Comparator.comparingInt((String t) -> postingSize(t)).thenComparing(t -> t));
    Set<String> candidates = new HashSet<>();
    for (String t : sources) {
      Set<String> p = postings.get(t);
      if (p == null) {
        continue;
      }
      for (String k : p) {
        if (candidates.size() >= maxCandidates) {
          break;
        }
        candidates.add(k);
      }
      if (candidates.size() >= maxCandidates) {
        break;
      }
    }
    candidates.remove(key);
    Set<String> qSet = new HashSet<>(qTokens);
    Map<String, Double> queryWeights = new HashMap<>(weights);
    List<Near> out = new ArrayList<>();
    for (String k : candidates) {
      double shared = 0;
      double kWeight = 0;
      boolean lastMatched = false;
      double bestPrefix = 0;
      String[] kTokens = keys.get(k);
      if (kTokens == null) {
        continue; // removed meanwhile
      }
      for (String t : kTokens) {
        double w = weights.computeIfAbsent(t, x -> weight(x, n));
        kWeight += w;
        if (qSet.contains(t)) {
          shared += queryWeights.get(t);
          lastMatched |= t.equals(last);
        } else {
          Double credit = prefixCredit.get(t);
          if (credit != null) {
            bestPrefix = Math.max(bestPrefix, credit * queryWeights.get(last));
          }
        }
      }
      if (!lastMatched) {
        shared += bestPrefix;
      }
      double sim = Math.min(1.0, 2 * shared / (qWeight + kWeight));
      if (sim >= minSimilarity && sim > 0) {
        out.add(new Near(k, sim));
      }
    }
    out.sort(Comparator.comparingDouble(Near::similarity).reversed().thenComparing(Near::key));
    return out.size() > maxKeys ? List.copyOf(out.subList(0, maxKeys)) : out;
  }

  private int postingSize(String t) {
    Set<String> p = postings.get(t);
    return p == null ? 0 : p.size();
  }
}
