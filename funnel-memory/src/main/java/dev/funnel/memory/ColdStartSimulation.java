package dev.funnel.memory;

import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;

import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.Item;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of simulated searches over a catalog, served by the memory strategy alone, to
 * see predicted queries carry cold-start items and real feedback take over. Each search picks a
 * target item (Zipf-like popularity, exponent 1, over a seeded shuffle of the catalog) and a
 * query written from the target's raw title and brand the way a shopper might: the brand plus a
 * random title word, two random title words in title order, or the first three title words, in
 * random letter case. The top {@code k} memory hits are shown (one impression each); the user
 * examines position p with probability 1/p and clicks the target when examined; a click leads to
 * a cart with probability 0.3 and a cart to a purchase with probability 0.5. Searches are one
 * minute apart. Results: hit rate (target in the top k) and the share of hits carried by
 * predictions, in the first and the last {@code window} searches.
 */
public final class ColdStartSimulation {
  /** What the simulation measured. */
  public record Result(
      int searches,
      int window,
      double firstHitRate,
      double lastHitRate,
      double firstPredictedShare,
      double lastPredictedShare,
      long events) {}

  private ColdStartSimulation() {}

  public static Result run(List<Item> catalog, MemoryIndex index, int searches, int k, int window, long seed) {
    Checks.atLeast("searches", searches, 1);
    Checks.atLeast("k", k, 1);
    Checks.atLeast("window", window, 1);
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom pick = root.split();
    SplittableRandom write = root.split();
    SplittableRandom behave = root.split();
    List<Item> shuffled = new ArrayList<>(catalog);
    SplittableRandom shuffle = root.split();
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      Item tmp = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, tmp);
    }
    double[] cdf = new double[shuffled.size()];
    double total = 0;
    for (int i = 0; i < cdf.length; i++) {
      total += 1.0 / (i + 1);
      cdf[i] = total;
    }
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    int[] hits = new int[2];
    int[] predicted = new int[2];
    long events = 0;
    for (int s = 0; s < searches; s++) {
      double u = pick.nextDouble() * total;
      int idx = java.util.Arrays.binarySearch(cdf, u);
      Item target = shuffled.get(Math.min(cdf.length - 1, idx >= 0 ? idx : -idx - 1));
      String query = userQuery(target, write);
      if (query.isBlank()) {
        continue;
      }
      Instant now = start.plus(Duration.ofMinutes(s));
      List<MemoryHit> shown = index.lookup(query, k, now);
      int bucket = s < window ? 0 : s >= searches - window ? 1 : -1;
      String requestId = "sim-" + s;
      List<Event> batch = new ArrayList<>();
      for (int p = 0; p < shown.size(); p++) {
        MemoryHit h = shown.get(p);
        batch.add(new Event(EventType.IMPRESSION, requestId, h.itemId(), p + 1, now, null, null, query));
        if (h.itemId().equals(target.id())) {
          if (bucket >= 0) {
            hits[bucket]++;
            if (h.source() == MemoryHit.Source.PREDICTED) {
              predicted[bucket]++;
            }
          }
          if (behave.nextDouble() < 1.0 / (p + 1)) {
            batch.add(new Event(EventType.CLICK, requestId, h.itemId(), p + 1, now, null, null, query));
            if (behave.nextDouble() < 0.3) {
              batch.add(new Event(EventType.ADD_TO_CART, requestId, h.itemId(), p + 1, now, null, null, query));
              if (behave.nextDouble() < 0.5) {
                batch.add(new Event(EventType.PURCHASE, requestId, h.itemId(), p + 1, now, null, null, query));
              }
            }
          }
        }
      }
      batch.forEach(index::accept);
      events += batch.size();
    }
    int w = Math.min(window, searches);
    return new Result(searches, w, (double) hits[0] / w, (double) hits[1] / w,
        hits[0] == 0 ? 0 : (double) predicted[0] / hits[0], hits[1] == 0 ? 0 : (double) predicted[1] / hits[1], events);
  }

  /** A shopper's query for {@code target}, written from its raw title and brand. */
  public static String userQuery(Item target, SplittableRandom r) {
    String[] words = target.text().getOrDefault("title", "").trim().split("\\s+");
    List<String> brands = target.keywords().getOrDefault("brand", List.of());
    String q;
    int rule = r.nextInt(3);
    if (words.length == 0 || words[0].isEmpty()) {
      q = brands.isEmpty() ? "" : brands.get(0);
    } else if (rule == 0 && !brands.isEmpty()) {
      q = brands.get(0) + " " + words[r.nextInt(words.length)];
    } else if (rule <= 1 && words.length >= 2) {
      int a = r.nextInt(words.length);
      int b = r.nextInt(words.length);
      q = a == b ? words[a] : words[Math.min(a, b)] + " " + words[Math.max(a, b)];
    } else {
      q = String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length)));
    }
    return r.nextBoolean() ? q.toLowerCase(java.util.Locale.ROOT) : q;
  }

  /** A memory index for {@code catalog} with every item's predicted queries, fixed at the simulation start. */
  public static MemoryIndex coldIndex(List<Item> catalog, int maxPerItem, MemoryConfig config) {
    MemoryIndex index = new MemoryIndex(config, QueryNormalizer.DEFAULT, RequestLog.NONE,
        Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    index.addPredictions(new PredictedQueryGenerator(catalog, maxPerItem).generateAll(catalog));
    return index;
  }
}
