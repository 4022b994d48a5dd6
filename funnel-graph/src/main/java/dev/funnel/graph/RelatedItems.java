package dev.funnel.graph;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Related items of an item from a {@link GraphModel}: the items v with the highest
 * score(u -> v) = source(u) . target(v), found through a Lucene HNSW index over the target
 * embeddings (maximum inner product), the item itself excluded. Returned scores are the exact dot
 * products (recomputed from the embeddings), so every score can be explained. Built once,
 * thread-safe afterwards.
 */
public final class RelatedItems implements AutoCloseable {
  public static final String STRATEGY = "graph";
  private static final String FIELD = "target";
  private static final String NODE = "node";
  /**
   * HNSW candidates fetched per query: 2k + 1 (Lucene's k doubles as its beam width), so the
   * exact re-scoring sees a margin beyond the k returned; at least {@value #MIN_CANDIDATES}.
   */
  private static final int MIN_CANDIDATES = 20;

  private final GraphModel model;
  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  public RelatedItems(GraphModel model) {
    this.model = model;
    try {
      dir = new ByteBuffersDirectory();
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setRAMBufferSizeMB(256))) {
        DualEmbeddings e = model.embeddings();
        for (int v = 0; v < model.nodeCount(); v++) {
          Document d = new Document();
          d.add(new KnnFloatVectorField(FIELD, e.target(v), VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
          d.add(new NumericDocValuesField(NODE, v));
          w.addDocument(d);
        }
        w.forceMerge(1);
      }
      reader = DirectoryReader.open(dir);
      searcher = new IndexSearcher(reader);
    } catch (IOException ex) {
      throw new UncheckedIOException("building the related-items index", ex);
    }
  }

  public GraphModel model() {
    return model;
  }

  /**
   * Up to {@code k} related items of {@code itemId}, best first, with provenance strategy
   * {@value #STRATEGY}. Unknown item: {@link InvalidInputException} on field {@code item}.
   */
  public List<Candidate> related(String itemId, int k) {
    int u = model.indexOf(itemId);
    if (u < 0) {
      throw new InvalidInputException("item", itemId, "expected an item id known to the graph model");
    }
    if (k < 1) {
      throw new InvalidInputException("k", k, "expected an integer >= 1");
    }
    DualEmbeddings e = model.embeddings();
    float[] q = e.source(u);
    int fetch = Math.max(MIN_CANDIDATES, 2 * k + 1);
    try {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(FIELD, q, fetch), fetch);
      record Hit(int node, double score) {}
      List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
      List<LeafReaderContext> leaves = reader.leaves();
      for (ScoreDoc sd : top.scoreDocs) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        NumericDocValues nodes = leaf.reader().getNumericDocValues(NODE);
        if (nodes == null || !nodes.advanceExact(sd.doc - leaf.docBase)) {
          throw new IllegalStateException("related-items index lacks the node of doc " + sd.doc);
        }
        int v = (int) nodes.longValue();
        if (v != u) {
          hits.add(new Hit(v, e.score(u, v)));
        }
      }
      hits.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : Integer.compare(a.node(), b.node()));
      List<Candidate> out = new ArrayList<>(Math.min(k, hits.size()));
      for (int i = 0; i < hits.size() && i < k; i++) {
        out.add(Candidate.of(model.id(hits.get(i).node()), STRATEGY, hits.get(i).score(), i + 1));
      }
      return out;
    } catch (IOException ex) {
      throw new UncheckedIOException("searching the related-items index", ex);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
