package dev.funnel.retrieval;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a catalog reader did: records read, items kept, records skipped per reason (only with
 * skip-bad) and values left out of kept items per reason (for example unparseable prices).
 */
public record ReadReport(long records, long kept, Map<String, Long> skipped, Map<String, Long> leftOut) {
  public ReadReport {
    skipped = java.util.Collections.unmodifiableMap(new TreeMap<>(skipped));
    leftOut = java.util.Collections.unmodifiableMap(new TreeMap<>(leftOut));
  }

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }
}
