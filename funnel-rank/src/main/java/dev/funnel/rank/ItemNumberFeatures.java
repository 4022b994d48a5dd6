package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.List;

/**
 * Numeric item fields (popularity, price, rating...) named in the configuration, as
 * {@code item.<field>}; 0 when the item lacks the field.
 */
public final class ItemNumberFeatures implements FeatureExtractor {
  private final List<String> fields;
  private final List<String> names;

  public ItemNumberFeatures(List<String> fields) {
    this.fields = List.copyOf(fields);
    this.fields.forEach(f -> Checks.nonBlank("numeric field", f));
    this.names = this.fields.stream().map(f -> "item." + f).toList();
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void extract(Query query, Candidate candidate, Item item, float[] out, int offset) {
    for (int i = 0; i < fields.size(); i++) {
      out[offset + i] = (float) item.number(fields.get(i), 0);
    }
  }
}
