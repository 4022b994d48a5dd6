package dev.funnel.spark;

import dev.funnel.core.EventType;
import dev.funnel.memory.FeedbackCounts;
import dev.funnel.memory.MemoryConfig;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;
import java.io.Serializable;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The memory index's feedback statistics on Spark: every event with a query (its own, as
 * {@code MemoryIndex.rebuild} over an event log without a request log reads it) counted per
 * (query key, item), per item and overall with {@link FeedbackCounts#plus} inside a partition and
 * {@link FeedbackCounts#merge} across partitions, then assembled into a {@link MemoryIndex} whose
 * snapshot ({@code memory.snap}) serve loads. Predicted queries come from the catalog, not from
 * events, and are not part of it.
 */
public final class MemoryStatsJob {
  /** {@link FeedbackCounts} between tasks (records are not serialisable). */
  static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] raw;
    final double[] decayed;
    final long at;

    Counts(FeedbackCounts c) {
      raw = new long[] {c.impressions(), c.clicks(), c.carts(), c.purchases()};
      decayed = new double[] {c.decayedImpressions(), c.decayedClicks(), c.decayedCarts(), c.decayedPurchases()};
      at = c.atMillis();
    }

    FeedbackCounts counts() {
      return new FeedbackCounts(raw[0], raw[1], raw[2], raw[3], decayed[0], decayed[1], decayed[2], decayed[3], at);
    }
  }

  /** One event as the counters see it. */
  record Hit(String key, String item, EventType type, long millis) implements Serializable {}

  private MemoryStatsJob() {}

  public static MemoryIndex build(JavaSparkContext sc, String events, MemoryConfig config, QueryNormalizer normalizer) {
    boolean stem = normalizer.stem();
    boolean stop = normalizer.removeStopWords();
    boolean sort = normalizer.sortTokens();
    long half = config.halfLifeMillis();
    JavaRDD<Hit> hits = LogInputs.<Hit>events(sc, events, (line, index, e, out) -> {
      String key = e.query() == null ? "" : new QueryNormalizer(stem, stop, sort).normalize(e.query());
      out.add(new Hit(key, e.itemId(), e.type(), e.timestamp().toEpochMilli()));
    }).cache();
    long unattributed = hits.filter(h -> h.key().isEmpty()).count();
    JavaRDD<Hit> attributed = hits.filter(h -> !h.key().isEmpty());
    Counts zero = new Counts(FeedbackCounts.ZERO);
    JavaPairRDD<String, Counts> pairs = attributed.mapToPair(h -> new Tuple2<>(Keys.of(h.key(), h.item()), h))
        .aggregateByKey(zero, (c, h) -> new Counts(c.counts().plus(h.type(), h.millis(), half)), (a, b) -> new Counts(a.counts().merge(b.counts(), half)));
    JavaPairRDD<String, Counts> items = attributed.mapToPair(h -> new Tuple2<>(h.item(), h))
        .aggregateByKey(zero, (c, h) -> new Counts(c.counts().plus(h.type(), h.millis(), half)), (a, b) -> new Counts(a.counts().merge(b.counts(), half)));
    Counts global = attributed.aggregate(zero, (c, h) -> new Counts(c.counts().plus(h.type(), h.millis(), half)), (a, b) -> new Counts(a.counts().merge(b.counts(), half)));
    long accepted = global.raw[0] + global.raw[1] + global.raw[2] + global.raw[3];
    Map<String, Map<String, FeedbackCounts>> byKey = new HashMap<>();
    for (Tuple2<String, Counts> t : pairs.collect()) {
      String[] ki = t._1().split("\u0000", 2);
      byKey.computeIfAbsent(ki[0], k -> new HashMap<>()).put(ki[1], t._2().counts());
    }
    Map<String, FeedbackCounts> byItem = new HashMap<>();
    List<Tuple2<String, Counts>> it = items.collect();
    it.forEach(t -> byItem.put(t._1(), t._2().counts()));
    hits.unpersist(false);
    return MemoryIndex.of(config, normalizer, RequestLog.NONE, Clock.systemUTC(), accepted, unattributed, global.counts(), byKey, byItem);
  }
}
