package dev.funnel.retrieval;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.List;

/**
 * How a catalog is indexed.
 *
 * @param textFields the item text fields that feed the one searchable field, joined by newlines
 *     in this order (empty: all text fields of each item, in name order)
 * @param popularityField the numeric field used by the {@code bm25-pop} prior ({@code null}:
 *     none)
 * @param vectors whether to embed items for the {@code dense} and {@code hybrid} strategies
 * @param embedBatchSize texts per call of the embedding model; 32 keeps padding waste low for
 *     catalog texts of mixed length while amortising the per-call overhead (measured on SciFact)
 * @param threads threads that embed items and build their documents; defaults to the available
 *     cores. The index does not depend on it: documents are added in input order by one thread
 * @param flushDocs documents buffered before Lucene writes a segment. Segments are cut by count
 *     (never by RAM use or timing) and merged into one at the end, so the same catalog gives the
 *     same segments, the same HNSW graph and the same results; it bounds indexing memory to about
 *     this many documents with their vectors
 */
public record IndexConfig(
    List<String> textFields, String popularityField, boolean vectors, int embedBatchSize, int threads, int flushDocs) {

  public static final int DEFAULT_BATCH = 32;

  /** 50,000 documents with 384-d vectors buffer about 100 MB (vectors plus postings) before a flush. */
  public static final int DEFAULT_FLUSH_DOCS = 50_000;

  public IndexConfig {
    textFields = List.copyOf(textFields == null ? List.of() : textFields);
    for (int i = 0; i < textFields.size(); i++) {
      Checks.nonBlank("textFields[" + i + "]", textFields.get(i));
    }
    if (popularityField != null && popularityField.isBlank()) {
      throw new InvalidInputException("popularityField", popularityField, "expected a field name or nothing");
    }
    Checks.atLeast("embedBatchSize", embedBatchSize, 1);
    Checks.atLeast("threads", threads, 1);
    Checks.atLeast("flushDocs", flushDocs, 1);
  }

  /** Text fields in the given order, popularity from {@code popularity}, vectors on. */
  public static IndexConfig defaults(List<String> textFields) {
    return new IndexConfig(
        textFields, "popularity", true, DEFAULT_BATCH, Runtime.getRuntime().availableProcessors(), DEFAULT_FLUSH_DOCS);
  }

  public IndexConfig withVectors(boolean on) {
    return new IndexConfig(textFields, popularityField, on, embedBatchSize, threads, flushDocs);
  }

  public IndexConfig withPopularityField(String field) {
    return new IndexConfig(textFields, field, vectors, embedBatchSize, threads, flushDocs);
  }

  public IndexConfig withThreads(int n) {
    return new IndexConfig(textFields, popularityField, vectors, embedBatchSize, n, flushDocs);
  }

  public IndexConfig withEmbedBatchSize(int n) {
    return new IndexConfig(textFields, popularityField, vectors, n, threads, flushDocs);
  }

  public IndexConfig withFlushDocs(int n) {
    return new IndexConfig(textFields, popularityField, vectors, embedBatchSize, threads, n);
  }

  /** Whether two configurations build the same index (everything but the thread count). */
  public boolean buildsSameIndexAs(IndexConfig other) {
    return withThreads(1).equals(other.withThreads(1));
  }
}
