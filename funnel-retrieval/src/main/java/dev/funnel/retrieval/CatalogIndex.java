package dev.funnel.retrieval;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Retriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

/**
 * A live catalog snapshot opened for search. Open it once and share it: every method is
 * thread-safe. The retrievers are {@code bm25} and {@code bm25-pop} always, plus {@code dense},
 * {@code hybrid} (min-max normalised score fusion) and {@code hybrid-rrf} (reciprocal-rank
 * fusion) when the snapshot was built with vectors.
 */
public final class CatalogIndex implements AutoCloseable {
  private final Path snapshot;
  private final IndexMetadata metadata;
  private final SearchSettings settings;
  private final FSDirectory directory;
  private final LiveSearchers searchers;
  private final TextEmbedder embedder;
  private final Set<String> keywordFields;
  private final Set<String> keywordFieldsView;
  private final Set<String> numericFields;
  private final Set<String> numericFieldsView;
  private final Map<String, Retriever> retrievers;

  private CatalogIndex(Path snapshot, IndexMetadata metadata, SearchSettings settings, TextEmbedder embedder) throws IOException {
    this.snapshot = snapshot;
    this.metadata = metadata;
    this.settings = settings;
    this.embedder = embedder;
    this.directory = FSDirectory.open(snapshot);
    DirectoryReader reader = DirectoryReader.open(directory);
    this.searchers = new LiveSearchers(reader, new BM25Similarity((float) settings.k1(), (float) settings.b()));
    Set<String> kw = new java.util.concurrent.ConcurrentSkipListSet<>();
    Set<String> num = new java.util.concurrent.ConcurrentSkipListSet<>();
    for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) {
      if (fi.name.startsWith("kw.")) {
        kw.add(fi.name.substring(3));
      } else if (fi.name.startsWith("num.")) {
        num.add(fi.name.substring(4));
      }
    }
    this.keywordFields = kw;
    this.keywordFieldsView = Collections.unmodifiableSet(kw);
    this.numericFields = num;
    this.numericFieldsView = Collections.unmodifiableSet(num);
    Map<String, Retriever> r = new LinkedHashMap<>();
    LexicalRetriever bm25 = new LexicalRetriever(this, "bm25", 0);
    r.put(bm25.name(), bm25);
    r.put("bm25-pop", new LexicalRetriever(this, "bm25-pop", settings.popularityWeight()));
    if (embedder != null) {
      DenseRetriever dense = new DenseRetriever(this, embedder);
      r.put(dense.name(), dense);
      r.put("hybrid", new HybridRetriever("hybrid", bm25, dense, HybridRetriever.Method.MIN_MAX, settings));
      r.put("hybrid-rrf", new HybridRetriever("hybrid-rrf", bm25, dense, HybridRetriever.Method.RRF, settings));
    }
    this.retrievers = Collections.unmodifiableMap(r);
  }

  /** Opens the live snapshot of {@code dir} with the default search settings. */
  public static CatalogIndex open(Path dir) throws IOException {
    return open(dir, SearchSettings.DEFAULTS);
  }

  /**
   * Opens the live snapshot of {@code dir}. Fails with an {@link InvalidInputException} naming
   * {@code index} when there is no index there or its format version is not this one's.
   */
  public static CatalogIndex open(Path dir, SearchSettings settings) throws IOException {
    return open(dir, settings, null);
  }

  /**
   * Opens the live snapshot of {@code dir}, embedding queries with {@code queryEmbedder} (of the
   * snapshot's dimensions) instead of the model named in the metadata; {@code null} means that
   * model. Benchmarks use it for indexes built with {@link WordAverageEmbedder}.
   */
  public static CatalogIndex open(Path dir, SearchSettings settings, TextEmbedder queryEmbedder) throws IOException {
    Path snap = Snapshots.current(dir)
        .orElseThrow(() -> new InvalidInputException(
            "index", dir, "expected an index folder built by `funnel index` (no " + Snapshots.POINTER + " file there)"));
    IndexMetadata meta = IndexMetadata.read(snap);
    TextEmbedder embedder = null;
    if (meta.hasVectors()) {
      embedder = queryEmbedder != null ? queryEmbedder : MiniLmEmbedder.shared(MiniLmEmbedder.Variant.byModelName(meta.embeddingModel()));
      if (embedder.dimensions() != meta.dimensions()) {
        throw new InvalidInputException("embedder", embedder.name(), "expected a model with " + meta.dimensions() + " dimensions");
      }
    }
    return new CatalogIndex(snap, meta, settings, embedder);
  }

  public IndexMetadata metadata() {
    return metadata;
  }

  public SearchSettings settings() {
    return settings;
  }

  /** The snapshot folder this instance reads. */
  public Path snapshot() {
    return snapshot;
  }

  /** Number of items (in the current near-real-time view when items are updated in place). */
  public int size() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /** The model that embeds items and queries, or {@code null} without vectors. */
  TextEmbedder embedder() {
    return embedder;
  }

  /** The snapshot's Lucene directory (in-place item updates open their writer on it). */
  FSDirectory directory() {
    return directory;
  }

  /** Work done with one point-in-time searcher, which stays open until {@code work} returns. */
  @FunctionalInterface
  interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /**
   * Runs {@code work} on the current searcher: the snapshot as built, or, once {@link
   * #attachWriter} was called, the latest near-real-time view of its writer. The searcher is
   * reference-counted, so a refresh never closes it under a running search.
   */
  <T> T withSearcher(SearcherWork<T> work) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return work.apply(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Makes searches read near-real-time views of {@code writer} (open on this snapshot's folder)
   * from the next {@link #refresh} on; {@code null} detaches it before the writer closes.
   */
  void attachWriter(org.apache.lucene.index.IndexWriter writer) {
    searchers.writer = writer;
  }

  /** Opens a new near-real-time view if the attached writer changed the index, and waits for it. */
  void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Records that items now carry keyword field {@code name} (filters may name it). */
  void addKeywordField(String name) {
    keywordFields.add(name);
  }

  /** Records that items now carry numeric field {@code name} (range filters may name it). */
  void addNumericField(String name) {
    numericFields.add(name);
  }

  /**
   * Searchers over the snapshot's reader, then over near-real-time readers of an attached
   * writer ({@link DirectoryReader#openIfChanged(DirectoryReader, org.apache.lucene.index.IndexWriter,
   * boolean)} with all deletes applied), in the manner of Lucene's {@code SearcherManager}.
   */
  private static final class LiveSearchers extends org.apache.lucene.search.ReferenceManager<IndexSearcher> {
    private final BM25Similarity similarity;
    private volatile org.apache.lucene.index.IndexWriter writer;

    LiveSearchers(DirectoryReader reader, BM25Similarity similarity) {
      this.similarity = similarity;
      this.current = searcher(reader);
    }

    private IndexSearcher searcher(DirectoryReader reader) {
      IndexSearcher s = new IndexSearcher(reader);
      s.setSimilarity(similarity);
      return s;
    }

    @Override
    protected void decRef(IndexSearcher reference) throws IOException {
      reference.getIndexReader().decRef();
    }

    @Override
    protected IndexSearcher refreshIfNeeded(IndexSearcher reference) throws IOException {
      DirectoryReader old = (DirectoryReader) reference.getIndexReader();
      org.apache.lucene.index.IndexWriter w = writer;
      DirectoryReader fresh = w == null ? DirectoryReader.openIfChanged(old) : DirectoryReader.openIfChanged(old, w, true);
      return fresh == null ? null : searcher(fresh);
    }

    @Override
    protected boolean tryIncRef(IndexSearcher reference) {
      return reference.getIndexReader().tryIncRef();
    }

    @Override
    protected int getRefCount(IndexSearcher reference) {
      return reference.getIndexReader().getRefCount();
    }
  }

  /** Documents, distinct terms and tokens of the text field, and vectors of this snapshot. */
  public IndexStatistics statistics() {
    return withSearcher(s -> statistics((DirectoryReader) s.getIndexReader()));
  }

  private static IndexStatistics statistics(DirectoryReader reader) {
    try {
      long terms = 0;
      long tokens = 0;
      long vectors = 0;
      for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
        org.apache.lucene.index.Terms t = leaf.reader().terms(Fields.TEXT);
        if (t != null) {
          tokens += t.getSumTotalTermFreq();
          if (reader.leaves().size() == 1) {
            terms = t.size();
          }
        }
        org.apache.lucene.index.FloatVectorValues v = leaf.reader().getFloatVectorValues(Fields.VECTOR);
        if (v != null) {
          vectors += v.size();
        }
      }
      if (reader.leaves().size() > 1) {
        org.apache.lucene.index.Terms merged = org.apache.lucene.index.MultiTerms.getTerms(reader, Fields.TEXT);
        if (merged != null) {
          org.apache.lucene.index.TermsEnum e = merged.iterator();
          while (e.next() != null) {
            terms++;
          }
        }
      }
      return new IndexStatistics(reader.numDocs(), terms, tokens, vectors, reader.leaves().size());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The structured search behind the {@code structured} strategy: {@code bm25} over the query's
   * text with its filters as FILTER clauses and each boost as a SHOULD clause, one Lucene query
   * (see {@link LexicalRetriever#search(dev.funnel.core.Query, List, int)}). Boosts on fields the
   * catalog does not have are ignored.
   */
  public List<dev.funnel.core.Candidate> structured(dev.funnel.core.Query query, List<KeywordBoost> boosts, int k) {
    return ((LexicalRetriever) retrievers.get("bm25")).search(query, boosts, k);
  }

  /** Numeric fields (double doc values) that range filters may name. */
  public Set<String> numericFields() {
    return numericFieldsView;
  }

  /** Keyword fields that filters may name. */
  public Set<String> keywordFields() {
    return keywordFieldsView;
  }

  /** The stored item with this id. */
  public Optional<Item> item(String id) {
    return withSearcher(searcher -> {
      TopDocs td = searcher.search(new TermQuery(new Term(Fields.ID, id)), 1);
      if (td.scoreDocs.length == 0) {
        return Optional.empty();
      }
      String json = searcher.storedFields().document(td.scoreDocs[0].doc, Set.of(Fields.ITEM)).get(Fields.ITEM);
      return Optional.of(ItemJson.read(json));
    });
  }

  /**
   * Every stored item, in index order (for components that learn from the whole catalog, such as
   * query understanding and predicted queries). Reads all stored documents: call once at start-up.
   */
  public List<Item> items() {
    return withSearcher(searcher -> {
      var reader = searcher.getIndexReader();
      var stored = searcher.storedFields();
      var live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
      List<Item> out = new ArrayList<>(reader.numDocs());
      for (int d = 0; d < reader.maxDoc(); d++) {
        if (live == null || live.get(d)) {
          out.add(ItemJson.read(stored.document(d, Set.of(Fields.ITEM)).get(Fields.ITEM)));
        }
      }
      return out;
    });
  }

  /** All strategies of this snapshot by name, in a stable order. */
  public Map<String, Retriever> retrievers() {
    return retrievers;
  }

  /** One strategy; unknown names fail naming {@code strategies} and listing the valid ones. */
  public Retriever retriever(String name) {
    Retriever r = retrievers.get(name);
    if (r == null) {
      throw new InvalidInputException("strategies", name, "expected one of " + new ArrayList<>(retrievers.keySet()));
    }
    return r;
  }

  /**
   * The nearest items of an already embedded query, without query embedding (for timing the
   * vector search alone); empty when the snapshot has no vectors.
   */
  public List<dev.funnel.core.Candidate> nearest(float[] vector, dev.funnel.core.Filters filters, int k) {
    Retriever dense = retrievers.get(DenseRetriever.NAME);
    return dense == null ? List.of() : ((DenseRetriever) dense).search(vector, filters, k);
  }

  /**
   * The filter for {@code filters} (all must match), or {@code null} for none: a keyword field
   * with one value is a term query, with several a disjunction of them; a numeric range is a
   * doc-values range query (no extra index structure: numbers are already double doc values, and
   * as a FILTER clause it only checks the documents the text query matches). Unknown fields fail
   * naming {@code filters.FIELD}.
   */
  Query filter(dev.funnel.core.Filters filters) {
    if (filters.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    filters.keywords().forEach((field, values) -> {
      if (!keywordFields.contains(field)) {
        throw new InvalidInputException("filters." + field, values.size() == 1 ? values.get(0) : values,
            "expected a keyword field of this catalog, one of " + keywordFields
                + (numericFields.contains(field) ? " (" + field + " is numeric: filter it with a range such as {\"gte\": 10})" : ""));
      }
      if (values.size() == 1) {
        b.add(new TermQuery(new Term(Fields.keyword(field), values.get(0))), BooleanClause.Occur.FILTER);
      } else {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(v -> any.add(new TermQuery(new Term(Fields.keyword(field), v)), BooleanClause.Occur.SHOULD));
        b.add(any.build(), BooleanClause.Occur.FILTER);
      }
    });
    filters.ranges().forEach((field, range) -> {
      if (!numericFields.contains(field)) {
        throw new InvalidInputException("filters." + field, range,
            "expected a numeric field of this catalog for a range filter, one of " + numericFields
                + (keywordFields.contains(field) ? " (" + field + " is a keyword field: filter it with a value or a list of values)" : ""));
      }
      b.add(NumericRanges.query(Fields.number(field), range.min(), range.max()), BooleanClause.Occur.FILTER);
    });
    return b.build();
  }

  /**
   * Item ids of Lucene documents, read from the id doc values (column-stride, no stored-field
   * block decompression on the hot path), visiting each segment's documents in increasing order.
   */
  static List<String> ids(IndexSearcher searcher, int[] docs) throws IOException {
    String[] out = new String[docs.length];
    org.apache.lucene.index.SortedDocValues[] values = new org.apache.lucene.index.SortedDocValues[1];
    inDocOrder(searcher, docs, leaf -> values[0] = org.apache.lucene.index.DocValues.getSorted(leaf.reader(), Fields.ID), (i, doc) -> {
      if (!values[0].advanceExact(doc)) {
        throw new IllegalStateException("document " + docs[i] + " has no id doc value");
      }
      out[i] = values[0].lookupOrd(values[0].ordValue()).utf8ToString();
    });
    return java.util.Arrays.asList(out);
  }

  /**
   * Dot products of {@code query} with the stored vectors of {@code docs}, summed in index order in
   * double precision. Lucene's SIMD dot product may round differently before and after the JIT
   * compiles it (its lane reduction order is not fixed), so scores reported to users are
   * recomputed here: the same query on the same index always gives the same scores.
   */
  static double[] exactDotProducts(IndexSearcher searcher, int[] docs, float[] query) throws IOException {
    double[] out = new double[docs.length];
    org.apache.lucene.index.FloatVectorValues[] values = new org.apache.lucene.index.FloatVectorValues[1];
    org.apache.lucene.index.KnnVectorValues.DocIndexIterator[] it = new org.apache.lucene.index.KnnVectorValues.DocIndexIterator[1];
    inDocOrder(searcher, docs, leaf -> {
      values[0] = leaf.reader().getFloatVectorValues(Fields.VECTOR);
      it[0] = values[0] == null ? null : values[0].iterator();
    }, (i, doc) -> {
      if (it[0] == null || (it[0].docID() != doc && it[0].advance(doc) != doc)) {
        throw new IllegalStateException("document " + docs[i] + " has no vector");
      }
      float[] v = values[0].vectorValue(it[0].index());
      double dot = 0;
      for (int d = 0; d < v.length; d++) {
        dot += (double) v[d] * query[d];
      }
      out[i] = dot;
    });
    return out;
  }

  private interface LeafStart {
    void start(org.apache.lucene.index.LeafReaderContext leaf) throws IOException;
  }

  private interface DocVisit {
    void visit(int position, int docInLeaf) throws IOException;
  }

  /**
   * Visits {@code docs} (top-level doc ids, any order) segment by segment in increasing doc-id
   * order, as forward-only per-segment iterators need; {@code position} is the index in {@code docs}.
   */
  private static void inDocOrder(IndexSearcher searcher, int[] docs, LeafStart onLeaf, DocVisit visit) throws IOException {
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> docs[i]));
    List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    int base = 0;
    for (int i : order) {
      int leaf = org.apache.lucene.index.ReaderUtil.subIndex(docs[i], leaves);
      if (leaf != leafIndex) {
        leafIndex = leaf;
        base = leaves.get(leaf).docBase;
        onLeaf.start(leaves.get(leaf));
      }
      visit.visit(i, docs[i] - base);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    directory.close();
  }
}
