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
 * @param threads indexing threads (embedding and Lucene); defaults to the available cores
 */
public record IndexConfig(
    List<String> textFields, String popularityField, boolean vectors, int embedBatchSize, int threads) {

  public static final int DEFAULT_BATCH = 32;

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
  }

  /** Text fields in the given order, popularity from {@code popularity}, vectors on. */
  public static IndexConfig defaults(List<String> textFields) {
    return new IndexConfig(textFields, "popularity", true, DEFAULT_BATCH, Runtime.getRuntime().availableProcessors());
  }

  public IndexConfig withVectors(boolean on) {
    return new IndexConfig(textFields, popularityField, on, embedBatchSize, threads);
  }

  public IndexConfig withPopularityField(String field) {
    return new IndexConfig(textFields, field, vectors, embedBatchSize, threads);
  }

  public IndexConfig withThreads(int n) {
    return new IndexConfig(textFields, popularityField, vectors, embedBatchSize, n);
  }

  public IndexConfig withEmbedBatchSize(int n) {
    return new IndexConfig(textFields, popularityField, vectors, n, threads);
  }
}
