package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.List;

/**
 * For each configured keyword field (category, brand...): the fraction of query tokens that
 * occur among the tokens of the item's values in that field ({@code kw.<field>}), in [0, 1];
 * 0 for an empty query or a missing field.
 */
public final class KeywordMatchFeatures implements FeatureExtractor {
  private final List<String> fields;
  private final List<String> names;
  private volatile QueryTokens lastQuery;

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
    List<String> q = queryTokens(query.text());
    for (int i = 0; i < fields.size(); i++) {
      List<String> values = item.keywords().get(fields.get(i));
      if (q.isEmpty() || values == null || values.isEmpty()) {
        out[offset + i] = 0;
        continue;
      }
      int hits = 0;
      for (String t : q) {
        for (String v : values) {
          if (Tokens.contains(v, t)) {
            hits++;
            break;
          }
        }
      }
      out[offset + i] = (float) hits / q.size();
    }
  }

  /**
   * The query's tokens. A request extracts features for every candidate with the same query:
   * the last query's tokens are kept (an immutable pair, so concurrent requests at worst
   * tokenise again).
   */
  private List<String> queryTokens(String text) {
    QueryTokens last = lastQuery;
    if (last != null && last.text().equals(text)) {
      return last.tokens();
    }
    List<String> tokens = List.copyOf(Tokens.of(text));
    if (text != null) {
      lastQuery = new QueryTokens(text, tokens);
    }
    return tokens;
  }

  private record QueryTokens(String text, List<String> tokens) {}
}
