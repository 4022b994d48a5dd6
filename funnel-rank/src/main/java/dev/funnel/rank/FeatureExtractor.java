package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.List;

/**
 * Computes a fixed group of features for one (query with its context, candidate with its
 * provenance, item). Implementations are stateless or read-only (safe for concurrent use at
 * serving time) and write exactly {@code names().size()} values.
 */
public interface FeatureExtractor {
  /** Names of the values this extractor writes, in order. */
  List<String> names();

  /** Writes {@code names().size()} finite values into {@code out} starting at {@code offset}. */
  void extract(Query query, Candidate candidate, Item item, float[] out, int offset);
}
