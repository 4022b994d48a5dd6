package dev.funnel.retrieval;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Dense retrieval: the query is embedded with the model the snapshot was built with, and its
 * nearest items are found in Lucene's HNSW graph (dot product of unit vectors, i.e. cosine).
 * The raw score is the cosine similarity in [-1, 1], recomputed exactly for the candidates that
 * the graph search returns. Lucene searches {@code max(k,
 * knnCandidates)} candidates for recall and this keeps the best k; filters are applied inside
 * the graph search (Lucene's filtered kNN), so k filtered results come back when they exist.
 */
final class DenseRetriever implements Retriever {
  static final String NAME = "dense";

  private final CatalogIndex index;
  private final TextEmbedder embedder;

  DenseRetriever(CatalogIndex index, TextEmbedder embedder) {
    this.index = index;
    this.embedder = embedder;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Filters are FILTER clauses of this strategy's Lucene query. */
  @Override
  public boolean appliesFilters() {
    return true;
  }

  @Override
  public List<Candidate> retrieve(Query query, int k) {
    Checks.atLeast("k", k, 1);
    index.filter(query.filters()); // rejects unknown filter fields even for a blank query
    if (query.text().isBlank()) {
      return List.of();
    }
    return search(embedder.embed(query.text()), query.filters(), k);
  }

  /** Nearest neighbours of an already embedded query (used to time the kNN search alone). */
  List<Candidate> search(float[] vector, dev.funnel.core.Filters filters, int k) {
    Checks.atLeast("k", k, 1);
    int candidates = Math.max(k, index.settings().knnCandidates());
    org.apache.lucene.search.Query filter = index.filter(filters);
    return index.withSearcher(searcher -> {
      TopDocs td = searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, candidates, filter), candidates);
      int[] docs = new int[td.scoreDocs.length];
      for (int i = 0; i < docs.length; i++) {
        docs[i] = td.scoreDocs[i].doc;
      }
      List<String> ids = CatalogIndex.ids(searcher, docs);
      // The graph search finds the candidates; their cosines (dot products of unit vectors) are
      // recomputed exactly, so a score never depends on the state of the JIT.
      double[] cosines = CatalogIndex.exactDotProducts(searcher, docs, vector);
      record Hit(String id, double cosine) {}
      List<Hit> hits = new ArrayList<>(docs.length);
      for (int i = 0; i < docs.length; i++) {
        hits.add(new Hit(ids.get(i), cosines[i]));
      }
      hits.sort(Comparator.comparingDouble(Hit::cosine).reversed().thenComparing(Hit::id));
      List<Candidate> out = new ArrayList<>(Math.min(k, hits.size()));
      for (int i = 0; i < Math.min(k, hits.size()); i++) {
        out.add(Candidate.of(hits.get(i).id(), NAME, hits.get(i).cosine(), i + 1));
      }
      return out;
    });
  }
}
