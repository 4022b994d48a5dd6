package dev.funnel.retrieval;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;

/**
 * Item updates of a live {@link CatalogIndex} without a reindex. A batch is turned into Lucene
 * documents first (the snapshot's own text fields, keyword and numeric fields, popularity and
 * embedding model, through {@link CatalogIndexer}'s document code), then, under one lock, written
 * to the {@link ItemJournal} and forced to disk, then applied to an {@link IndexWriter} open on the
 * snapshot ({@code updateDocument} by id, {@code deleteDocuments} by id); before {@link #apply}
 * returns, the index's searchers move to a near-real-time reader that holds the batch (deletes
 * applied). So an acknowledged batch is durable and searchable by every strategy, dense included.
 *
 * <p>The writer commits every {@code commitEvery} and at {@link #close}, recording in the commit's
 * user data ({@value #APPLIED_KEY}) how many journal records it holds. {@link #open} replays the
 * journal records after the last commit, so a crash (even {@code kill -9} right after an
 * acknowledgement) loses no acknowledged update; Lucene commits are atomic, so a crash mid-write
 * leaves the last commit intact, and a torn journal tail (never acknowledged) is cut off. The
 * writer is opened at the first update (or replay), so a process that never updates items holds no
 * write lock and leaves the built snapshot untouched.
 */
public final class IndexUpdater implements AutoCloseable {
  /** Commit user-data key: journal records that the commit holds. */
  public static final String APPLIED_KEY = "funnel.item_updates.applied";
  /** Default period between commits: replay after a crash then re-embeds at most this much traffic. */
  public static final Duration DEFAULT_COMMIT_EVERY = Duration.ofSeconds(30);

  private final CatalogIndex index;
  private final ItemJournal journal;
  private final CatalogIndexer documents;
  private final Duration commitEvery;
  private final Map<String, Object> recovery = new LinkedHashMap<>();
  private IndexWriter writer;
  private ScheduledExecutorService committer;
  private long applied;
  private long committed;
  private long commits;
  private volatile String lastCommitError;

  private IndexUpdater(CatalogIndex index, ItemJournal journal, Duration commitEvery, long committed) {
    this.index = index;
    this.journal = journal;
    this.documents = new CatalogIndexer(index.metadata().config().withThreads(1), index.embedder());
    this.commitEvery = commitEvery;
    this.committed = committed;
    this.applied = committed;
  }

  /**
   * Opens the updater of {@code index}'s live snapshot and replays the journal records after the
   * last commit (with a writer, then commits). {@code commitEvery} must be positive.
   */
  public static IndexUpdater open(CatalogIndex index, Duration commitEvery) throws IOException {
    if (commitEvery == null || commitEvery.isNegative() || commitEvery.isZero()) {
      throw new InvalidInputException("commit_every", commitEvery, "expected a positive duration");
    }
    long started = System.nanoTime();
    ItemJournal journal = ItemJournal.open(index.snapshot());
    long committed = committedRecords(index);
    IndexUpdater u = new IndexUpdater(index, journal, commitEvery, Math.min(committed, journal.size()));
    long[] replayed = {0, 0};
    if (journal.size() > u.committed) {
      synchronized (u) {
        u.ensureWriter();
        journal.scan(u.committed, (record, batch) -> {
          u.write(batch, u.documents(batch));
          u.applied = record + 1;
          replayed[0]++;
          replayed[1] += batch.size();
        });
        u.commit();
      }
      index.refresh();
    }
    u.recovery.put("journal_records", journal.size());
    u.recovery.put("committed_records", committed);
    u.recovery.put("replayed_records", replayed[0]);
    u.recovery.put("replayed_updates", replayed[1]);
    u.recovery.put("torn_bytes_cut", journal.recoveredBytes());
    u.recovery.put("seconds", (System.nanoTime() - started) / 1e9);
    return u;
  }

  private static long committedRecords(CatalogIndex index) throws IOException {
    String v = SegmentInfos.readLatestCommit(index.directory()).getUserData().get(APPLIED_KEY);
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(index.snapshot().toString(), APPLIED_KEY, v, "expected a number of journal records");
    }
  }

  public CatalogIndex index() {
    return index;
  }

  /** The journal (every accepted batch since the snapshot was built). */
  public ItemJournal journal() {
    return journal;
  }

  /** What {@link #open} found and replayed. */
  public Map<String, Object> recovery() {
    return Map.copyOf(recovery);
  }

  /**
   * Applies one batch durably (see the class documentation) and returns the journal's record
   * count after it. Within a batch, a later update of the same id wins. Invalid batches (empty)
   * fail before anything is written; a failure of the embedding model writes nothing either.
   */
  public long apply(List<ItemUpdate> batch) throws IOException {
    return apply(batch, b -> { });
  }

  /**
   * As {@link #apply(List)}, then calls {@code applied} with the batch while still holding the
   * lock that orders batches, so listeners (the served catalog, query understanding) see batches
   * in the order of the journal and the index, even when two requests update the same item.
   */
  public long apply(List<ItemUpdate> batch, java.util.function.Consumer<List<ItemUpdate>> then) throws IOException {
    if (batch == null || batch.isEmpty()) {
      throw new InvalidInputException("items", "[]", "expected at least one item update");
    }
    List<Document> docs = documents(batch); // the slow part (embedding), outside the lock
    synchronized (this) {
      ensureWriter();
      long records = journal.append(batch);
      write(batch, docs);
      applied = records;
      index.refresh();
      then.accept(batch);
      return records;
    }
  }

  /** Commits the writer when it holds updates that the last commit does not. */
  public synchronized void commit() throws IOException {
    if (writer == null || applied == committed && !writer.hasUncommittedChanges()) {
      return;
    }
    Map<String, String> data = new HashMap<>();
    SegmentInfos last = SegmentInfos.readLatestCommit(index.directory());
    data.putAll(last.getUserData());
    data.put(APPLIED_KEY, Long.toString(applied));
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
    committed = applied;
    commits++;
  }

  /** Counters for health endpoints. */
  public synchronized Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("journal_records", journal.size());
    m.put("applied_records", applied);
    m.put("committed_records", committed);
    m.put("commits", commits);
    m.put("commit_every_ms", commitEvery.toMillis());
    m.put("writer_open", writer != null);
    m.put("last_commit_error", lastCommitError);
    m.put("recovery", recovery);
    return m;
  }

  private List<Document> documents(List<ItemUpdate> batch) {
    List<Item> puts = new ArrayList<>();
    for (ItemUpdate u : batch) {
      if (!u.isDelete()) {
        puts.add(u.item());
      }
    }
    return puts.isEmpty() ? List.of() : documents.documents(puts);
  }

  private void write(List<ItemUpdate> batch, List<Document> docs) throws IOException {
    int next = 0;
    for (ItemUpdate u : batch) {
      Term id = new Term(Fields.ID, u.id());
      if (u.isDelete()) {
        writer.deleteDocuments(id);
      } else {
        writer.updateDocument(id, docs.get(next++));
        u.item().keywords().keySet().forEach(index::addKeywordField);
        u.item().numbers().keySet().forEach(index::addNumericField);
      }
    }
  }

  private void ensureWriter() throws IOException {
    if (writer != null) {
      return;
    }
    IndexWriterConfig iwc = new IndexWriterConfig(new SearchAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
        .setUseCompoundFile(false)
        .setCommitOnClose(false);
    writer = new IndexWriter(index.directory(), iwc);
    index.attachWriter(writer);
    committer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "funnel-item-commit");
      t.setDaemon(true);
      return t;
    });
    long ms = commitEvery.toMillis();
    committer.scheduleWithFixedDelay(() -> {
      try {
        commit();
        lastCommitError = null;
      } catch (IOException | RuntimeException e) {
        lastCommitError = e.toString(); // the journal still holds the updates; the next period retries
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Commits and closes the writer and the journal. */
  @Override
  public void close() throws IOException {
    ScheduledExecutorService c;
    synchronized (this) {
      c = committer;
    }
    if (c != null) {
      c.shutdownNow();
    }
    synchronized (this) {
      try {
        if (writer != null) {
          commit();
          writer.close();
        }
      } finally {
        journal.close();
      }
    }
  }
}
