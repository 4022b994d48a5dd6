package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;

/** A list of directed edges as parallel node-index arrays (held-out validation or test edges). */
public record EdgeSample(int[] sources, int[] targets) {
  public static final EdgeSample EMPTY = new EdgeSample(new int[0], new int[0]);

  public EdgeSample {
    if (sources == null || targets == null || sources.length != targets.length) {
      throw new InvalidInputException("edges", sources == null ? null : sources.length + " vs "
          + (targets == null ? null : targets.length), "expected as many sources as targets");
    }
  }

  public int size() {
    return sources.length;
  }
}
