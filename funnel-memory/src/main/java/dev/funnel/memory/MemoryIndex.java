package dev.funnel.memory;

import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;
import dev.funnel.query.Snapshots;

import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.EventType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Query -> item feedback statistics with exponential time decay, plus predicted queries for items
 * without feedback. Keys are queries normalised by a {@link QueryNormalizer}; an event's query is
 * its own {@code query} field or, when absent, the {@link RequestLog} entry of its request id
 * (events whose query cannot be found are counted in {@link #unattributedEvents()} and skipped).
 *
 * <p>Concurrency: every counter is an immutable {@link FeedbackCounts} in an
 * {@link AtomicReference} updated by compare-and-set, inside concurrent maps, so serving threads
 * read without locks while feedback flows in and no update is lost. Each read sees every pair in
 * a consistent state; a lookup across pairs is weakly consistent (it may see some of the events
 * that arrive during it).
 *
 * <p>Scores (see docs/memory.md): a pair with feedback scores its smoothed utility; an item
 * predicted for a key scores {@code quality * u_g * lambda}, {@code lambda = m_p / (m_p + I_pair +
 * rho * I_item)}, where {@code u_g} is the global prior utility, {@code I_pair} the pair's and
 * {@code I_item} the item's decayed impressions (over all queries); a (key, item) pair scores the
 * larger of the two, so predictions fade as real feedback accumulates.
 *
 * <p>Bounded: at most {@code maxPairs} (query key, item) pairs hold feedback ({@link
 * #DEFAULT_MAX_PAIRS} unless given). When an event adds a pair beyond the bound, the pairs with
 * the least decayed evidence (decayed impressions plus decayed clicks, carts and purchases at the
 * clock's time: the oldest and least engaged) are evicted until a tenth of the bound is free, so
 * one scan pays for many insertions; a key left without pairs or predictions leaves the near-key
 * index, and an item left in no pair loses its item counts. The global counts keep every event.
 * Concurrent events may pass the bound by at most one pair per adding thread before the eviction
 * that follows them. Predicted queries are bounded by the catalog (at most a few per item).
 */
public final class MemoryIndex {
  static final String SNAPSHOT_KIND = "memory";
  static final int SNAPSHOT_VERSION = 1;
  /**
   * Default bound on pairs with feedback: 500,000, a few hundred MB of heap at most (each pair is
   * an entry of a concurrent map with its counts, about 200 to 300 bytes with its key strings
   * shared per query key), enough for a shop's head and torso queries over the half-life.
   */
  public static final int DEFAULT_MAX_PAIRS = 500_000;

  private final MemoryConfig config;
  private final QueryNormalizer normalizer;
  private final RequestLog requestLog;
  private final Clock clock;
  private final long halfLifeMillis;

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicReference<FeedbackCounts>>> pairs =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicReference<FeedbackCounts>> items = new ConcurrentHashMap<>();
  private final AtomicReference<FeedbackCounts> global = new AtomicReference<>(FeedbackCounts.ZERO);
  /** Predictions per key, best quality first (copy-on-write arrays). */
  private final ConcurrentHashMap<String, PredictedQuery[]> predicted = new ConcurrentHashMap<>();
  private final KeyIndex keyIndex = new KeyIndex();
  private final LongAdder unattributed = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final int maxPairs;
  private final java.util.concurrent.atomic.AtomicInteger pairCount = new java.util.concurrent.atomic.AtomicInteger();
  private final LongAdder evictedPairs = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  /** Events add under its read lock; an eviction takes its write lock, so no event adds to a pair being removed. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock structure = new java.util.concurrent.locks.ReentrantReadWriteLock();

  public MemoryIndex(MemoryConfig config, QueryNormalizer normalizer, RequestLog requestLog, Clock clock) {
    this(config, normalizer, requestLog, clock, DEFAULT_MAX_PAIRS);
  }

  /** An index holding at most {@code maxPairs} (query key, item) pairs with feedback (at least 1). */
  public MemoryIndex(MemoryConfig config, QueryNormalizer normalizer, RequestLog requestLog, Clock clock, int maxPairs) {
    dev.funnel.core.Checks.atLeast("memory_max_pairs", maxPairs, 1);
    this.maxPairs = maxPairs;
    this.config = config == null ? MemoryConfig.DEFAULT : config;
    this.normalizer = normalizer == null ? QueryNormalizer.DEFAULT : normalizer;
    this.requestLog = requestLog == null ? RequestLog.NONE : requestLog;
    this.clock = clock == null ? Clock.systemUTC() : clock;
    this.halfLifeMillis = this.config.halfLifeMillis();
  }

  /** Default config and normaliser, system clock. */
  public MemoryIndex(RequestLog requestLog) {
    this(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, requestLog, Clock.systemUTC());
  }

  /** A new index filled from every event of {@code log}, in log order. */
  public static MemoryIndex rebuild(EventLog log, MemoryConfig config, QueryNormalizer normalizer, RequestLog requestLog, Clock clock)
      throws IOException {
    MemoryIndex index = new MemoryIndex(config, normalizer, requestLog, clock);
    log.scan(index::accept);
    return index;
  }

  /**
   * An index of counts folded elsewhere from the same events (an offline job over a large log):
   * per (query key, item), per item, over all events, and the event totals. Keys are query keys
   * as {@link #key} makes them.
   */
  public static MemoryIndex of(MemoryConfig config, QueryNormalizer normalizer, RequestLog requestLog, Clock clock, long accepted, long unattributed,
      FeedbackCounts global, Map<String, Map<String, FeedbackCounts>> pairs, Map<String, FeedbackCounts> items) {
    MemoryIndex index = new MemoryIndex(config, normalizer, requestLog, clock);
    index.accepted.add(accepted);
    index.unattributed.add(unattributed);
    index.global.set(global);
    pairs.forEach((key, byItem) -> {
      ConcurrentHashMap<String, AtomicReference<FeedbackCounts>> m = index.pairs.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
      byItem.forEach((item, c) -> {
        if (m.put(item, new AtomicReference<>(c)) == null) {
          index.pairCount.incrementAndGet();
        }
      });
      index.keyIndex.add(key);
    });
    items.forEach((item, c) -> index.items.put(item, new AtomicReference<>(c)));
    index.evictIfFull();
    return index;
  }

  public MemoryConfig config() {
    return config;
  }

  public QueryNormalizer normalizer() {
    return normalizer;
  }

  /** The key under which {@code query} is stored. */
  public String key(String query) {
    return normalizer.normalize(query);
  }

  /** Adds one feedback event (O(1) apart from the first sight of a query key). */
  public void accept(Event e) {
    String query = e.query() != null ? e.query() : requestLog.query(e.requestId()).orElse(null);
    String key = query == null ? "" : normalizer.normalize(query);
    if (key.isEmpty()) {
      unattributed.increment();
      return;
    }
    long t = e.timestamp().toEpochMilli();
    boolean[] created = new boolean[1];
    structure.readLock().lock();
    try {
      ConcurrentHashMap<String, AtomicReference<FeedbackCounts>> byItem = pairs.get(key);
      if (byItem == null) {
        byItem = pairs.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        keyIndex.add(key);
      }
      add(byItem.computeIfAbsent(e.itemId(), x -> {
        created[0] = true;
        return new AtomicReference<>(FeedbackCounts.ZERO);
      }), e.type(), t);
      add(items.computeIfAbsent(e.itemId(), x -> new AtomicReference<>(FeedbackCounts.ZERO)), e.type(), t);
      add(global, e.type(), t);
      accepted.increment();
    } finally {
      structure.readLock().unlock();
    }
    if (created[0] && pairCount.incrementAndGet() > maxPairs) {
      evictIfFull();
    }
  }

  /** Evicts the least-evidence pairs down to nine tenths of the bound when it is exceeded. */
  private void evictIfFull() {
    if (pairCount.get() <= maxPairs) {
      return;
    }
    structure.writeLock().lock();
    try {
      int n = pairCount.get();
      if (n <= maxPairs) {
        return;
      }
      int target = maxPairs - maxPairs / 10;
      long now = clock.millis();
      record Weighted(String key, String item, double evidence) {}
      List<Weighted> all = new ArrayList<>(n);
      pairs.forEach((key, byItem) -> byItem.forEach((item, ref) -> {
        FeedbackCounts c = ref.get().decayedTo(now, halfLifeMillis);
        all.add(new Weighted(key, item, c.decayedImpressions() + c.decayedClicks() + c.decayedCarts() + c.decayedPurchases()));
      }));
      all.sort(Comparator.comparingDouble(Weighted::evidence).thenComparing(Weighted::key).thenComparing(Weighted::item));
      int remove = Math.max(0, all.size() - target);
      for (int i = 0; i < remove; i++) {
        Weighted w = all.get(i);
        ConcurrentHashMap<String, AtomicReference<FeedbackCounts>> byItem = pairs.get(w.key());
        byItem.remove(w.item());
        if (byItem.isEmpty()) {
          pairs.remove(w.key());
          if (!predicted.containsKey(w.key())) {
            keyIndex.remove(w.key());
          }
        }
      }
      java.util.Set<String> kept = new java.util.HashSet<>();
      for (int i = remove; i < all.size(); i++) {
        kept.add(all.get(i).item());
      }
      items.keySet().retainAll(kept);
      pairCount.addAndGet(-remove);
      evictedPairs.add(remove);
      evictions.increment();
    } finally {
      structure.writeLock().unlock();
    }
  }

  public void acceptAll(Collection<Event> events) {
    events.forEach(this::accept);
  }

  private void add(AtomicReference<FeedbackCounts> ref, EventType type, long t) {
    ref.updateAndGet(c -> c.plus(type, t, halfLifeMillis));
  }

  /**
   * Registers predicted queries; keys are normalised by this index's normaliser (a no-op for keys
   * it produced). For a repeated (key, item) the higher quality is kept.
   */
  public void addPredictions(Collection<PredictedQuery> queries) {
    for (PredictedQuery q : queries) {
      String key = normalizer.normalize(q.key());
      if (key.isEmpty()) {
        continue;
      }
      PredictedQuery p = key.equals(q.key()) ? q : new PredictedQuery(key, q.itemId(), q.quality(), q.rule());
      predicted.compute(key, (k, old) -> merge(old, p));
      keyIndex.add(key);
    }
  }

  /**
   * Replaces the predicted queries of the items {@code itemIds} by {@code queries} (an item with
   * none there, e.g. deleted, is predicted for no key any more). Visits every predicted key once;
   * real feedback of the items is kept (serving drops items that left the catalog).
   */
  public void replacePredictions(java.util.Set<String> itemIds, Collection<PredictedQuery> queries) {
    for (PredictedQuery q : queries) {
      if (!itemIds.contains(q.itemId())) {
        throw new dev.funnel.core.InvalidInputException("queries.itemId", q.itemId(), "expected predictions of the items " + itemIds);
      }
    }
    for (String key : predicted.keySet()) {
      predicted.computeIfPresent(key, (k, old) -> {
        int kept = 0;
        for (PredictedQuery q : old) {
          kept += itemIds.contains(q.itemId()) ? 0 : 1;
        }
        if (kept == old.length) {
          return old;
        }
        PredictedQuery[] out = new PredictedQuery[kept];
        int i = 0;
        for (PredictedQuery q : old) {
          if (!itemIds.contains(q.itemId())) {
            out[i++] = q;
          }
        }
        return kept == 0 ? null : out;
      });
    }
    addPredictions(queries);
  }

  private static final Comparator<PredictedQuery> BY_QUALITY =
      Comparator.comparingDouble(PredictedQuery::quality).reversed().thenComparing(PredictedQuery::itemId);

  private static PredictedQuery[] merge(PredictedQuery[] old, PredictedQuery p) {
    List<PredictedQuery> list = new ArrayList<>();
    boolean replaced = false;
    if (old != null) {
      for (PredictedQuery q : old) {
        if (q.itemId().equals(p.itemId())) {
          list.add(q.quality() >= p.quality() ? q : p);
          replaced = true;
        } else {
          list.add(q);
        }
      }
    }
    if (!replaced) {
      list.add(p);
    }
    list.sort(BY_QUALITY);
    return list.toArray(PredictedQuery[]::new);
  }

  /** Events added so far. */
  public long acceptedEvents() {
    return accepted.sum();
  }

  /** Events skipped because neither the event nor the request log knew their query. */
  public long unattributedEvents() {
    return unattributed.sum();
  }

  /** Number of (query key, item) pairs with feedback. */
  public int feedbackPairs() {
    return pairCount.get();
  }

  /** The bound on {@link #feedbackPairs()}. */
  public int maxPairs() {
    return maxPairs;
  }

  /** Pairs evicted so far to keep the bound. */
  public long evictedPairs() {
    return evictedPairs.sum();
  }

  /** Eviction rounds so far (each frees a tenth of the bound). */
  public long evictionRounds() {
    return evictions.sum();
  }

  /** Number of query keys with feedback. */
  public int feedbackKeys() {
    return pairs.size();
  }

  /** Number of query keys with predictions. */
  public int predictedKeys() {
    return predicted.size();
  }

  /** Global smoothed rates {ctr, cartRate, purchaseRate} at {@code now}. */
  double[] globalRates(long now) {
    FeedbackCounts g = global.get().decayedTo(now, halfLifeMillis);
    double n = Math.max(g.decayedImpressions(), g.decayedClicks()) + config.priorStrength();
    double m = config.priorStrength();
    return new double[] {
      (g.decayedClicks() + m * config.baseCtr()) / n,
      (g.decayedCarts() + m * config.baseCartRate()) / n,
      (g.decayedPurchases() + m * config.basePurchaseRate()) / n
    };
  }

  private double utility(double ctr, double cart, double purchase) {
    return config.clickWeight() * ctr + config.cartWeight() * cart + config.purchaseWeight() * purchase;
  }

  /** The prior utility of an unknown pair at {@code now}: the utility of the global rates. */
  public double priorUtility(Instant now) {
    double[] g = globalRates(now.toEpochMilli());
    return utility(g[0], g[1], g[2]);
  }

  /** Statistics of (query, item) at the clock's time. */
  public QueryItemStats stats(String query, String itemId) {
    return stats(query, itemId, clock.instant());
  }

  /** Statistics of (query, item) at {@code now}; zero counts and prior rates when unknown. */
  public QueryItemStats stats(String query, String itemId, Instant now) {
    String key = normalizer.normalize(query);
    long t = now.toEpochMilli();
    ConcurrentHashMap<String, AtomicReference<FeedbackCounts>> byItem = pairs.get(key);
    AtomicReference<FeedbackCounts> ref = byItem == null ? null : byItem.get(itemId);
    FeedbackCounts c = ref == null ? FeedbackCounts.ZERO : ref.get();
    return toStats(key, itemId, c, globalRates(t), t);
  }

  private QueryItemStats toStats(String key, String itemId, FeedbackCounts raw, double[] g, long now) {
    FeedbackCounts c = raw.decayedTo(now, halfLifeMillis);
    double[] r = rates(c, g);
    return new QueryItemStats(key, itemId, c.impressions(), c.clicks(), c.carts(), c.purchases(),
        c.decayedImpressions(), c.decayedClicks(), c.decayedCarts(), c.decayedPurchases(),
        r[0], r[1], r[2], utility(r[0], r[1], r[2]));
  }

  /** Smoothed {ctr, cartRate, purchaseRate} of decayed counts {@code c} given global rates {@code g}. */
  private double[] rates(FeedbackCounts c, double[] g) {
    double m = config.priorStrength();
    double n = Math.max(c.decayedImpressions(), c.decayedClicks()) + m;
    return new double[] {
      (c.decayedClicks() + m * g[0]) / n, (c.decayedCarts() + m * g[1]) / n, (c.decayedPurchases() + m * g[2]) / n
    };
  }

  /** The smoothed utility of one pair; the decay factor is common to all its counts. */
  private double pairUtility(FeedbackCounts raw, double[] g, long now) {
    double[] r = rates(raw.decayedTo(now, halfLifeMillis), g);
    return utility(r[0], r[1], r[2]);
  }

  /**
   * The weight {@code lambda = m_p / (m_p + I_pair + rho * I_item)} the prediction of
   * ({@code key}, {@code itemId}) keeps at {@code now}; {@code key} is a normalised key.
   */
  public double predictionWeight(String key, String itemId, Instant now) {
    long t = now.toEpochMilli();
    ConcurrentHashMap<String, AtomicReference<FeedbackCounts>> byItem = pairs.get(key);
    AtomicReference<FeedbackCounts> pair = byItem == null ? null : byItem.get(itemId);
    AtomicReference<FeedbackCounts> item = items.get(itemId);
    double pairSeen = pair == null ? 0 : pair.get().decayedTo(t, halfLifeMillis).decayedImpressions();
    double itemSeen = item == null ? 0 : item.get().decayedTo(t, halfLifeMillis).decayedImpressions();
    double m = config.predictedStrength();
    return m / (m + pairSeen + config.itemEvidenceShare() * itemSeen);
  }

  /**
   * The best items for {@code query} at {@code now}: items under the query's own key and under
   * near keys (similarity-discounted), best first (ties by item id), at most {@code k}.
   */
  public List<MemoryHit> lookup(String query, int k, Instant now) {
    String key = normalizer.normalize(query);
    if (key.isEmpty() || k <= 0) {
      return List.of();
    }
    long t = now.toEpochMilli();
    double[] g = globalRates(t);
    double prior = utility(g[0], g[1], g[2]);
    Map<String, MemoryHit> best = new HashMap<>();
    if (pairs.containsKey(key) || predicted.containsKey(key)) {
      collect(key, 1.0, g, prior, t, now, k, best);
    }
    for (KeyIndex.Near near : keyIndex.near(key, config.minSimilarity(), config.maxNearKeys(), config.maxCandidateKeys())) {
      collect(near.key(), near.similarity(), g, prior, t, now, k, best);
    }
    List<MemoryHit> out = new ArrayList<>(best.values());
    out.sort(Comparator.comparingDouble(MemoryHit::score).reversed().thenComparing(MemoryHit::itemId));
    return out.size() > k ? List.copyOf(out.subList(0, k)) : out;
  }

  /**
   * Offers the items of one key. Only this key's own top {@code k} can reach the overall top
   * {@code k} (an item's final score is its best over keys), so predictions, sorted by quality,
   * stop as soon as their upper bound {@code quality * prior} cannot beat this key's k-th best.
   */
  private void collect(String key, double sim, double[] g, double prior, long t, Instant now, int k,
      Map<String, MemoryHit> best) {
    Map<String, Double> feedback = new HashMap<>();
    ConcurrentHashMap<String, AtomicReference<FeedbackCounts>> byItem = pairs.get(key);
    if (byItem != null) {
      byItem.forEach((item, ref) -> feedback.put(item, pairUtility(ref.get(), g, t)));
    }
    PredictedQuery[] preds = predicted.get(key);
    if (preds != null) {
      java.util.PriorityQueue<Double> topK = new java.util.PriorityQueue<>();
      for (double u : feedback.values()) {
        topK.add(u);
        if (topK.size() > k) {
          topK.poll();
        }
      }
      for (PredictedQuery p : preds) {
        if (topK.size() >= k && p.quality() * prior < topK.peek()) {
          break;
        }
        String item = p.itemId();
        double lambda = predictionWeight(key, item, now);
        double pred = p.quality() * prior * lambda;
        Double fb = feedback.get(item);
        if (fb == null || pred > fb) {
          offer(best, new MemoryHit(item, sim * pred, key, sim, MemoryHit.Source.PREDICTED, pred));
          feedback.remove(item);
          topK.add(pred);
          if (topK.size() > k) {
            topK.poll();
          }
        }
      }
    }
    // only this key's k best feedback items can reach the overall top k
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(feedback.entrySet());
    if (ranked.size() > k) {
      ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      ranked = ranked.subList(0, k);
    }
    for (Map.Entry<String, Double> e : ranked) {
      offer(best, new MemoryHit(e.getKey(), sim * e.getValue(), key, sim, MemoryHit.Source.FEEDBACK, e.getValue()));
    }
  }

  private static void offer(Map<String, MemoryHit> best, MemoryHit hit) {
    best.merge(hit.itemId(), hit, (a, b) -> b.score() > a.score()
        || (b.score() == a.score() && b.matchedKey().compareTo(a.matchedKey()) < 0) ? b : a);
  }

  // ---- snapshots ----

  /**
   * Writes the whole index atomically to {@code file} (see {@link Snapshots}). Updates may go on
   * meanwhile: every counter is written in a consistent state, and the events that arrive during
   * the snapshot may be in some counters and not yet in others.
   */
  public void snapshot(Path file) throws IOException {
    Snapshots.write(file, SNAPSHOT_KIND, SNAPSHOT_VERSION, out -> {
      out.writeLong(config.halfLifeMillis());
      out.writeBoolean(normalizer.stem());
      out.writeBoolean(normalizer.removeStopWords());
      out.writeBoolean(normalizer.sortTokens());
      out.writeLong(accepted.sum());
      out.writeLong(unattributed.sum());
      writeCounts(out, global.get());
      List<String[]> rows = new ArrayList<>();
      List<FeedbackCounts> values = new ArrayList<>();
      pairs.forEach((key, byItem) -> byItem.forEach((item, ref) -> {
        rows.add(new String[] {key, item});
        values.add(ref.get());
      }));
      out.writeInt(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        out.writeUTF(rows.get(i)[0]);
        out.writeUTF(rows.get(i)[1]);
        writeCounts(out, values.get(i));
      }
      Map<String, FeedbackCounts> itemCopy = new HashMap<>();
      items.forEach((item, ref) -> itemCopy.put(item, ref.get()));
      out.writeInt(itemCopy.size());
      for (Map.Entry<String, FeedbackCounts> e : itemCopy.entrySet()) {
        out.writeUTF(e.getKey());
        writeCounts(out, e.getValue());
      }
      List<PredictedQuery> preds = new ArrayList<>();
      predicted.forEach((key, byItem) -> preds.addAll(List.of(byItem)));
      out.writeInt(preds.size());
      for (PredictedQuery p : preds) {
        out.writeUTF(p.key());
        out.writeUTF(p.itemId());
        out.writeDouble(p.quality());
        out.writeUTF(p.rule());
      }
    });
  }

  /**
   * Loads a snapshot written by {@link #snapshot}. The half-life and normaliser stored in the file
   * must equal the given ones (decayed values and keys depend on them); otherwise it fails naming
   * both.
   */
  public static MemoryIndex load(Path file, MemoryConfig config, RequestLog requestLog, Clock clock) throws IOException {
    return load(file, config, requestLog, clock, DEFAULT_MAX_PAIRS);
  }

  /**
   * Loads a snapshot into an index bounded by {@code maxPairs}: a snapshot holding more pairs (saved
   * under a larger bound) is evicted down to it as events would have been.
   */
  public static MemoryIndex load(Path file, MemoryConfig config, RequestLog requestLog, Clock clock, int maxPairs) throws IOException {
    MemoryConfig cfg = config == null ? MemoryConfig.DEFAULT : config;
    return Snapshots.read(file, SNAPSHOT_KIND, 1, SNAPSHOT_VERSION, (in, version) -> {
      long halfLife = in.readLong();
      if (halfLife != cfg.halfLifeMillis()) {
        throw new IOException(file + ": snapshot half-life " + Duration.ofMillis(halfLife) + " differs from the configured "
            + cfg.halfLife());
      }
      QueryNormalizer normalizer = new QueryNormalizer(in.readBoolean(), in.readBoolean(), in.readBoolean());
      MemoryIndex index = new MemoryIndex(cfg, normalizer, requestLog, clock, maxPairs);
      index.accepted.add(in.readLong());
      index.unattributed.add(in.readLong());
      index.global.set(readCounts(in));
      int nPairs = in.readInt();
      for (int i = 0; i < nPairs; i++) {
        String key = in.readUTF();
        String item = in.readUTF();
        if (index.pairs.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(item, new AtomicReference<>(readCounts(in))) == null) {
          index.pairCount.incrementAndGet();
        }
        index.keyIndex.add(key);
      }
      int nItems = in.readInt();
      for (int i = 0; i < nItems; i++) {
        index.items.put(in.readUTF(), new AtomicReference<>(readCounts(in)));
      }
      int nPred = in.readInt();
      List<PredictedQuery> preds = new ArrayList<>(nPred);
      for (int i = 0; i < nPred; i++) {
        preds.add(new PredictedQuery(in.readUTF(), in.readUTF(), in.readDouble(), in.readUTF()));
      }
      index.addPredictions(preds);
      index.evictIfFull();
      return index;
    });
  }

  private static void writeCounts(DataOutputStream out, FeedbackCounts c) throws IOException {
    out.writeLong(c.impressions());
    out.writeLong(c.clicks());
    out.writeLong(c.carts());
    out.writeLong(c.purchases());
    out.writeDouble(c.decayedImpressions());
    out.writeDouble(c.decayedClicks());
    out.writeDouble(c.decayedCarts());
    out.writeDouble(c.decayedPurchases());
    out.writeLong(c.atMillis());
  }

  private static FeedbackCounts readCounts(DataInputStream in) throws IOException {
    return new FeedbackCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
  }
}
