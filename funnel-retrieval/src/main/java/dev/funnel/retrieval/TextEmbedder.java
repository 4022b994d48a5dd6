package dev.funnel.retrieval;

import java.util.List;

/**
 * Turns texts into L2-normalised vectors of a fixed dimension. Implementations are thread-safe:
 * several indexing threads and many search threads call one instance.
 */
public interface TextEmbedder {
  /** Model name recorded in the index metadata; an index is searched with the same model. */
  String name();

  int dimensions();

  /** One unit-length vector per text, in order. */
  float[][] embed(List<String> texts);

  default float[] embed(String text) {
    return embed(List.of(text))[0];
  }
}
