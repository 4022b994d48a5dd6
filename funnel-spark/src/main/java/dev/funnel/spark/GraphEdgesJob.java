package dev.funnel.spark;

import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.graph.EventEdges;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Graph edges from purchase sequences on Spark: purchases grouped by user, ordered by time (equal
 * times in log order), and {@link EventEdges#userEdges} per user, the function
 * {@code ./funnel train graph --events} runs; edge weights summed over users. Written as the
 * tab-separated edge list ({@code source<TAB>target<TAB>weight}) that {@code train graph --edges}
 * reads, sorted by source and target.
 */
public final class GraphEdgesJob {
  /** One purchase: its item, time and place in the log. */
  static final class Purchase implements Serializable {
    private static final long serialVersionUID = 1L;
    final String item;
    final Instant time;
    final long line;
    final int index;

    Purchase(String item, Instant time, long line, int index) {
      this.item = item;
      this.time = time;
      this.line = line;
      this.index = index;
    }
  }

  /** A directed edge and its weight (purchases of {@code from} followed by {@code to}). */
  public record Edge(String from, String to, double weight) {}

  private GraphEdgesJob() {}

  /** The weighted edges of {@code events} (event-log directory or JSON lines), sorted by (from, to). */
  public static List<Edge> edges(JavaSparkContext sc, String events, Duration window) {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new InvalidInputException("window", window, "expected a positive duration");
    }
    long windowMillis = window.toMillis();
    JavaPairRDD<String, Purchase> purchases = LogInputs.<Tuple2<String, Purchase>>events(sc, events, (line, index, e, out) -> {
      if (e.type() == EventType.PURCHASE && e.userId() != null && !e.userId().isBlank()) {
        out.add(new Tuple2<>(e.userId(), new Purchase(e.itemId(), e.timestamp(), line, index)));
      }
    }).mapToPair(t -> t);
    JavaPairRDD<String, Long> weights = purchases.groupByKey().flatMapToPair(t -> {
      List<Purchase> bought = new ArrayList<>();
      t._2().forEach(bought::add);
      bought.sort(Comparator.comparing((Purchase p) -> p.time).thenComparingLong(p -> p.line).thenComparingInt(p -> p.index));
      List<String> items = bought.stream().map(p -> p.item).toList();
      long[] millis = bought.stream().mapToLong(p -> p.time.toEpochMilli()).toArray();
      List<Tuple2<String, Long>> out = new ArrayList<>();
      EventEdges.userEdges(items, millis, windowMillis, n -> {}, (a, b) -> out.add(new Tuple2<>(Keys.of(a, b), 1L)));
      return out.iterator();
    }).reduceByKey(Long::sum);
    return weights.sortByKey().collect().stream().map(t -> {
      String[] ab = t._1().split("\u0000", 2);
      return new Edge(ab[0], ab[1], t._2());
    }).toList();
  }

  /** Writes {@code edges} as a TSV edge list, atomically. */
  public static void write(List<Edge> edges, Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Edge e : edges) {
      sb.append(e.from()).append('\t').append(e.to()).append('\t').append((long) e.weight()).append('\n');
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      java.nio.file.Files.createDirectories(parent);
    }
    dev.funnel.core.util.AtomicFiles.writeString(file, sb.toString());
  }
}
