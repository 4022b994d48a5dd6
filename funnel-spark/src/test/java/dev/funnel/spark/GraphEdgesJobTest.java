package dev.funnel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.events.FileEventLog;
import dev.funnel.graph.EdgeListReader;
import dev.funnel.graph.EventEdges;
import dev.funnel.graph.Graph;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Purchase-sequence edges on Spark (local[2]) against {@link EventEdges}, on the same event log. */
class GraphEdgesJobTest {
  @TempDir Path dir;

  @Test
  void edgesEqualTheEmbeddedGraphAndRoundTripThroughTheEdgeListReader() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String user = i % 17 == 0 ? null : "u" + r.nextInt(60);
      // Whole hours, so equal timestamps happen and log order must break the ties.
      Instant t = t0.plus(Duration.ofHours(r.nextInt(24 * 20)));
      EventType type = r.nextDouble() < 0.6 ? EventType.PURCHASE : EventType.CLICK;
      events.add(new Event(type, "r" + i, "i" + r.nextInt(40), 1, t, user, null, null));
    }
    Path log = dir.resolve("events");
    try (FileEventLog el = FileEventLog.open(log)) {
      for (int i = 0; i < events.size(); i += 250) {
        el.append(events.subList(i, i + 250));
      }
    }
    Graph embedded;
    try (FileEventLog el = FileEventLog.open(log)) {
      embedded = EventEdges.read(el, Duration.ofDays(2));
    }
    List<GraphEdgesJob.Edge> onSpark = GraphEdgesJob.edges(SparkRuntime.context(TestSpark.session()), log.toString(), Duration.ofDays(2));
    TreeSet<String> e = edgeSet(embedded);
    TreeSet<String> s = new TreeSet<>();
    onSpark.forEach(x -> s.add(x.from() + "\t" + x.to() + "\t" + (float) x.weight()));
    assertTrue(e.size() > 100, "a graph with edges: " + e.size());
    assertTrue(e.stream().anyMatch(x -> !x.endsWith("\t1.0")), "some edges weigh more than one purchase pair");
    assertEquals(e, s);
    Path tsv = dir.resolve("edges.tsv");
    GraphEdgesJob.write(onSpark, tsv);
    assertEquals(e, edgeSet(EdgeListReader.read(tsv)));
  }

  static TreeSet<String> edgeSet(Graph g) {
    TreeSet<String> out = new TreeSet<>();
    for (int u = 0; u < g.nodeCount(); u++) {
      for (int i = 0; i < g.outDegree(u); i++) {
        out.add(g.id(u) + "\t" + g.id(g.out(u, i)) + "\t" + g.outWeight(u, i));
      }
    }
    return out;
  }
}
