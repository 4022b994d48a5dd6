package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Request-level features, equal for all candidates of a request but useful in interactions:
 * {@code query.tokens}, {@code query.chars}, {@code ctx.hour} (UTC hour 0-23 of the request time,
 * -1 when unknown) and {@code ctx.segment} (a stable hash bucket of the user segment in
 * [0, buckets), -1 when there is no segment).
 */
public final class QueryContextFeatures implements FeatureExtractor {
  private static final List<String> NAMES = List.of("query.tokens", "query.chars", "ctx.hour", "ctx.segment");
  private final int buckets;

  /** {@code buckets}: number of segment hash buckets (16 keeps tree splits cheap). */
  public QueryContextFeatures(int buckets) {
    this.buckets = Checks.atLeast("buckets", buckets, 1);
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public void extract(Query query, Candidate candidate, Item item, float[] out, int offset) {
    out[offset] = Tokens.count(query.text());
    out[offset + 1] = query.text().length();
    out[offset + 2] = query.context().time() == null ? -1 : query.context().time().atOffset(ZoneOffset.UTC).getHour();
    String seg = query.context().segment();
    // String.hashCode is specified by the Java language, so buckets are stable across JVMs.
    out[offset + 3] = seg == null || seg.isEmpty() ? -1 : Math.floorMod(seg.hashCode(), buckets);
  }
}
