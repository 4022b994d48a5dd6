package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The degrees file is a model-file envelope with a TSV body; the old plain-header file is refused, naming it. */
class GraphDegreesTest {
  @TempDir Path dir;

  @Test
  void degreesRoundTripInTheModelFileEnvelope() throws Exception {
    Graph g = Graph.build(new String[] {"a", "b", "c"}, new int[] {0, 0, 1}, new int[] {1, 2, 2}, new float[] {1, 1, 1});
    Path model = dir.resolve("graph.model");
    GraphDegrees.write(g, model);
    String first = Files.readAllLines(GraphDegrees.fileFor(model)).get(0);
    assertTrue(first.contains("\"kind\":\"funnel-graph-degrees\"") && first.contains("\"format_version\":2"), first);
    GraphDegrees d = GraphDegrees.readFor(model).orElseThrow();
    assertEquals(0, d.in("a"));
    assertEquals(2, d.out("a"));
    assertEquals(2, d.in("c"));
    assertEquals(-1, d.in("z"));
    assertTrue(GraphDegrees.readFor(dir.resolve("other.model")).isEmpty());
  }

  @Test
  void anOldDegreesFileIsRefusedNamingTheFile() throws Exception {
    Path model = dir.resolve("old.model");
    Files.writeString(GraphDegrees.fileFor(model), "# funnel graph degrees v1: id\tin\tout\na\t0\t1\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> GraphDegrees.readFor(model));
    assertTrue(e.getMessage().contains(GraphDegrees.fileFor(model).toString()), e.getMessage());
    assertTrue(e.getMessage().contains("funnel-graph-degrees"), e.getMessage());
  }
}
