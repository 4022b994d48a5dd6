package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.Inputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads directed edge lists: one edge per line, {@code source<SEP>target[<SEP>weight]} where SEP
 * is a tab, a comma or runs of spaces (decided per line). Lines starting with {@code #} or
 * {@code %} and blank lines are skipped. The first data line is a header (and skipped) when one
 * of its fields is a usual column name (source, target, src, dst, from, to, weight...) or its
 * third field is not a number. Missing weights are 1. Gzipped files are gunzipped ({@link Inputs}).
 * A bad line raises {@link InvalidInputException} naming {@code file:line}, the field and value.
 */
public final class EdgeListReader {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Set<String> HEADER_WORDS = Set.of(
      "source", "target", "src", "dst", "from", "to", "weight", "u", "v", "node1", "node2", "head", "tail", "item",
      "item1", "item2", "w");

  private EdgeListReader() {}

  public static Graph read(Path file) throws IOException {
    EdgeList edges = new EdgeList();
    read(file, edges);
    return edges.toGraph();
  }

  /** Adds the edges of {@code file} to {@code edges}. */
  public static void read(Path file, EdgeList edges) throws IOException {
    try (BufferedReader in = Inputs.reader(file)) {
      read(in, file.getFileName().toString(), edges);
    }
  }

  /** Reads edge lines from {@code in}; {@code name} is used in error messages. */
  public static void read(BufferedReader in, String name, EdgeList edges) throws IOException {
    String line;
    int lineNo = 0;
    boolean first = true;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith("%")) {
        continue;
      }
      String[] f = split(t);
      if (first) {
        first = false;
        if (isHeader(f)) {
          continue;
        }
      }
      String where = name + ":" + lineNo;
      if (f.length < 2 || f.length > 3) {
        throw new InvalidInputException(where, "line", t, "expected 'source<TAB or ,>target[<TAB or ,>weight]'");
      }
      String s = f[0].strip();
      String d = f[1].strip();
      if (s.isEmpty()) {
        throw new InvalidInputException(where, "source", s, "expected a node id");
      }
      if (d.isEmpty()) {
        throw new InvalidInputException(where, "target", d, "expected a node id");
      }
      float w = 1f;
      if (f.length == 3) {
        w = parseWeight(f[2].strip(), where);
      }
      edges.add(s, d, w);
    }
  }

  private static float parseWeight(String raw, String where) {
    try {
      float w = Float.parseFloat(raw);
      if (!(w > 0) || Float.isInfinite(w)) {
        throw new InvalidInputException(where, "weight", raw, "expected a finite number > 0");
      }
      return w;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where, "weight", raw, "expected a finite number > 0");
    }
  }

  private static String[] split(String t) {
    if (t.indexOf('\t') >= 0) {
      return t.split("\t", -1);
    }
    if (t.indexOf(',') >= 0) {
      return t.split(",", -1);
    }
    return SPACES.split(t);
  }

  private static boolean isHeader(String[] f) {
    for (String s : f) {
      if (HEADER_WORDS.contains(s.strip().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    if (f.length == 3) {
      try {
        Float.parseFloat(f[2].strip());
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
  }
}
