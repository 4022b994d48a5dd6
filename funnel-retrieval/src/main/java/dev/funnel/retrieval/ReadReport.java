package dev.funnel.retrieval;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a catalog reader did: records read, items kept, records skipped per reason (only with
 * skip-bad), values left out of kept items per reason (for example unparseable prices) and the
 * data-quality counts of cleaning ({@link DataQuality.Report}).
 */
public record ReadReport(long records, long kept, Map<String, Long> skipped, Map<String, Long> leftOut, DataQuality.Report quality) {
  public ReadReport {
    skipped = java.util.Collections.unmodifiableMap(new TreeMap<>(skipped));
    leftOut = java.util.Collections.unmodifiableMap(new TreeMap<>(leftOut));
    java.util.Objects.requireNonNull(quality, "quality");
  }

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }
}
