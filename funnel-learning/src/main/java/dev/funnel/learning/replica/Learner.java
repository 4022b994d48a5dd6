package dev.funnel.learning.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.core.Event;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.RankerFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The learner of a replicated deployment: it reads the replicas' shared {@link ReplicaLog} in
 * order, applies every event to the memory index and query understanding and every rewarded
 * decision to the bandit ({@link dev.funnel.bandit.BanditService#learn}), and publishes the
 * learned state as a new {@link SnapshotStore} version, with the log positions it holds in
 * {@value #POSITIONS_FILE}. One thread reads, applies and publishes, so a snapshot holds exactly
 * the records before its positions.
 *
 * <p>Its state is rebuilt at start ({@link #prepare}): from the last published version plus the
 * records after its positions, or, without one, from the whole log. The ranker is not retrained
 * here (its training needs the features as served, which the replicas do not log): each version
 * carries the model file given to the learner ({@code --ranker}, re-read at every publication,
 * so a model trained offline is deployed by replacing that file), or the previous version's.
 */
public final class Learner implements AutoCloseable {
  public static final String POSITIONS_FILE = "positions.json";
  /** The envelope of {@value #POSITIONS_FILE}: a {@link ModelFile} whose payload holds the positions. */
  public static final ModelFile.Kind KIND = ModelFile.Kind.of("funnel-learner-positions", 2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FunnelLoop loop;
  private final ReplicaLog log;
  private final SnapshotStore store;
  private final ReplicaLog.Tail tail;
  private final Path ranker;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong withoutQuery = new AtomicLong();
  private final AtomicLong decisions = new AtomicLong();
  private final AtomicLong rejectedDecisions = new AtomicLong();
  private final AtomicLong publications = new AtomicLong();
  private volatile String lastPublished;
  private volatile String lastRejection;
  private long sincePublish;

  /**
   * A learner over {@code loop} (opened on the folder {@link #prepare} filled), reading {@code log}
   * from {@code from}, publishing to {@code store}, with the model file {@code ranker} (null: none).
   */
  public Learner(FunnelLoop loop, ReplicaLog log, SnapshotStore store, Map<String, Long> from, Path ranker) throws IOException {
    this.loop = loop;
    this.log = log;
    this.store = store;
    this.tail = log.tail(from);
    this.ranker = ranker;
  }

  /**
   * Empties {@code work} and links the current version's files into it (nothing without one);
   * returns the log positions that version holds (empty: read the log from the start).
   */
  public static Map<String, Long> prepare(SnapshotStore store, Path work) throws IOException {
    SnapshotStore.deleteTree(work);
    Files.createDirectories(work);
    Optional<SnapshotStore.Snapshot> s = store.current();
    if (s.isEmpty()) {
      return Map.of();
    }
    SnapshotStore.linkInto(s.get(), work);
    Files.deleteIfExists(work.resolve(FunnelLoop.OFFSETS_FILE));
    return positions(s.get().dir());
  }

  /** The positions recorded in a published folder (empty when it has none). */
  public static Map<String, Long> positions(Path folder) throws IOException {
    Path f = folder.resolve(POSITIONS_FILE);
    if (!Files.exists(f)) {
      return Map.of();
    }
    JsonNode n = ModelFile.readJson(f, KIND).payload();
    if (!n.path("positions").isObject()) {
      throw new InvalidInputException(f.toString(), "payload.positions", n.get("positions"), "expected an object of log positions");
    }
    Map<String, Long> out = new LinkedHashMap<>();
    n.get("positions").properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  /** Reads and applies one batch (waiting at most {@code wait} for one); returns the number of records applied. */
  public int step(Duration wait) throws IOException {
    ReplicaLog.Batch b = tail.poll(wait);
    for (Event e : b.events()) {
      if (e.query() == null) {
        withoutQuery.incrementAndGet();
      }
      loop.memory().accept(e);
      loop.understanding().accept(e);
    }
    for (LoggedDecision d : b.decisions()) {
      try {
        loop.funnel().bandit().learn(d);
        decisions.incrementAndGet();
      } catch (InvalidInputException ex) {
        rejectedDecisions.incrementAndGet();
        lastRejection = ex.getMessage();
      }
    }
    events.addAndGet(b.events().size());
    int n = b.events().size() + b.decisions().size();
    sincePublish += n;
    return n;
  }

  /** Applies records until the log has none left that existed at the call; returns how many. */
  public long catchUp() throws IOException {
    long n = 0;
    while (!tail.caughtUp()) {
      n += step(Duration.ofMillis(200));
    }
    return n + step(Duration.ZERO);
  }

  /** Publishes the state learned so far as a new version. */
  public SnapshotStore.Snapshot publish() throws IOException {
    Map<String, Long> at = tail.positions();
    SnapshotStore.Snapshot s = store.publish(folder -> {
      loop.memory().snapshot(folder.resolve(FunnelLoop.MEMORY_FILE));
      loop.understanding().snapshot(folder.resolve(FunnelLoop.QU_FILE));
      loop.funnel().bandit().save(folder.resolve(FunnelLoop.BANDIT_FILE));
      if (ranker != null && Files.exists(ranker)) {
        Files.copy(ranker, folder.resolve(FunnelLoop.RANKER_FILE), StandardCopyOption.REPLACE_EXISTING);
      } else {
        dev.funnel.rank.Ranker current = loop.funnel().ranking().acquire();
        try {
          if (current instanceof LambdaMartRanker r) {
            RankerFile.write(r, folder.resolve(FunnelLoop.RANKER_FILE));
          }
        } finally {
          current.release();
        }
      }
      ObjectNode n = JSON.createObjectNode();
      n.put("published_at", Instant.now().toString());
      n.put("log", log.describe());
      ObjectNode p = n.putObject("positions");
      at.forEach(p::put);
      n.put("events_applied", events.get());
      n.put("decisions_applied", decisions.get());
      ModelFile.writeJson(folder.resolve(POSITIONS_FILE), KIND, FileProvenance.ofState(log.describe(), Map.of()), n);
    });
    sincePublish = 0;
    publications.incrementAndGet();
    lastPublished = s.version();
    return s;
  }

  /**
   * Publishes at once, then reads and applies the log, publishing every {@code every} when
   * something new was applied, until {@code stop} says so; publishes a last time if needed.
   */
  public void run(Duration every, BooleanSupplier stop) throws IOException {
    publish();
    long next = System.nanoTime() + every.toNanos();
    while (!stop.getAsBoolean()) {
      step(Duration.ofMillis(Math.min(200, Math.max(1, every.toMillis()))));
      if (System.nanoTime() >= next) {
        if (sincePublish > 0) {
          publish();
        }
        next = System.nanoTime() + every.toNanos();
      }
    }
    if (sincePublish > 0) {
      publish();
    }
  }

  /** Counters for logs and tests. */
  public Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events_applied", events.get());
    m.put("events_without_query", withoutQuery.get());
    m.put("decisions_applied", decisions.get());
    m.put("decisions_rejected", rejectedDecisions.get());
    m.put("last_rejection", lastRejection);
    m.put("bandit_updates", loop.funnel().bandit().updates());
    m.put("memory_feedback_keys", loop.memory().feedbackKeys());
    m.put("publications", publications.get());
    m.put("last_published", lastPublished);
    m.put("positions", tail.positions());
    return m;
  }

  /** The loop being learned into (for inspection). */
  public FunnelLoop loop() {
    return loop;
  }

  @Override
  public void close() throws IOException {
    tail.close();
  }
}
