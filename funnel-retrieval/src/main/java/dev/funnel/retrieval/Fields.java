package dev.funnel.retrieval;

import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;

/** Lucene field names of a catalog snapshot. User fields are prefixed, so any name is allowed. */
final class Fields {
  /** Item id: stored, indexed as one term, sorted doc values for tie-breaking. */
  static final String ID = "_id";
  /** The searchable text: the configured text fields joined by newlines. */
  static final String TEXT = "_text";
  /**
   * How {@link #TEXT} is indexed: analyzed, not stored, documents and term frequencies with norms,
   * no positions. Every strategy scores a bag of terms (BM25 needs frequencies and lengths only),
   * so positions would be written and merged without ever being read (docs/performance.md).
   */
  static final FieldType TEXT_TYPE = textType();
  /** The whole item as JSON, returned by searches. */
  static final String ITEM = "_item";
  /** The L2-normalised embedding. */
  static final String VECTOR = "_vector";
  /** FeatureField holding the popularity used by the prior. */
  static final String FEATURES = "_features";
  static final String POPULARITY_FEATURE = "popularity";

  private Fields() {}

  private static FieldType textType() {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setStored(false);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    t.freeze();
    return t;
  }

  /** Keyword field {@code name}, indexed as exact terms for filters. */
  static String keyword(String name) {
    return "kw." + name;
  }

  /** Numeric field {@code name}, as double doc values. */
  static String number(String name) {
    return "num." + name;
  }
}
