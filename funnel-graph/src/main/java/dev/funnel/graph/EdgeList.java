package dev.funnel.graph;

import dev.funnel.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A growing list of directed, weighted edges between named nodes (item ids). Node ids get dense
 * indices in order of first appearance. {@link #toGraph()} freezes it into a {@link Graph}.
 */
public final class EdgeList {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private int[] src = new int[16];
  private int[] dst = new int[16];
  private float[] weight = new float[16];
  private int size;

  /** The dense index of {@code id}, adding it as an isolated node when new. */
  public int node(String id) {
    Checks.nonBlank("node id", id);
    Integer i = index.get(id);
    if (i != null) {
      return i;
    }
    int next = ids.size();
    index.put(id, next);
    ids.add(id);
    return next;
  }

  public void add(String from, String to, float w) {
    add(node(from), node(to), w);
  }

  public void add(int from, int to, float w) {
    if (from < 0 || from >= ids.size() || to < 0 || to >= ids.size()) {
      throw new IllegalArgumentException("edge (" + from + ", " + to + ") outside [0, " + ids.size() + ")");
    }
    if (size == src.length) {
      int cap = size * 2;
      src = Arrays.copyOf(src, cap);
      dst = Arrays.copyOf(dst, cap);
      weight = Arrays.copyOf(weight, cap);
    }
    src[size] = from;
    dst[size] = to;
    weight[size] = w;
    size++;
  }

  public int edgeCount() {
    return size;
  }

  public int nodeCount() {
    return ids.size();
  }

  /** Self-loops dropped, duplicate edges merged (weights summed). */
  public Graph toGraph() {
    return Graph.build(ids.toArray(String[]::new), Arrays.copyOf(src, size), Arrays.copyOf(dst, size),
        Arrays.copyOf(weight, size));
  }
}
