package dev.funnel.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cheap stand-in for a sentence model, used to build large benchmark indexes in minutes: a
 * text's vector is the normalised mean of the base model's vectors of its words, each distinct
 * word embedded once and cached. The vectors live in the base model's space and cluster like
 * real ones, so HNSW build and search costs are representative; their retrieval quality is not
 * (it is never evaluated).
 */
public final class WordAverageEmbedder implements TextEmbedder {
  private final TextEmbedder base;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  public WordAverageEmbedder(TextEmbedder base) {
    this.base = base;
  }

  @Override
  public String name() {
    return base.name() + "+word-average";
  }

  @Override
  public int dimensions() {
    return base.dimensions();
  }

  @Override
  public float[][] embed(List<String> texts) {
    Set<String> missing = new LinkedHashSet<>();
    List<String[]> tokens = new ArrayList<>(texts.size());
    for (String t : texts) {
      String[] w = t.toLowerCase(Locale.ROOT).split("\\s+");
      tokens.add(w);
      for (String x : w) {
        if (!x.isEmpty() && !cache.containsKey(x)) {
          missing.add(x);
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> list = new ArrayList<>(missing);
      float[][] v = base.embed(list);
      for (int i = 0; i < list.size(); i++) {
        cache.put(list.get(i), v[i]);
      }
    }
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      float[] sum = new float[dimensions()];
      for (String x : tokens.get(i)) {
        float[] v = x.isEmpty() ? null : cache.get(x);
        if (v != null) {
          for (int d = 0; d < sum.length; d++) {
            sum[d] += v[d];
          }
        }
      }
      MiniLmEmbedder.normalize(sum);
      out[i] = sum;
    }
    return out;
  }
}
