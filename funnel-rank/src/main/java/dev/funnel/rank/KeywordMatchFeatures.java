package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * For each configured keyword field (category, brand...): the fraction of query tokens that
 * occur among the tokens of the item's values in that field ({@code kw.<field>}), in [0, 1];
 * 0 for an empty query or a missing field.
 */
public final class KeywordMatchFeatures implements FeatureExtractor {
  private final List<String> fields;
  private final List<String> names;

  public KeywordMatchFeatures(List<String> fields) {
    this.fields = List.copyOf(fields);
    this.fields.forEach(f -> Checks.nonBlank("keyword field", f));
    this.names = this.fields.stream().map(f -> "kw." + f).toList();
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void extract(Query query, Candidate candidate, Item item, float[] out, int offset) {
    List<String> q = Tokens.of(query.text());
    for (int i = 0; i < fields.size(); i++) {
      List<String> values = item.keywords().get(fields.get(i));
      if (q.isEmpty() || values == null || values.isEmpty()) {
        out[offset + i] = 0;
        continue;
      }
      Set<String> vocab = new HashSet<>();
      values.forEach(v -> vocab.addAll(Tokens.of(v)));
      int hits = 0;
      for (String t : q) {
        if (vocab.contains(t)) {
          hits++;
        }
      }
      out[offset + i] = (float) hits / q.size();
    }
  }
}
