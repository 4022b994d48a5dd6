package dev.funnel.spark;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.delayed.ClickData;
import dev.funnel.delayed.EngagementKind;
import dev.funnel.delayed.EventLogSource;
import dev.funnel.delayed.Journey;
import dev.funnel.delayed.JourneyAssembler;
import dev.funnel.delayed.Touch;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The conversion model's click journeys on Spark, as {@link EventLogSource#read} builds them from
 * the same event log: the events in time order (log order on ties); each click's features
 * ({@link EventLogSource#features}) with the clicks before it on its item and by its clicker,
 * counted per item and per clicker on the executors; then, per journey key ({@link
 * EventLogSource#key}), the key's touches in that order through {@link JourneyAssembler#assemble}
 * (its rules depend on one key's touches only). Only the journeys reach the driver, where the
 * embedded {@code ConversionTraining} weighs them with a delayed-feedback scheme and trains the
 * model, so the model file is the one {@code train conversion} writes.
 */
public final class ConversionJob {
  private ConversionJob() {}

  /** One event as the job keeps it; {@code line} and {@code index} give the log order. */
  record Ev(EventType type, String key, String item, String clicker, long second, int nanos, long line, int index, int position, boolean fromQuery)
      implements Serializable {
    Order order() {
      return new Order(second, nanos, line, index);
    }
  }

  /** The embedded order of events: time (seconds, then nanoseconds), then log line, then position in the record. */
  record Order(long second, int nanos, long line, int index) implements Serializable, Comparable<Order> {
    private static final Comparator<Order> CMP = Comparator.comparingLong(Order::second).thenComparingInt(Order::nanos)
        .thenComparingLong(Order::line).thenComparingInt(Order::index);

    @Override
    public int compareTo(Order o) {
      return CMP.compare(this, o);
    }
  }

  /** A touch between tasks: its order, kind, time (epoch seconds) and a click's features. */
  record TouchRow(Order order, Touch.Kind kind, long second, float[] features) implements Serializable {}

  /** A journey between tasks and the driver (records of arrays are rebuilt on the driver). */
  record JourneyRow(String id, long clickTime, float[] features, long[] times, int[] kinds, long conversion) implements Serializable {
    static JourneyRow of(Journey j) {
      int[] k = new int[j.engagementKinds().length];
      for (int i = 0; i < k.length; i++) {
        k[i] = j.engagementKinds()[i].ordinal();
      }
      return new JourneyRow(j.id(), j.clickTime(), j.features(), j.engagementTimes(), k, j.conversionTime());
    }

    Journey journey() {
      EngagementKind[] k = new EngagementKind[kinds.length];
      for (int i = 0; i < k.length; i++) {
        k[i] = EngagementKind.values()[kinds[i]];
      }
      return new Journey(id, clickTime, features, times, k, conversion);
    }
  }

  /** The click journeys of the event log (directory) or JSON-lines events at {@code events}, with attribution window {@code window} seconds. */
  public static ClickData clickData(JavaSparkContext sc, String events, long window) {
    JavaRDD<Ev> evs = LogInputs.<Ev>events(sc, events, (line, index, e, out) -> {
      if (e.type() == EventType.IMPRESSION) {
        return; // impressions carry no post-click signal
      }
      Instant t = e.timestamp();
      out.add(new Ev(e.type(), EventLogSource.key(e), e.itemId(), EventLogSource.clicker(e.userId(), e.sessionId(), e.requestId()),
          t.getEpochSecond(), t.getNano(), line, index, e.position(), e.query() != null));
    }).cache();
    JavaRDD<Ev> clicks = evs.filter(e -> e.type() == EventType.CLICK);
    JavaPairRDD<Order, Integer> itemPrior = priorCounts(clicks.mapToPair(e -> new Tuple2<>(e.item(), e.order())));
    JavaPairRDD<Order, Integer> userPrior = priorCounts(clicks.mapToPair(e -> new Tuple2<>(e.clicker(), e.order())));
    JavaPairRDD<Order, Tuple2<Ev, Tuple2<Integer, Integer>>> featured = clicks.mapToPair(e -> new Tuple2<>(e.order(), e)).join(itemPrior.join(userPrior));
    JavaPairRDD<String, TouchRow> clickTouches = featured.mapToPair(t -> {
      Ev e = t._2()._1();
      // the embedded feature function itself, on the click as it was logged
      Event click = new Event(EventType.CLICK, "r", e.item(), e.position(), Instant.ofEpochSecond(e.second(), e.nanos()), null, null,
          e.fromQuery() ? "q" : null);
      float[] f = EventLogSource.features(click, t._2()._2()._1(), t._2()._2()._2());
      return new Tuple2<>(e.key(), new TouchRow(e.order(), Touch.Kind.CLICK, e.second(), f));
    });
    JavaPairRDD<String, TouchRow> otherTouches = evs.filter(e -> e.type() != EventType.CLICK).mapToPair(e -> new Tuple2<>(e.key(),
        new TouchRow(e.order(), e.type() == EventType.ADD_TO_CART ? Touch.Kind.CART : Touch.Kind.CONVERSION, e.second(), null)));
    List<JourneyRow> rows = clickTouches.union(otherTouches).groupByKey().flatMap(g -> {
      List<TouchRow> ts = new ArrayList<>();
      g._2().forEach(ts::add);
      ts.sort(Comparator.comparing(TouchRow::order));
      List<Touch> touches = new ArrayList<>(ts.size());
      for (TouchRow t : ts) {
        touches.add(t.kind() == Touch.Kind.CLICK ? Touch.click(g._1(), t.second(), t.features()) : Touch.of(g._1(), t.kind(), t.second()));
      }
      List<JourneyRow> out = new ArrayList<>();
      for (Journey j : JourneyAssembler.assemble(touches, window).journeys()) {
        out.add(JourneyRow.of(j));
      }
      return out.iterator();
    }).collect();
    evs.unpersist();
    List<Journey> journeys = new ArrayList<>(rows.size());
    rows.forEach(r -> journeys.add(r.journey()));
    journeys.sort(Comparator.comparingLong(Journey::clickTime).thenComparing(Journey::id));
    return new ClickData("event-log", EventLogSource.SPEC, journeys, window, null);
  }

  /** For each click (by its order), how many clicks of its group (item or clicker) came before it. */
  private static JavaPairRDD<Order, Integer> priorCounts(JavaPairRDD<String, Order> byGroup) {
    return byGroup.groupByKey().flatMapToPair(g -> {
      List<Order> os = new ArrayList<>();
      g._2().forEach(os::add);
      os.sort(null);
      List<Tuple2<Order, Integer>> out = new ArrayList<>(os.size());
      for (int i = 0; i < os.size(); i++) {
        out.add(new Tuple2<>(os.get(i), i));
      }
      return out.iterator();
    });
  }
}
