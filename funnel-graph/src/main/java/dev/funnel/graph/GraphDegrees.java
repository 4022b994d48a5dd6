package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The in- and out-degree of every node of the graph a BLADE model was trained on, kept beside the
 * model file ({@code MODEL.degrees.tsv}: a {@value #HEADER} header, then {@code id TAB in TAB
 * out} per node), since the model itself keeps only embeddings. Degrees tell how much evidence a
 * node's related items rest on: BLADE adapts its sampling to them.
 */
public final class GraphDegrees {
  public static final String HEADER = "# funnel graph degrees v1: id\tin\tout";
  private final Map<String, int[]> degrees;

  private GraphDegrees(Map<String, int[]> degrees) {
    this.degrees = degrees;
  }

  /** The degrees file that belongs to {@code model}. */
  public static Path fileFor(Path model) {
    return model.resolveSibling(model.getFileName() + ".degrees.tsv");
  }

  /** Writes the degrees of {@code graph} to {@link #fileFor}({@code model}) atomically. */
  public static void write(Graph graph, Path model) throws IOException {
    dev.funnel.core.util.AtomicFiles.write(fileFor(model), stream -> {
      BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
      w.write(HEADER);
      w.write('\n');
      for (int u = 0; u < graph.nodeCount(); u++) {
        w.write(graph.id(u) + "\t" + graph.inDegree(u) + "\t" + graph.outDegree(u) + "\n");
      }
      w.flush();
    });
  }

  /** The degrees beside {@code model}, or empty when the model has no degrees file. */
  public static Optional<GraphDegrees> readFor(Path model) throws IOException {
    Path file = fileFor(model);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, int[]> m = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (!HEADER.equals(header)) {
        throw new InvalidInputException(file.toString(), "header", header, "expected \"" + HEADER + "\"");
      }
      String line;
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        String[] f = line.split("\t");
        try {
          if (f.length != 3) {
            throw new NumberFormatException("expected 3 fields");
          }
          m.put(f[0], new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])});
        } catch (NumberFormatException e) {
          throw new InvalidInputException(file + ":" + n, "line", line, "expected id, in-degree and out-degree separated by tabs");
        }
      }
    }
    return Optional.of(new GraphDegrees(m));
  }

  /** The in-degree of {@code id}, or -1 when it is not a node. */
  public int in(String id) {
    int[] d = degrees.get(id);
    return d == null ? -1 : d[0];
  }

  /** The out-degree of {@code id}, or -1 when it is not a node. */
  public int out(String id) {
    int[] d = degrees.get(id);
    return d == null ? -1 : d[1];
  }
}
