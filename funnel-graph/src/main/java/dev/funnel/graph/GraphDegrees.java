package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in- and out-degree of every node of the graph a BLADE model was trained on, kept beside the
 * model file ({@code MODEL.degrees.tsv}), since the model itself keeps only embeddings. The file is
 * a binary {@link ModelFile} of kind {@value #KIND_NAME}: the envelope line, then {@code id TAB in
 * TAB out} per node. Degrees tell how much evidence a node's related items rest on: BLADE adapts
 * its sampling to them.
 */
public final class GraphDegrees {
  public static final String KIND_NAME = "funnel-graph-degrees";
  /** Version 1 was a plain {@code # funnel graph degrees v1} header line; this build reads 2 only. */
  public static final ModelFile.Kind KIND = ModelFile.Kind.of(KIND_NAME, 2);
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
    FileProvenance provenance = FileProvenance.of(List.of(model.getFileName().toString()), Map.of("nodes", Integer.toString(graph.nodeCount())),
        Map.of(), null);
    ModelFile.writeBinary(fileFor(model), KIND, provenance, out -> {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
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
    Map<String, int[]> m = ModelFile.readBinary(file, KIND, (header, in) -> {
      Map<String, int[]> out = new HashMap<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        String[] f = line.split("\t");
        try {
          if (f.length != 3) {
            throw new NumberFormatException("expected 3 fields");
          }
          out.put(f[0], new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])});
        } catch (NumberFormatException e) {
          throw new InvalidInputException(file + ":" + n, "line", line, "expected id, in-degree and out-degree separated by tabs");
        }
      }
      return out;
    });
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
