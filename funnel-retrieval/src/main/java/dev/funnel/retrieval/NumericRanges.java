package dev.funnel.retrieval;

import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Range queries over {@code DoubleDocValuesField}s, which store a double's raw IEEE bits as a
 * long. Those longs sort like the doubles for non-negative values and in reverse for negative
 * ones (the sign bit makes them negative longs whose magnitude grows with the double's), so a
 * range [min, max] is the union of a range over the non-negative part and a reversed range over
 * the negative part, both slow (doc-values) range queries: cheap as FILTER clauses, which only
 * check the documents that the rest of the query matches.
 */
final class NumericRanges {
  private NumericRanges() {}

  /** Documents whose value of {@code field} lies in [{@code min}, {@code max}] (infinite bounds allowed). */
  static Query query(String field, double min, double max) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    if (max >= 0) {
      double lo = Math.max(min, 0.0);
      b.add(NumericDocValuesField.newSlowRangeQuery(field, Double.doubleToRawLongBits(lo), Double.doubleToRawLongBits(max)), BooleanClause.Occur.SHOULD);
      any = true;
    }
    if (min < 0) {
      double hi = Math.min(max, -0.0);
      // negative doubles: the closer to zero, the smaller the signed long of their bits
      b.add(NumericDocValuesField.newSlowRangeQuery(field, Double.doubleToRawLongBits(hi), Double.doubleToRawLongBits(min)), BooleanClause.Occur.SHOULD);
      any = true;
    }
    return any ? b.build() : new MatchNoDocsQuery("empty range");
  }
}
