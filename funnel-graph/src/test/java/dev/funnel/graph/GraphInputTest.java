package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.events.FileEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphInputTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsTsvWithCommentsAndBuildsCsr() throws IOException {
    Graph g = EdgeListReader.read(write("e.tsv", "# source\ttarget\na\tb\na\tc\nc\ta\n\nb\tc\na\tb\nb\tb\n"));
    assertEquals(3, g.nodeCount());
    assertEquals(4, g.edgeCount()); // duplicate a->b merged, self-loop b->b dropped
    int a = g.indexOf("a");
    int b = g.indexOf("b");
    int c = g.indexOf("c");
    assertEquals(2, g.outDegree(a));
    assertEquals(1, g.inDegree(a));
    assertEquals(2, g.inDegree(c));
    assertTrue(g.hasEdge(a, b));
    assertFalse(g.hasEdge(b, a));
    assertEquals(2f, g.outWeight(a, 0)); // a->b twice: weights summed
    assertEquals(-1, g.indexOf("zzz"));
    int[] ins = {g.in(c, 0), g.in(c, 1)};
    assertTrue(ins[0] < ins[1], "in-neighbours sorted");
  }

  @Test
  void detectsHeadersAndWeights() throws IOException {
    Graph g = EdgeListReader.read(write("e.csv", "source,target,weight\n1,2,0.5\n2,3,2\n"));
    assertEquals(2, g.edgeCount());
    assertEquals(0.5f, g.outWeight(g.indexOf("1"), 0));
    Graph h = EdgeListReader.read(write("h.csv", "0,1\n2,3\n"));
    assertEquals(2, h.edgeCount(), "numeric first line is data, not a header");
    Graph s = EdgeListReader.read(write("s.txt", "% konect\nx y 3\n"));
    assertEquals(3f, s.outWeight(s.indexOf("x"), 0));
  }

  @Test
  void badLinesNameFileLineFieldAndValue() throws IOException {
    Path bad = write("bad.tsv", "a\tb\nc\td\t-2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> EdgeListReader.read(bad));
    assertEquals("weight", e.field());
    assertTrue(e.getMessage().startsWith("bad.tsv:2: weight"), e.getMessage());
    assertTrue(e.getMessage().contains("-2"), e.getMessage());
    Path one = write("one.tsv", "a\tb\nlonely\n");
    InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> EdgeListReader.read(one));
    assertTrue(e2.getMessage().startsWith("one.tsv:2: line"), e2.getMessage());
    Path nan = write("nan.csv", "a,b,1\na,c,abc\n");
    InvalidInputException e3 = assertThrows(InvalidInputException.class, () -> EdgeListReader.read(nan));
    assertEquals("abc", e3.value());
  }

  @Test
  void amazonAlsoBuyKeepsEdgesInsideTheCatalog() {
    List<dev.funnel.core.Item> items = List.of(
        item("A", List.of("B", "X")), item("B", List.of()), item("C", List.of("A", "B")));
    Graph g = AmazonAlsoBuy.fromItems(items);
    assertEquals(3, g.nodeCount());
    assertEquals(3, g.edgeCount());
    assertTrue(g.hasEdge(g.indexOf("A"), g.indexOf("B")));
    assertTrue(g.hasEdge(g.indexOf("C"), g.indexOf("A")));
    assertTrue(g.hasEdge(g.indexOf("C"), g.indexOf("B")));
  }

  private static dev.funnel.core.Item item(String id, List<String> alsoBuy) {
    return new dev.funnel.core.Item(id, java.util.Map.of("title", "product " + id),
        alsoBuy.isEmpty() ? java.util.Map.of() : java.util.Map.of(AmazonAlsoBuy.ALSO_BUY, alsoBuy), java.util.Map.of());
  }

  @Test
  void eventLogPurchasesWithinTheWindowBecomeEdges() throws IOException {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    try (FileEventLog log = FileEventLog.open(dir.resolve("log"))) {
      log.append(List.of(
          new Event(EventType.PURCHASE, "r1", "phone", 1, t, "u1", null, null),
          new Event(EventType.CLICK, "r2", "tv", 1, t.plusSeconds(10), "u1", null, null),
          new Event(EventType.PURCHASE, "r3", "case", 1, t.plusSeconds(3600), "u1", null, null),
          new Event(EventType.PURCHASE, "r4", "charger", 1, t.plus(Duration.ofDays(40)), "u1", null, null),
          new Event(EventType.PURCHASE, "r5", "case", 2, t.plusSeconds(100), "u2", null, null),
          new Event(EventType.PURCHASE, "r6", "phone", 1, t, "u2", null, null),
          new Event(EventType.PURCHASE, "r7", "tv", 1, t, null, null, null)));
      Graph g = EventEdges.read(log, Duration.ofDays(30));
      int phone = g.indexOf("phone");
      int kase = g.indexOf("case");
      assertTrue(g.hasEdge(phone, kase));
      assertFalse(g.hasEdge(kase, phone));
      assertEquals(2f, g.outWeight(phone, 0), "two users bought phone then case");
      assertFalse(g.hasEdge(kase, g.indexOf("charger")), "40 days is outside the window");
      assertEquals(-1, g.indexOf("tv"), "clicks and anonymous purchases make no nodes");
    }
  }

  @Test
  void splitKeepsASpanningForestInTraining() {
    for (long seed = 1; seed <= 5; seed++) {
      Graph g = PlantedGraph.generate(6, 10, 2, seed);
      EdgeSplit s = EdgeSplit.of(g, 0.05, 0.10, seed);
      assertEquals(g.edgeCount(), s.train().edgeCount() + s.validation().size() + s.test().size());
      assertEquals(Math.round(0.10 * g.edgeCount()), s.test().size());
      for (int u = 0; u < g.nodeCount(); u++) {
        if (g.outDegree(u) + g.inDegree(u) > 0) {
          assertTrue(s.train().outDegree(u) + s.train().inDegree(u) > 0, "node " + u + " isolated, seed " + seed);
        }
      }
      for (int i = 0; i < s.test().size(); i++) {
        assertFalse(s.train().hasEdge(s.test().sources()[i], s.test().targets()[i]), "test edge in train, seed " + seed);
      }
    }
  }

  @Test
  void syntheticGraphIsSeededAndHeavyTailed() {
    Graph a = SyntheticGraph.generate(2000, 20000, SyntheticGraph.DEFAULT_ALPHA, 3);
    Graph b = SyntheticGraph.generate(2000, 20000, SyntheticGraph.DEFAULT_ALPHA, 3);
    assertEquals(a.edgeCount(), b.edgeCount());
    int maxIn = 0;
    for (int u = 0; u < a.nodeCount(); u++) {
      maxIn = Math.max(maxIn, a.inDegree(u));
      assertEquals(a.outDegree(u), b.outDegree(u));
    }
    assertTrue(maxIn > 10 * 20000 / 2000, "max in-degree " + maxIn + " far above the mean 10");
  }
}
