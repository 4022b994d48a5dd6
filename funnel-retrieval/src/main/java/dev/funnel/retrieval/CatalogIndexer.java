package dev.funnel.retrieval;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;

/**
 * Builds a new snapshot of a catalog index and publishes it atomically (see {@link Snapshots}).
 * Items are read in batches of {@link IndexConfig#embedBatchSize()}; {@link
 * IndexConfig#threads()} workers embed batches and build their Lucene documents concurrently, and
 * the calling thread adds the documents in input order, so the index does not depend on the
 * thread count or on scheduling (see {@link #write}). Any failure, including a malformed item,
 * deletes the half-built snapshot and leaves the previous one live.
 */
public final class CatalogIndexer {
  private final IndexConfig config;
  private final TextEmbedder embedder;
  private long repeated;

  /** An indexer; with vectors on, items are embedded by the shared default MiniLM model. */
  public CatalogIndexer(IndexConfig config) {
    this(config, config.vectors() ? MiniLmEmbedder.shared() : null);
  }

  /** An indexer with a given embedder ({@code null} only when vectors are off). */
  public CatalogIndexer(IndexConfig config, TextEmbedder embedder) {
    if (config.vectors() && embedder == null) {
      throw new InvalidInputException("embedder", null, "expected an embedding model when vectors are on");
    }
    this.config = config;
    this.embedder = config.vectors() ? embedder : null;
  }

  /**
   * Indexes every item into a new snapshot under {@code dir} and makes it live.
   *
   * @param expected number of items for the progress bar ({@code <= 0}: unknown, no bar)
   * @param source free-form description recorded in the metadata (input, format, mapping)
   */
  public IndexMetadata build(Path dir, Iterator<Item> items, long expected, Map<String, String> source) throws IOException {
    Path snapshot = Snapshots.create(dir);
    boolean published = false;
    try {
      long count = write(snapshot, items, expected);
      IndexMetadata meta = new IndexMetadata(
          IndexMetadata.FORMAT_VERSION,
          Instant.now().toString(),
          count,
          config,
          embedder == null ? null : embedder.name(),
          embedder == null ? 0 : embedder.dimensions(),
          Version.LATEST.toString(),
          source);
      meta.write(snapshot);
      Snapshots.publish(dir, snapshot);
      published = true;
      return meta;
    } finally {
      if (!published) {
        Snapshots.discard(snapshot);
      }
    }
  }

  private long write(Path snapshot, Iterator<Item> items, long expected) throws IOException {
    IndexWriterConfig iwc = new IndexWriterConfig(new SearchAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setSimilarity(new BM25Similarity())
        // Deterministic segments: flushed by document count, never by RAM or by thread timing,
        // merged on this thread only, then forced to one segment. With documents added in input
        // order by one thread, the same catalog and settings give the same index (doc ids, postings
        // and HNSW graph: Lucene's graph builder draws levels from its fixed seed).
        .setMaxBufferedDocs(config.flushDocs())
        .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
        .setMergeScheduler(new SerialMergeScheduler())
        .setMergePolicy(new LogDocMergePolicy())
        .setUseCompoundFile(false)
        .setCommitOnClose(false);
    Set<String> seen = new HashSet<>();
    repeated = 0;
    ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(r, "funnel-indexer");
      t.setDaemon(true);
      return t;
    });
    // Workers embed batches and build their documents; this thread adds them in input order.
    ArrayDeque<Future<List<Document>>> inFlight = new ArrayDeque<>();
    ArrayDeque<Set<String>> repeatsInFlight = new ArrayDeque<>();
    int window = config.threads() * 2;
    long count = 0;
    try (FSDirectory directory = FSDirectory.open(snapshot);
        IndexWriter writer = new IndexWriter(directory, iwc);
        Progress progress = new Progress("indexing", expected)) {
      try {
        while (items.hasNext()) {
          List<Item> batch = new ArrayList<>(config.embedBatchSize());
          Set<String> repeats = new HashSet<>();
          while (batch.size() < config.embedBatchSize() && items.hasNext()) {
            Item item = items.next();
            if (!seen.add(item.id())) {
              // a repeated id updates the item: the last record wins (its document replaces the earlier one)
              repeats.add(item.id());
              repeated++;
            }
            batch.add(item);
          }
          count += batch.size();
          inFlight.add(pool.submit(() -> documents(batch)));
          repeatsInFlight.add(repeats);
          while (inFlight.size() >= window || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
            add(writer, await(inFlight.poll()), repeatsInFlight.poll(), progress);
          }
        }
        while (!inFlight.isEmpty()) {
          add(writer, await(inFlight.poll()), repeatsInFlight.poll(), progress);
        }
      } finally {
        inFlight.forEach(f -> f.cancel(true));
        pool.shutdownNow();
        awaitTermination(pool);
      }
      writer.forceMerge(1);
      writer.setLiveCommitData(Map.of("funnel.format", Integer.toString(IndexMetadata.FORMAT_VERSION)).entrySet());
      writer.commit();
    }
    return count - repeated;
  }

  /**
   * Adds documents in input order; a document whose id was seen before replaces the earlier one
   * (the final merge drops the replaced document, so the index holds each id once).
   */
  private static void add(IndexWriter writer, List<Document> docs, Set<String> repeats, Progress progress) throws IOException {
    for (Document d : docs) {
      String id = d.get(Fields.ID);
      if (repeats.contains(id)) {
        writer.updateDocument(new org.apache.lucene.index.Term(Fields.ID, id), d);
      } else {
        writer.addDocument(d);
      }
    }
    progress.advance(docs.size());
  }

  /**
   * Records of the last {@link #build} that repeated an earlier record's id and so replaced it
   * (the last one wins); the built index holds each id once.
   */
  public long repeatedIds() {
    return repeated;
  }

  /** Lucene documents of {@code batch}, embedded in one call (shared with in-place item updates). */
  List<Document> documents(List<Item> batch) {
    List<String> texts = batch.stream().map(this::searchText).toList();
    float[][] vectors = embedder == null ? null : embedder.embed(texts);
    List<Document> docs = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      docs.add(document(batch.get(i), texts.get(i), vectors == null ? null : vectors[i]));
    }
    return docs;
  }

  /** The searchable text: the configured text fields in order, or all of them. */
  String searchText(Item item) {
    if (config.textFields().isEmpty()) {
      return item.allText();
    }
    List<String> parts = new ArrayList<>();
    for (String f : config.textFields()) {
      String v = item.text().get(f);
      if (v != null) {
        parts.add(v);
      }
    }
    return String.join("\n", parts);
  }

  private Document document(Item item, String text, float[] vector) {
    Document doc = new Document();
    // The id is indexed (lookups, updates) and kept as sorted doc values (tie-breaks, result ids);
    // it is not stored: the stored item JSON holds it, and nothing reads a stored id.
    doc.add(new StringField(Fields.ID, item.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(item.id())));
    doc.add(new Field(Fields.TEXT, text, Fields.TEXT_TYPE));
    doc.add(new StoredField(Fields.ITEM, ItemJson.write(item)));
    item.keywords().forEach((field, values) -> {
      for (String v : values) {
        doc.add(new StringField(Fields.keyword(field), v, Field.Store.NO));
      }
    });
    item.numbers().forEach((field, v) -> doc.add(new DoubleDocValuesField(Fields.number(field), v)));
    if (config.popularityField() != null) {
      double pop = item.number(config.popularityField(), 0);
      if (pop > 0) {
        // FeatureField keeps 9 significant bits (relative error < 0.4%); values beyond its range are capped.
        doc.add(new FeatureField(Fields.FEATURES, Fields.POPULARITY_FEATURE, (float) Math.min(pop, 1e30)));
      }
    }
    if (vector != null) {
      doc.add(new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    }
    return doc;
  }

  private static void awaitTermination(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("indexing threads did not stop within 10 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("indexing interrupted", e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("indexing interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException("indexing failed: " + c, c);
    }
  }
}
