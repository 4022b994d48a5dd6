package dev.funnel.retrieval;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * BM25 over the searchable text field, optionally plus a popularity prior.
 *
 * <p>The query is Anserini's bag of words: the analyzed query terms as SHOULD clauses, each
 * boosted by how often it occurs in the query. Hits are ordered by score, ties by item id
 * ascending (as Anserini's {@code ScoredDocs}), so results are deterministic.
 *
 * <p>With a popularity weight {@code w > 0} (strategy {@code bm25-pop}) the score is {@code
 * bm25 + w * ln(1 + popularity)}: the text must match (MUST clause) and a Lucene {@link
 * FeatureField} log clause adds the prior, so top-k is exact (no re-ranking of a truncated list).
 * Items without popularity get no prior. Additive log priors are the classic way to combine a
 * document prior with a probabilistic score (Kraaij, Westerveld and Hiemstra, SIGIR 2002).
 */
final class LexicalRetriever implements Retriever {
  private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(Fields.ID, SortField.Type.STRING));

  private final CatalogIndex index;
  private final String name;
  private final double popularityWeight;
  private final SearchAnalyzer analyzer = new SearchAnalyzer();

  LexicalRetriever(CatalogIndex index, String name, double popularityWeight) {
    this.index = index;
    this.name = Checks.nonBlank("name", name);
    this.popularityWeight = Checks.nonNegative("popularityWeight", popularityWeight);
  }

  @Override
  public String name() {
    return name;
  }

  /** Filters are FILTER clauses of this strategy's Lucene query. */
  @Override
  public boolean appliesFilters() {
    return true;
  }

  @Override
  public List<Candidate> retrieve(Query query, int k) {
    return search(query, List.of(), k);
  }

  /**
   * This strategy's query with {@code boosts}: the text (MUST), the popularity prior (SHOULD,
   * for {@code bm25-pop}), the request's filters (FILTER) and one SHOULD clause per boost, a
   * constant-score match of the boosted keyword value worth {@code weight} times the best text
   * score of this query (read with a first, one-hit search), so an item at the top of the text
   * ranking gains the share {@code weight} of its score, as a multiplicative boost would give it,
   * and top-k is exact over the whole index.
   */
  List<Candidate> search(Query query, List<KeywordBoost> boosts, int k) {
    Checks.atLeast("k", k, 1);
    org.apache.lucene.search.Query text = textQuery(query.text());
    org.apache.lucene.search.Query filter = index.filter(query.filters());
    if (text == null) {
      return List.of();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    if (popularityWeight > 0) {
      b.add(FeatureField.newLogQuery(Fields.FEATURES, Fields.POPULARITY_FEATURE, (float) popularityWeight, 1f),
          BooleanClause.Occur.SHOULD);
    }
    if (filter != null) {
      b.add(filter, BooleanClause.Occur.FILTER);
    }
    return index.withSearcher(searcher -> {
      if (!boosts.isEmpty()) {
        BooleanQuery unboosted = b.build();
        TopDocs best = searcher.search(unboosted, 1);
        if (best.scoreDocs.length == 0) {
          return List.of();
        }
        float top = best.scoreDocs[0].score;
        for (KeywordBoost kb : boosts) {
          if (index.keywordFields().contains(kb.field()) && kb.weight() > 0) {
            b.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(Fields.keyword(kb.field()), kb.value()))), (float) (kb.weight() * top)),
                BooleanClause.Occur.SHOULD);
          }
        }
      }
      TopFieldDocs td = searcher.search(b.build(), k, BY_SCORE_THEN_ID, true);
      List<Candidate> out = new ArrayList<>(td.scoreDocs.length);
      int rank = 1;
      for (ScoreDoc sd : td.scoreDocs) {
        String id = ((BytesRef) ((FieldDoc) sd).fields[1]).utf8ToString();
        out.add(Candidate.of(id, name, sd.score, rank++));
      }
      return out;
    });
  }

  /** The bag-of-words query, or {@code null} when no term survives analysis. */
  org.apache.lucene.search.Query textQuery(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String t : analyzer.terms(text)) {
      if (counts.size() < IndexSearcher.getMaxClauseCount() || counts.containsKey(t)) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    counts.forEach((t, c) -> b.add(new BoostQuery(new TermQuery(new Term(Fields.TEXT, t)), c), BooleanClause.Occur.SHOULD));
    return b.build();
  }
}
