package dev.funnel.query;

import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.EventType;
import dev.funnel.core.Item;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Maps query terms to keyword field values (brand, category, ...), learned from the catalog and
 * from clicks, and derives filters, boosts and a query type ({@link Interpretation}).
 *
 * <p>Terms are the query's words lower-cased, plural-stemmed and without stop words ({@link
 * QueryNormalizer#TERMS}); field values are turned into terms the same way. For a span {@code s}
 * of 1..{@code maxSpanTokens} consecutive query terms and a value {@code v} of field {@code f}
 * held by {@code n(v)} of the {@code N} catalog items ({@code p0(v) = n(v) / N}):
 *
 * <ul>
 *   <li>catalog: {@code c_cat = share * coverage * (1 - p0(v))} when {@code s} occurs inside the
 *       value's terms; {@code share = n(v) / sum n(v')} over all values containing {@code s}
 *       (ambiguity), {@code coverage = |s| / |terms(v)|}, and {@code 1 - p0(v)} discounts values
 *       that nearly every item has (they tell nothing);
 *   <li>clicks: for single terms and term pairs {@code u}, click weight {@code c(u, v)} of
 *       clicked items holding {@code v} (click 1, cart 2, purchase 3) and {@code c(u)} in total,
 *       {@code P(v | u) = (c(u, v) + alpha * p0(v)) / (c(u) + alpha)} and {@code c_clk = max(0,
 *       P(v | u) - p0(v))}: how much the term raises the chance of the value over its base rate;
 *       used once {@code c(u) >= minClickSupport};
 *   <li>combined: {@code 1 - (1 - c_cat)(1 - c_clk)}, source = the larger of the two.
 * </ul>
 *
 * Readings at or above {@code boostThreshold} are chosen greedily by confidence (then longer
 * span, earlier start), skipping spans that overlap a chosen one unless they cover the same
 * terms for another field. The best reading per field at or above {@code filterThreshold} becomes
 * a filter, the others boosts. Residual text: the query's words (unstemmed) outside filter spans.
 *
 * <p>Query type, from the chosen readings and the terms left unrecognised (terms that spell a
 * generic value, one held by at least half of the catalog such as "gift card" in a gift-card shop,
 * count as recognised): a brand reading with at most one unrecognised term and no number is
 * {@code NAVIGATIONAL_BRAND}; else a category reading without brand, at most one unrecognised term
 * and no number is {@code CATEGORY_BROWSE}; else 4 or more terms, a number with 2 or more terms,
 * or a brand/category reading with 2 or more unrecognised terms is {@code SPECIFIC_ITEM}; else
 * {@code FREE_TEXT}.
 *
 * <p>Catalog statistics are immutable; click statistics are concurrent maps updated atomically
 * per entry, so {@link #interpret} and {@link #accept} may run on many threads. Snapshots store
 * value counts and click statistics; {@link #rebuild} recomputes them from catalog and event log.
 *
 * <p>Bounded: click statistics are kept for at most {@code maxUnits} query units ({@link
 * #DEFAULT_MAX_UNITS} unless given). When a click adds a unit beyond the bound, the units with the
 * least decayed weight are evicted until a tenth of the bound is free: a unit's weight is its
 * click weight halved for every {@code maxUnits} clicks learned since it was last clicked (so the
 * oldest and least clicked go first, and a unit's own statistics are never changed). Concurrent
 * clicks may pass the bound by at most one unit per learning thread before the eviction that
 * follows them. Catalog statistics are bounded by the catalog.
 */
public final class QueryUnderstanding {
  static final String SNAPSHOT_KIND = "query-understanding";
  static final int SNAPSHOT_VERSION = 1;
  /**
   * Default bound on query units (terms and term pairs) with click statistics: 200,000, tens of MB
   * of heap (a unit holds a few field values); a shop's query vocabulary over months fits.
   */
  public static final int DEFAULT_MAX_UNITS = 200_000;
  private static final QueryNormalizer WORDS = new QueryNormalizer(false, false, false);
  /** A value held by at least half the catalog is generic: its words do not make a query specific. */
  static final double GENERIC_SHARE = 0.5;

  /** A field value. */
  record FieldValue(String field, String value) {}

  private final QuConfig config;
  /** The catalog statistics, replaced whole (copy on write) when items change ({@link #updateItems}). */
  private volatile Catalog catalog;
  private final ConcurrentHashMap<String, ConcurrentHashMap<FieldValue, Double>> clicks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Double> unitTotals = new ConcurrentHashMap<>();
  private final RequestLog requestLog;
  private final LongAdder skipped = new LongAdder();
  private final int maxUnits;
  /** Per unit, the learning sequence number of its last click (for the eviction's decay). */
  private final ConcurrentHashMap<String, Long> lastClicked = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger unitCount = new java.util.concurrent.atomic.AtomicInteger();
  private final LongAdder evictedUnits = new LongAdder();
  /** Clicks learn under its read lock; an eviction takes its write lock. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock structure = new java.util.concurrent.locks.ReentrantReadWriteLock();

  /**
   * Catalog statistics: items by id, catalog size, value counts, value lengths in terms and
   * phrase -> values whose terms contain it.
   */
  private record Catalog(Map<String, Item> items, int catalogSize, Map<FieldValue, Integer> valueCounts,
      Map<FieldValue, Integer> valueLength, Map<String, List<FieldValue>> phrases) {}

  /** Learns catalog statistics from {@code catalog}; clicks are learned later through {@link #accept}. */
  public QueryUnderstanding(List<Item> catalog, QuConfig config, RequestLog requestLog) {
    this(catalog, config, requestLog, DEFAULT_MAX_UNITS);
  }

  /** As {@link #QueryUnderstanding(List, QuConfig, RequestLog)}, keeping click statistics of at most {@code maxUnits} units (at least 1). */
  public QueryUnderstanding(List<Item> catalog, QuConfig config, RequestLog requestLog, int maxUnits) {
    this(catalog, config, requestLog, countValues(catalog, config == null ? QuConfig.DEFAULT : config), catalog.size(), maxUnits);
  }

  private QueryUnderstanding(List<Item> catalog, QuConfig config, RequestLog requestLog, Map<FieldValue, Integer> counts, int n, int maxUnits) {
    dev.funnel.core.Checks.atLeast("qu_max_units", maxUnits, 1);
    this.maxUnits = maxUnits;
    this.config = config == null ? QuConfig.DEFAULT : config;
    this.requestLog = requestLog == null ? RequestLog.NONE : requestLog;
    Map<String, Item> byId = new HashMap<>();
    if (catalog != null) {
      catalog.forEach(i -> byId.put(i.id(), i));
    }
    this.catalog = catalog(byId, n, counts, this.config);
  }

  private static Catalog catalog(Map<String, Item> byId, int n, Map<FieldValue, Integer> counts, QuConfig config) {
    Map<FieldValue, Integer> lengths = new HashMap<>();
    Map<String, List<FieldValue>> ph = new HashMap<>();
    List<FieldValue> sorted = new ArrayList<>(counts.keySet());
    sorted.sort(Comparator.comparing(FieldValue::field).thenComparing(FieldValue::value));
    for (FieldValue fv : sorted) {
      List<String> terms = QueryNormalizer.TERMS.tokens(fv.value());
      lengths.put(fv, terms.size());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < terms.size(); i++) {
        for (int j = i + 1; j <= Math.min(terms.size(), i + config.maxSpanTokens()); j++) {
          String phrase = String.join(" ", terms.subList(i, j));
          if (seen.add(phrase)) {
            ph.computeIfAbsent(phrase, x -> new ArrayList<>()).add(fv);
          }
        }
      }
    }
    ph.replaceAll((k, v) -> List.copyOf(v));
    return new Catalog(Map.copyOf(byId), Math.max(1, n), Map.copyOf(counts), Map.copyOf(lengths), Map.copyOf(ph));
  }

  /**
   * Applies catalog changes: each item of {@code upserts} is added or replaces the item with its id,
   * each id of {@code deletes} leaves the catalog. Value counts change by exactly those items'
   * values, so the statistics equal those learned from the changed catalog; click statistics are
   * kept. Searches running meanwhile see the old or the new statistics, never a mix.
   */
  public synchronized void updateItems(java.util.Collection<Item> upserts, java.util.Collection<String> deletes) {
    Catalog c = catalog;
    Map<String, Item> byId = new HashMap<>(c.items());
    Map<FieldValue, Integer> counts = new HashMap<>(c.valueCounts());
    int n = c.catalogSize();
    // statistics learned from these very items count them; loaded ones may count a catalog not given
    boolean counted = n == c.items().size();
    for (String id : deletes) {
      Item old = byId.remove(id);
      if (old != null) {
        count(old, counts, -1);
        n--;
      }
    }
    for (Item item : upserts) {
      Item old = byId.put(item.id(), item);
      if (old != null) {
        count(old, counts, -1);
      } else {
        n++;
      }
      count(item, counts, 1);
    }
    counts.values().removeIf(v -> v <= 0);
    catalog = catalog(byId, counted ? byId.size() : n, counts, config);
  }

  private void count(Item item, Map<FieldValue, Integer> counts, int delta) {
    for (String f : config.fields()) {
      for (String v : new HashSet<>(item.keywords().getOrDefault(f, List.of()))) {
        if (!QueryNormalizer.TERMS.tokens(v).isEmpty()) {
          counts.merge(new FieldValue(f, v), delta, Integer::sum);
        }
      }
    }
  }

  /** Relearns the catalog statistics from {@code items} (the whole catalog), keeping click statistics. */
  public synchronized void resetCatalog(List<Item> items) {
    Map<String, Item> byId = new HashMap<>();
    items.forEach(i -> byId.put(i.id(), i));
    catalog = catalog(byId, items.size(), countValues(items, config), config);
  }

  /** Items of the catalog statistics (for checks). */
  public int catalogItems() {
    return catalog.items().size();
  }

  private static Map<FieldValue, Integer> countValues(List<Item> catalog, QuConfig config) {
    Map<FieldValue, Integer> counts = new HashMap<>();
    for (Item item : catalog) {
      for (String f : config.fields()) {
        for (String v : new HashSet<>(item.keywords().getOrDefault(f, List.of()))) {
          if (!QueryNormalizer.TERMS.tokens(v).isEmpty()) {
            counts.merge(new FieldValue(f, v), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  /** Catalog statistics from {@code catalog}, click statistics from every event of {@code log}. */
  public static QueryUnderstanding rebuild(List<Item> catalog, EventLog log, QuConfig config, RequestLog requestLog) throws IOException {
    QueryUnderstanding qu = new QueryUnderstanding(catalog, config, requestLog);
    log.scan(qu::accept);
    return qu;
  }

  public QuConfig config() {
    return config;
  }

  /** Events skipped by {@link #accept}: unknown query or item. */
  public long skippedEvents() {
    return skipped.sum();
  }

  private static double eventWeight(EventType type) {
    return switch (type) {
      case IMPRESSION -> 0;
      case CLICK -> 1;
      case ADD_TO_CART -> 2;
      case PURCHASE -> 3;
    };
  }

  /** Learns from one feedback event (impressions are ignored: they say nothing about intent). */
  public void accept(Event e) {
    double w = eventWeight(e.type());
    if (w == 0) {
      return;
    }
    String query = e.query() != null ? e.query() : requestLog.query(e.requestId()).orElse(null);
    Catalog c = catalog;
    Item item = c.items().get(e.itemId());
    if (query == null || item == null) {
      skipped.increment();
      return;
    }
    List<String> terms = QueryNormalizer.TERMS.tokens(query);
    List<FieldValue> values = new ArrayList<>();
    for (String f : config.fields()) {
      for (String v : new HashSet<>(item.keywords().getOrDefault(f, List.of()))) {
        FieldValue fv = new FieldValue(f, v);
        if (c.valueCounts().containsKey(fv)) {
          values.add(fv);
        }
      }
    }
    int added = 0;
    structure.readLock().lock();
    try {
      long seq = sequence.incrementAndGet();
      for (String u : units(terms)) {
        unitTotals.merge(u, w, Double::sum);
        lastClicked.put(u, seq);
        boolean[] created = new boolean[1];
        ConcurrentHashMap<FieldValue, Double> byValue = clicks.computeIfAbsent(u, x -> {
          created[0] = true;
          return new ConcurrentHashMap<>();
        });
        added += created[0] ? 1 : 0;
        for (FieldValue fv : values) {
          byValue.merge(fv, w, Double::sum);
        }
      }
    } finally {
      structure.readLock().unlock();
    }
    if (added > 0 && unitCount.addAndGet(added) > maxUnits) {
      evictIfFull();
    }
  }

  /** Evicts the units of least decayed click weight down to nine tenths of the bound when it is exceeded. */
  private void evictIfFull() {
    if (unitCount.get() <= maxUnits) {
      return;
    }
    structure.writeLock().lock();
    try {
      int n = unitCount.get();
      if (n <= maxUnits) {
        return;
      }
      int target = maxUnits - maxUnits / 10;
      long now = sequence.get();
      record Weighted(String unit, double weight) {}
      List<Weighted> all = new ArrayList<>(n);
      clicks.forEach((u, m) -> {
        long age = now - lastClicked.getOrDefault(u, 0L);
        all.add(new Weighted(u, unitTotals.getOrDefault(u, 0.0) * Math.pow(0.5, (double) age / maxUnits)));
      });
      all.sort(Comparator.comparingDouble(Weighted::weight).thenComparing(Weighted::unit));
      int remove = Math.max(0, all.size() - target);
      for (int i = 0; i < remove; i++) {
        String u = all.get(i).unit();
        clicks.remove(u);
        unitTotals.remove(u);
        lastClicked.remove(u);
      }
      unitCount.addAndGet(-remove);
      evictedUnits.add(remove);
    } finally {
      structure.writeLock().unlock();
    }
  }

  /** Query units with click statistics. */
  public int clickUnits() {
    return unitCount.get();
  }

  /** The bound on {@link #clickUnits()}. */
  public int maxUnits() {
    return maxUnits;
  }

  /** Units evicted so far to keep the bound. */
  public long evictedUnits() {
    return evictedUnits.sum();
  }

  /** Single terms and adjacent pairs, each once. */
  private static Set<String> units(List<String> terms) {
    Set<String> out = new java.util.LinkedHashSet<>(terms);
    for (int i = 0; i + 1 < terms.size(); i++) {
      out.add(terms.get(i) + " " + terms.get(i + 1));
    }
    return out;
  }

  private double p0(FieldValue fv) {
    return p0(catalog, fv);
  }

  private static double p0(Catalog c, FieldValue fv) {
    return Math.min(1.0, c.valueCounts().getOrDefault(fv, 0) / (double) c.catalogSize());
  }

  /** Catalog confidence of reading {@code phrase} (of {@code spanLength} terms) as each value. */
  Map<FieldValue, Double> catalogReadings(String phrase, int spanLength) {
    return catalogReadings(catalog, phrase, spanLength);
  }

  private static Map<FieldValue, Double> catalogReadings(Catalog c, String phrase, int spanLength) {
    List<FieldValue> vals = c.phrases().getOrDefault(phrase, List.of());
    double total = 0;
    for (FieldValue fv : vals) {
      total += c.valueCounts().get(fv);
    }
    Map<FieldValue, Double> out = new LinkedHashMap<>();
    for (FieldValue fv : vals) {
      double share = c.valueCounts().get(fv) / total;
      double coverage = (double) spanLength / c.valueLength().get(fv);
      out.put(fv, share * coverage * (1 - p0(c, fv)));
    }
    return out;
  }

  /** Click confidence of reading unit {@code u} as each value it co-occurred with. */
  Map<FieldValue, Double> clickReadings(String u) {
    double total = unitTotals.getOrDefault(u, 0.0);
    ConcurrentHashMap<FieldValue, Double> byValue = clicks.get(u);
    if (total < config.minClickSupport() || byValue == null) {
      return Map.of();
    }
    Map<FieldValue, Double> out = new LinkedHashMap<>();
    byValue.forEach((fv, c) -> {
      double p0 = p0(fv);
      double posterior = (c + config.clickPrior() * p0) / (total + config.clickPrior());
      double conf = Math.max(0, posterior - p0);
      if (conf > 0) {
        out.put(fv, conf);
      }
    });
    return out;
  }

  /** Interprets {@code query}; deterministic for a given state. */
  public Interpretation interpret(String query) {
    Catalog stats = catalog;
    List<String> words = WORDS.tokens(query);
    List<String> terms = new ArrayList<>();
    List<String> termWords = new ArrayList<>();
    for (String w : words) {
      String t = QueryNormalizer.sStem(w);
      if (!QueryNormalizer.STOP_WORDS.contains(t)) {
        terms.add(t);
        termWords.add(w);
      }
    }
    if (terms.isEmpty()) {
      for (String w : words) {
        terms.add(QueryNormalizer.sStem(w));
        termWords.add(w);
      }
    }
    record Reading(int start, int end, FieldValue fv, double confidence, Interpretation.Source source) {}
    List<Reading> readings = new ArrayList<>();
    boolean[] generic = new boolean[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      for (int j = i + 1; j <= Math.min(terms.size(), i + config.maxSpanTokens()); j++) {
        String phrase = String.join(" ", terms.subList(i, j));
        for (FieldValue fv : stats.phrases().getOrDefault(phrase, List.of())) {
          if (p0(stats, fv) >= GENERIC_SHARE && stats.valueLength().get(fv) == j - i) {
            java.util.Arrays.fill(generic, i, j, true);
          }
        }
        Map<FieldValue, Double> cat = catalogReadings(stats, phrase, j - i);
        Map<FieldValue, Double> clk = j - i <= 2 ? clickReadings(phrase) : Map.of();
        Set<FieldValue> all = new HashSet<>(cat.keySet());
        all.addAll(clk.keySet());
        for (FieldValue fv : all) {
          double a = cat.getOrDefault(fv, 0.0);
          double b = clk.getOrDefault(fv, 0.0);
          double c = 1 - (1 - a) * (1 - b);
          if (c >= config.boostThreshold()) {
            readings.add(new Reading(i, j, fv, Math.min(1.0, c), a >= b ? Interpretation.Source.CATALOG : Interpretation.Source.CLICKS));
          }
        }
      }
    }
    readings.sort(Comparator.comparingDouble((Reading r) -> -r.confidence())
        .thenComparingInt(r -> -(r.end() - r.start()))
        .thenComparingInt(Reading::start)
        .thenComparing(r -> r.fv().field())
        .thenComparing(r -> r.fv().value()));
    List<Reading> chosen = new ArrayList<>();
    Set<String> valuesTaken = new HashSet<>();
    for (Reading r : readings) {
      boolean ok = true;
      for (Reading c : chosen) {
        boolean overlap = r.start() < c.end() && c.start() < r.end();
        boolean sameRange = r.start() == c.start() && r.end() == c.end();
        if (overlap && !(sameRange && !r.fv().field().equals(c.fv().field()))) {
          ok = false;
          break;
        }
      }
      if (ok && valuesTaken.add(r.fv().field() + "\u0000" + r.fv().value())) {
        chosen.add(r);
      }
    }
    chosen.sort(Comparator.comparingInt(Reading::start).thenComparing(r -> r.fv().field()));
    Map<String, String> filters = new TreeMap<>();
    Map<String, Double> filterConf = new HashMap<>();
    for (Reading r : chosen) {
      if (r.confidence() >= config.filterThreshold()) {
        Double prev = filterConf.get(r.fv().field());
        if (prev == null || r.confidence() > prev) {
          filters.put(r.fv().field(), r.fv().value());
          filterConf.put(r.fv().field(), r.confidence());
        }
      }
    }
    List<Interpretation.Span> spans = new ArrayList<>();
    List<Interpretation.Boost> boosts = new ArrayList<>();
    boolean[] filtered = new boolean[terms.size()];
    boolean[] recognised = new boolean[terms.size()];
    boolean brand = false;
    boolean category = false;
    for (Reading r : chosen) {
      boolean isFilter = r.fv().value().equals(filters.get(r.fv().field()));
      spans.add(new Interpretation.Span(r.start(), r.end(), String.join(" ", termWords.subList(r.start(), r.end())),
          r.fv().field(), r.fv().value(), r.confidence(), r.source(), isFilter));
      if (!isFilter) {
        boosts.add(new Interpretation.Boost(r.fv().field(), r.fv().value(), r.confidence()));
      }
      for (int i = r.start(); i < r.end(); i++) {
        recognised[i] = true;
        filtered[i] |= isFilter;
      }
      brand |= r.fv().field().equals(config.brandField());
      category |= r.fv().field().equals(config.categoryField());
    }
    List<String> residual = new ArrayList<>();
    int unrecognised = 0;
    boolean number = false;
    for (int i = 0; i < terms.size(); i++) {
      if (!filtered[i]) {
        residual.add(termWords.get(i));
      }
      if (!recognised[i] && !generic[i]) {
        unrecognised++;
      }
      number |= terms.get(i).chars().anyMatch(Character::isDigit);
    }
    Interpretation.QueryType type;
    if (terms.isEmpty()) {
      type = Interpretation.QueryType.FREE_TEXT;
    } else if (brand && unrecognised <= 1 && !number) {
      type = Interpretation.QueryType.NAVIGATIONAL_BRAND;
    } else if (category && !brand && unrecognised <= 1 && !number) {
      type = Interpretation.QueryType.CATEGORY_BROWSE;
    } else if (terms.size() >= 4 || (number && terms.size() >= 2) || ((brand || category) && unrecognised >= 2)) {
      type = Interpretation.QueryType.SPECIFIC_ITEM;
    } else {
      type = Interpretation.QueryType.FREE_TEXT;
    }
    return new Interpretation(query == null ? "" : query, terms, spans, String.join(" ", residual), type, filters, boosts);
  }

  // ---- snapshots ----

  /** Writes value counts and click statistics atomically (see {@link Snapshots}). */
  public void snapshot(Path file) throws IOException {
    Catalog c = catalog;
    Snapshots.write(file, SNAPSHOT_KIND, SNAPSHOT_VERSION, out -> {
      out.writeInt(config.fields().size());
      for (String f : config.fields()) {
        out.writeUTF(f);
      }
      out.writeInt(c.catalogSize());
      out.writeInt(c.valueCounts().size());
      for (Map.Entry<FieldValue, Integer> e : new TreeMap<>(toStringKeys(c.valueCounts())).values()) {
        out.writeUTF(e.getKey().field());
        out.writeUTF(e.getKey().value());
        out.writeInt(e.getValue());
      }
      Map<String, Map<FieldValue, Double>> copy = new TreeMap<>();
      clicks.forEach((u, m) -> copy.put(u, new HashMap<>(m)));
      out.writeInt(copy.size());
      for (Map.Entry<String, Map<FieldValue, Double>> e : copy.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(unitTotals.getOrDefault(e.getKey(), 0.0));
        out.writeInt(e.getValue().size());
        for (Map.Entry<FieldValue, Double> v : e.getValue().entrySet()) {
          out.writeUTF(v.getKey().field());
          out.writeUTF(v.getKey().value());
          out.writeDouble(v.getValue());
        }
      }
    });
  }

  private static Map<String, Map.Entry<FieldValue, Integer>> toStringKeys(Map<FieldValue, Integer> m) {
    Map<String, Map.Entry<FieldValue, Integer>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k.field() + "\u0000" + k.value(), Map.entry(k, v)));
    return out;
  }

  /**
   * Loads a snapshot. {@code catalog} (may be null) is only used to learn from further clicks
   * (clicked items' field values); interpretation uses the stored statistics. The configured
   * fields must equal the stored ones.
   */
  public static QueryUnderstanding load(Path file, List<Item> catalog, QuConfig config, RequestLog requestLog) throws IOException {
    return load(file, catalog, config, requestLog, DEFAULT_MAX_UNITS);
  }

  /** As {@link #load(Path, List, QuConfig, RequestLog)}, bounded by {@code maxUnits}: a larger snapshot is evicted down to it. */
  public static QueryUnderstanding load(Path file, List<Item> catalog, QuConfig config, RequestLog requestLog, int maxUnits) throws IOException {
    QuConfig cfg = config == null ? QuConfig.DEFAULT : config;
    return Snapshots.read(file, SNAPSHOT_KIND, 1, SNAPSHOT_VERSION, (in, version) -> {
      int nf = in.readInt();
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < nf; i++) {
        fields.add(in.readUTF());
      }
      if (!fields.equals(cfg.fields())) {
        throw new IOException(file + ": snapshot fields " + fields + " differ from the configured " + cfg.fields());
      }
      int n = in.readInt();
      int nv = in.readInt();
      Map<FieldValue, Integer> counts = new HashMap<>();
      for (int i = 0; i < nv; i++) {
        counts.put(new FieldValue(in.readUTF(), in.readUTF()), in.readInt());
      }
      QueryUnderstanding qu = new QueryUnderstanding(catalog, cfg, requestLog, counts, n, maxUnits);
      int nu = in.readInt();
      for (int i = 0; i < nu; i++) {
        String u = in.readUTF();
        qu.unitTotals.put(u, in.readDouble());
        int m = in.readInt();
        ConcurrentHashMap<FieldValue, Double> byValue = new ConcurrentHashMap<>();
        for (int j = 0; j < m; j++) {
          byValue.put(new FieldValue(in.readUTF(), in.readUTF()), in.readDouble());
        }
        if (qu.clicks.put(u, byValue) == null) {
          qu.unitCount.incrementAndGet();
        }
      }
      qu.evictIfFull();
      return qu;
    });
  }
}
