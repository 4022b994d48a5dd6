package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable directed graph in compressed sparse row form: for each node the sorted list of
 * out-neighbours (with edge weights) and of in-neighbours, in plain int arrays. Nodes are dense
 * indices {@code 0..n-1}, each with an external id (the item id). No self-loops, no duplicate edges.
 */
public final class Graph {
  private final String[] ids;
  private final Map<String, Integer> index;
  private final int[] outOff;
  private final int[] outAdj;
  private final float[] outW;
  private final int[] inOff;
  private final int[] inAdj;

  private Graph(String[] ids, int[] outOff, int[] outAdj, float[] outW, int[] inOff, int[] inAdj) {
    this.ids = ids;
    this.outOff = outOff;
    this.outAdj = outAdj;
    this.outW = outW;
    this.inOff = inOff;
    this.inAdj = inAdj;
    this.index = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (index.put(ids[i], i) != null) {
        throw new InvalidInputException("node id", ids[i], "expected unique node ids");
      }
    }
  }

  /**
   * Builds the graph over nodes {@code ids} from parallel edge arrays (indices into ids).
   * Self-loops are dropped and duplicate edges merged with summed weight.
   */
  public static Graph build(String[] ids, int[] src, int[] dst, float[] w) {
    int n = ids.length;
    int m = src.length;
    if (dst.length != m || w.length != m) {
      throw new IllegalArgumentException("edge arrays differ in length: " + m + ", " + dst.length + ", " + w.length);
    }
    for (int e = 0; e < m; e++) {
      if (src[e] < 0 || src[e] >= n || dst[e] < 0 || dst[e] >= n) {
        throw new IllegalArgumentException("edge " + e + " (" + src[e] + ", " + dst[e] + ") outside [0, " + n + ")");
      }
    }
    // Counting sort by source, then sort each row by target; duplicates become adjacent and merge.
    int[] rowStart = new int[n + 1];
    for (int e = 0; e < m; e++) {
      if (src[e] != dst[e]) {
        rowStart[src[e] + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    int k = rowStart[n];
    long[] packed = new long[k];
    int[] cursor = Arrays.copyOf(rowStart, n);
    for (int e = 0; e < m; e++) {
      if (src[e] != dst[e]) {
        packed[cursor[src[e]]++] = ((long) dst[e] << 32) | e;
      }
    }
    int[] outOff = new int[n + 1];
    int[] adj = new int[k];
    float[] wt = new float[k];
    int unique = 0;
    for (int u = 0; u < n; u++) {
      Arrays.sort(packed, rowStart[u], rowStart[u + 1]);
      int rowFirst = unique;
      for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
        int d = (int) (packed[i] >>> 32);
        float we = w[(int) packed[i]];
        if (unique > rowFirst && adj[unique - 1] == d) {
          wt[unique - 1] += we;
        } else {
          adj[unique] = d;
          wt[unique] = we;
          unique++;
        }
      }
      outOff[u + 1] = unique;
    }
    int[] outAdj = Arrays.copyOf(adj, unique);
    float[] outW = Arrays.copyOf(wt, unique);
    int[] inOff = new int[n + 1];
    for (int i = 0; i < unique; i++) {
      inOff[outAdj[i] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      inOff[i + 1] += inOff[i];
    }
    int[] fill = Arrays.copyOf(inOff, n);
    int[] inAdj = new int[unique];
    for (int u = 0; u < n; u++) {
      for (int i = outOff[u]; i < outOff[u + 1]; i++) {
        inAdj[fill[outAdj[i]]++] = u; // sources arrive in increasing order, so in-rows are sorted too
      }
    }
    return new Graph(ids.clone(), outOff, outAdj, outW, inOff, inAdj);
  }

  public int nodeCount() {
    return ids.length;
  }

  public int edgeCount() {
    return outAdj.length;
  }

  public String id(int node) {
    return ids[node];
  }

  /** The node index of {@code id}, or -1 when the graph has no such node. */
  public int indexOf(String id) {
    Integer i = index.get(id);
    return i == null ? -1 : i;
  }

  public String[] ids() {
    return ids.clone();
  }

  public int outDegree(int u) {
    return outOff[u + 1] - outOff[u];
  }

  public int inDegree(int u) {
    return inOff[u + 1] - inOff[u];
  }

  /** The {@code i}-th out-neighbour of {@code u} (sorted ascending). */
  public int out(int u, int i) {
    return outAdj[outOff[u] + i];
  }

  public float outWeight(int u, int i) {
    return outW[outOff[u] + i];
  }

  /** The {@code i}-th in-neighbour of {@code u} (sorted ascending). */
  public int in(int u, int i) {
    return inAdj[inOff[u] + i];
  }

  public boolean hasEdge(int u, int v) {
    return Arrays.binarySearch(outAdj, outOff[u], outOff[u + 1], v) >= 0;
  }

  /** Edge sources in CSR order (edge e goes from edgeSources()[e] to edgeTargets()[e]). */
  public int[] edgeSources() {
    int[] s = new int[outAdj.length];
    for (int u = 0; u < ids.length; u++) {
      Arrays.fill(s, outOff[u], outOff[u + 1], u);
    }
    return s;
  }

  public int[] edgeTargets() {
    return outAdj.clone();
  }

  /** Edge weights in CSR order (parallel to {@link #edgeSources()}). */
  public float[] edgeWeights() {
    return outW.clone();
  }

  /**
   * Reciprocity: the share of edges u -> v whose reverse v -> u is also an edge (0 for a graph
   * without edges is undefined; reported as NaN here and as null by callers).
   */
  public double reciprocity() {
    int m = outAdj.length;
    if (m == 0) {
      return Double.NaN;
    }
    long both = 0;
    for (int u = 0; u < ids.length; u++) {
      for (int e = outOff[u]; e < outOff[u + 1]; e++) {
        if (hasEdge(outAdj[e], u)) {
          both++;
        }
      }
    }
    return (double) both / m;
  }

  /** Whether some edge has a weight other than 1. */
  public boolean weighted() {
    for (float x : outW) {
      if (x != 1f) {
        return true;
      }
    }
    return false;
  }

  /** The graph with the same nodes and only the given edges (indices into CSR order). */
  public Graph subgraph(int[] edges) {
    int[] s = edgeSources();
    int[] a = new int[edges.length];
    int[] b = new int[edges.length];
    float[] w = new float[edges.length];
    for (int i = 0; i < edges.length; i++) {
      a[i] = s[edges[i]];
      b[i] = outAdj[edges[i]];
      w[i] = outW[edges[i]];
    }
    return build(ids, a, b, w);
  }
}
