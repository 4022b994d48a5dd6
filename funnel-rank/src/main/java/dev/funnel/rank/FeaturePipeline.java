package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * The one code path that turns (query, candidate, item) into a feature vector, at serving time
 * and therefore at training time too (training reads the vectors that were logged when serving).
 * The schema is the concatenation of the extractors' names.
 */
public final class FeaturePipeline {
  private final List<FeatureExtractor> extractors;
  private final FeatureSchema schema;

  public FeaturePipeline(List<FeatureExtractor> extractors) {
    this.extractors = List.copyOf(extractors);
    List<String> names = new ArrayList<>();
    this.extractors.forEach(e -> names.addAll(e.names()));
    this.schema = new FeatureSchema(FeatureSchema.CURRENT_VERSION, names);
  }

  /**
   * The standard pipeline: strategy features for {@code strategies}, memory statistics, the
   * numeric item fields, keyword-field matches and query/context features (16 segment buckets).
   */
  public static FeaturePipeline standard(List<String> strategies, MemoryStats memory, List<String> numericFields, List<String> keywordFields) {
    return new FeaturePipeline(List.of(
        new StrategyFeatures(strategies),
        new MemoryFeatures(memory),
        new ItemNumberFeatures(numericFields),
        new KeywordMatchFeatures(keywordFields),
        new QueryContextFeatures(16)));
  }

  public FeatureSchema schema() {
    return schema;
  }

  public float[] extract(Query query, Candidate candidate, Item item) {
    if (item == null) {
      throw new InvalidInputException("item", candidate.itemId(), "expected a catalog item for every candidate");
    }
    if (!item.id().equals(candidate.itemId())) {
      throw new InvalidInputException("item", item.id(), "expected the candidate's item " + candidate.itemId());
    }
    float[] out = new float[schema.size()];
    int offset = 0;
    for (FeatureExtractor e : extractors) {
      e.extract(query, candidate, item, out, offset);
      offset += e.names().size();
    }
    for (int i = 0; i < out.length; i++) {
      if (!Float.isFinite(out[i])) {
        throw new InvalidInputException(schema.names().get(i), out[i], "expected a finite feature value for item " + item.id());
      }
    }
    return out;
  }
}
