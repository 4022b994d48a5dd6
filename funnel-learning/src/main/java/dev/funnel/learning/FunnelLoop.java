package dev.funnel.learning;

import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.DecisionLogWriter;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.RankerFile;
import dev.funnel.rank.RankingService;
import dev.funnel.rank.TrainingLogWriter;
import dev.funnel.serving.RequestLedger;
import dev.funnel.serving.SearchFunnel;
import dev.funnel.serving.ServedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One process's search loop: the {@link SearchFunnel} (the index's strategies plus {@code
 * memory}, {@code structured} and, with a graph model, {@code graph}; the bandit; the ranking
 * service) and the {@link FeedbackLoop} that learns from events, with the files that keep what
 * was learned. It is assembled by the loop's assembly ({@code dev.funnel.assembly.LoopAssembly},
 * module funnel-assembly), which loads the state below when present, sets aside a bandit state
 * or ranker of another configuration, and closes what it opened when a step fails.
 *
 * <p>State that survives restarts lives in the data directory: {@value #MEMORY_FILE} (memory
 * index snapshot), {@value #QU_FILE} (query understanding: catalog value counts and what clicks
 * taught it), {@value #BANDIT_FILE} (bandit state) and {@value #RANKER_FILE} (the current
 * LambdaMART model, when one was trained). {@link #save} writes them atomically (each
 * component's own crash-safe format), at close and, with {@link #autosave}, periodically, with
 * the event-log offsets the memory and query-understanding snapshots hold ({@value
 * #OFFSETS_FILE}); {@link #recover} replays the events after them at start, so a crash loses none
 * of their learning (the events themselves are in the durable event log, written through {@link
 * #journal}). Every bandit decision that received its reward is appended to {@value
 * #DECISION_LOG} with its context, action and propensity, the log that {@code funnel eval ope
 * --format funnel} evaluates new policies on; every response's items, with their features as
 * served and their positions, to {@value #TRAINING_LOG} ({@link #startTrainingLog}), which {@code
 * funnel train ranker --logs} joins with the event log.
 */
public final class FunnelLoop implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FunnelLoop.class);
  public static final String MEMORY_FILE = "memory.snap";
  public static final String BANDIT_FILE = "bandit.json";
  public static final String RANKER_FILE = "ranker.json";
  public static final String QU_FILE = "qu.snap";
  public static final String DECISION_LOG = "decisions.jsonl";
  public static final String TRAINING_LOG = "training.log";
  public static final String OFFSETS_FILE = "offsets.json";
  /** Served requests remembered for joining events: the ledger's one bound ({@link RequestLedger#DEFAULT_CAPACITY}). */
  public static final int REQUEST_LOG_CAPACITY = RequestLedger.DEFAULT_CAPACITY;

  private final SearchFunnel funnel;
  private final FeedbackLoop feedback;
  private final MemoryIndex memory;
  private final QueryUnderstanding understanding;
  private final Path dataDir;
  private final DecisionLogWriter decisionLog;
  private volatile TrainingLogWriter trainingLog;
  private volatile TrainingLogMode trainingLogMode = TrainingLogMode.OFF;
  private ScheduledExecutorService autosaver;
  /** Events are stored and applied under its read lock; a save takes its write lock, so a snapshot sits between two events of the log. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock applying = new java.util.concurrent.locks.ReentrantReadWriteLock();
  private volatile dev.funnel.core.EventLog journaled;
  private final boolean memoryLoaded;
  private final boolean quLoaded;
  /** The first line of {@value #DECISION_LOG} the bandit has not learned, or -1 when none is to be replayed. */
  private final long banditReplayFrom;

  /**
   * Which served requests go to {@value #TRAINING_LOG}: every one ({@code ALL}, about 0.4 kB per
   * shown item), those that received a click, cart or purchase ({@code ENGAGED}: the only ones
   * that give LambdaMART pairs, written when their first engagement arrives), or none.
   */
  public enum TrainingLogMode { ALL, ENGAGED, OFF }

  /**
   * What the state directory held when the loop was opened: whether the memory index and query
   * understanding were loaded from their snapshots (without offsets, a loaded snapshot holds the
   * whole event log), and the first line of {@value #DECISION_LOG} the bandit has not learned (-1
   * when none is to be replayed).
   */
  public record Restored(boolean memory, boolean qu, long banditReplayFrom) {}

  /**
   * The loop over an assembled funnel and the feedback loop that learns into it (the loop's
   * assembly, {@code dev.funnel.assembly.LoopAssembly}, builds both from a state directory).
   *
   * @param dataDir the state directory, or null for none (nothing is saved)
   * @param decisionLog the writer of {@value #DECISION_LOG} the bandit logs to, or null; closed with the loop
   * @param restored what {@code dataDir} held at opening
   */
  public FunnelLoop(SearchFunnel funnel, FeedbackLoop feedback, MemoryIndex memory, QueryUnderstanding understanding, Path dataDir,
      DecisionLogWriter decisionLog, Restored restored) {
    this.banditReplayFrom = decisionLog == null ? -1 : restored.banditReplayFrom();
    this.memoryLoaded = restored.memory();
    this.quLoaded = restored.qu();
    this.funnel = funnel;
    this.feedback = feedback;
    this.memory = memory;
    this.understanding = understanding;
    this.dataDir = dataDir;
    this.decisionLog = decisionLog;
  }

  public SearchFunnel funnel() {
    return funnel;
  }

  public FeedbackLoop feedback() {
    return feedback;
  }

  public MemoryIndex memory() {
    return memory;
  }

  public QueryUnderstanding understanding() {
    return understanding;
  }

  /**
   * Starts appending served requests to {@value #TRAINING_LOG} in the data directory (no-op
   * without one, or when already started). In {@code ENGAGED} mode, feed the stored events to
   * {@link #logEngaged}.
   */
  public synchronized void startTrainingLog(TrainingLogMode mode) throws IOException {
    if (dataDir == null || mode == TrainingLogMode.OFF || trainingLog != null) {
      return;
    }
    trainingLog = TrainingLogWriter.open(dataDir.resolve(TRAINING_LOG), funnel.ranking().schema());
    trainingLogMode = mode;
    if (mode == TrainingLogMode.ALL) {
      funnel.onServed(this::writeTraining);
    }
  }

  /** {@code ENGAGED} mode: writes each served request once, when an event first engages it. */
  public void logEngaged(List<dev.funnel.core.Event> events) {
    if (trainingLogMode != TrainingLogMode.ENGAGED) {
      return;
    }
    for (dev.funnel.core.Event e : events) {
      if (e.type() != dev.funnel.core.EventType.IMPRESSION) {
        funnel.ledger().markTrainingLogged(e.requestId()).ifPresent(this::writeTraining);
      }
    }
  }

  private void writeTraining(ServedRequest r) {
    trainingLog.append(RankingService.logForTraining(r.requestId(), r.query(), r.items(), r.offset() + 1));
  }

  /**
   * Saves the state every {@code period} from now on, in a background thread (errors are
   * reported on standard error and the next period tries again). Closing the loop stops it.
   */
  public synchronized void autosave(java.time.Duration period) {
    if (dataDir == null || autosaver != null) {
      return;
    }
    autosaver = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "funnel-autosave");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(1, period.toMillis());
    autosaver.scheduleWithFixedDelay(() -> {
      try {
        save();
      } catch (IOException | RuntimeException e) {
        LOG.warn("saving the loop state failed (retrying in " + period + "): " + e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Writes the memory snapshot, query understanding, the bandit state and the current LambdaMART
   * model (if any) to the data directory. With a {@link #journal}, no event is applied while the
   * memory and query-understanding snapshots are written, and {@value #OFFSETS_FILE} records, after
   * each of them, how many events of the log it holds, so {@link #recover} replays exactly the
   * rest, even after a crash between two snapshots.
   */
  public synchronized void save() throws IOException {
    if (dataDir == null) {
      return;
    }
    Files.createDirectories(dataDir);
    dev.funnel.core.EventLog log = journaled;
    if (log == null) {
      memory.snapshot(dataDir.resolve(MEMORY_FILE));
      understanding.snapshot(dataDir.resolve(QU_FILE));
    } else {
      applying.writeLock().lock();
      try {
        long at = log.size();
        Offsets before = Offsets.read(dataDir.resolve(OFFSETS_FILE));
        memory.snapshot(dataDir.resolve(MEMORY_FILE));
        new Offsets(at, before == null ? 0 : before.qu()).write(dataDir.resolve(OFFSETS_FILE));
        understanding.snapshot(dataDir.resolve(QU_FILE));
        new Offsets(at, at).write(dataDir.resolve(OFFSETS_FILE));
      } finally {
        applying.writeLock().unlock();
      }
    }
    funnel.bandit().save(dataDir.resolve(BANDIT_FILE), decisionLog == null ? () -> -1 : decisionLog::lines);
    dev.funnel.rank.Ranker current = funnel.ranking().acquire();
    try {
      if (current instanceof LambdaMartRanker r) {
        RankerFile.write(r, dataDir.resolve(RANKER_FILE));
      }
    } finally {
      current.release();
    }
  }

  /** How many events of the log the memory and query-understanding snapshots hold. */
  record Offsets(long memory, long qu) {
    static final dev.funnel.core.io.ModelFile.Kind KIND = dev.funnel.core.io.ModelFile.Kind.of("funnel-loop-offsets", 2);

    void write(Path file) throws IOException {
      var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      n.put("memory", memory);
      n.put("qu", qu);
      dev.funnel.core.io.ModelFile.writeJson(file, KIND, dev.funnel.core.io.FileProvenance.ofState("the event log", Map.of()), n);
    }

    /** The offsets in {@code file}, or null when there is none. */
    static Offsets read(Path file) throws IOException {
      if (!Files.exists(file)) {
        return null;
      }
      com.fasterxml.jackson.databind.JsonNode n = dev.funnel.core.io.ModelFile.readJson(file, KIND).payload();
      if (!n.path("memory").canConvertToLong() || !n.path("qu").canConvertToLong()) {
        throw new dev.funnel.core.InvalidInputException(file.toString(), "payload", n, "expected memory and qu offsets");
      }
      return new Offsets(n.get("memory").asLong(), n.get("qu").asLong());
    }
  }

  /**
   * The event log through which this loop learns: appending to it first writes the training-log
   * lines of newly engaged requests (so an event on disk always finds its request's query and
   * features after a crash), then stores the events durably and applies them to the memory index,
   * query understanding, bandit and ranker, all under a lock that {@link #save} excludes. Pass it
   * to the events API instead of registering the loop as a listener.
   */
  public dev.funnel.core.EventLog journal(dev.funnel.core.EventLog log) {
    journaled = log;
    return new dev.funnel.core.EventLog() {
      @Override
      public void append(List<dev.funnel.core.Event> events) throws IOException {
        logEngaged(events);
        applying.readLock().lock();
        try {
          log.append(events);
          feedback.accept(events);
        } finally {
          applying.readLock().unlock();
        }
      }

      @Override
      public void scan(java.util.function.Consumer<dev.funnel.core.Event> sink) throws IOException {
        log.scan(sink);
      }

      @Override
      public long size() {
        return log.size();
      }

      @Override
      public void close() throws IOException {
        log.close();
      }
    };
  }

  /**
   * Replays into the memory index and query understanding the events of {@code log} that their
   * snapshots do not hold (after their offsets in {@value #OFFSETS_FILE}; all of them when there is
   * no snapshot; none for a snapshot saved before offsets were recorded), and rebuilds the ranker's
   * training window from {@value #TRAINING_LOG} and the log's events. An event without its own
   * query takes its request's query from the training log; events of requests found in neither
   * (impressions of requests nobody engaged with, in {@code engaged} training-log mode) cannot be
   * replayed and are counted. The bandit learns ({@link BanditService#learn}) the decisions of
   * {@value #DECISION_LOG} after the line its saved state holds (the whole log for a new bandit):
   * every rewarded decision is learned exactly once, its policy update and its credit shares into
   * the strategy statistics, in log order, so the statistics equal the uninterrupted run's (lines
   * of the earlier log format, without shares, update the policy only and are counted). Call it
   * after the loop is assembled and before serving.
   */
  public Map<String, Object> recover(dev.funnel.core.EventLog log) throws IOException {
    long started = System.nanoTime();
    Offsets saved = dataDir == null ? null : Offsets.read(dataDir.resolve(OFFSETS_FILE));
    long total = log.size();
    long memoryFrom = saved != null ? saved.memory() : (memoryLoaded ? total : 0);
    long quFrom = saved != null ? saved.qu() : (quLoaded ? total : 0);
    // the training log: each request's query, and the shown items of the most recent requests
    Map<String, String> queries = new HashMap<>();
    LinkedHashMap<String, List<dev.funnel.rank.TrainingRecord>> window = new LinkedHashMap<>();
    Path training = dataDir == null ? null : dataDir.resolve(TRAINING_LOG);
    boolean sameSchema = false;
    if (training != null && Files.exists(training) && Files.size(training) > 0) {
      dev.funnel.rank.TrainingLog t = dev.funnel.rank.TrainingLog.read(training);
      sameSchema = t.schema().equals(funnel.ranking().schema());
      int capacity = funnel.config().trainingWindow();
      for (dev.funnel.rank.TrainingRecord r : t.records()) {
        queries.put(r.requestId(), r.query());
        if (sameSchema) {
          List<dev.funnel.rank.TrainingRecord> rs = window.remove(r.requestId());
          if (rs == null) {
            rs = new ArrayList<>();
          }
          rs.add(r);
          window.put(r.requestId(), rs);
          if (window.size() > capacity) {
            window.remove(window.keySet().iterator().next());
          }
        }
      }
    }
    Map<String, List<dev.funnel.core.Event>> windowEvents = new HashMap<>();
    long[] counts = new long[4]; // memory, qu, without a query, scanned
    applying.writeLock().lock();
    try {
      log.scan(e -> {
        long i = counts[3]++;
        if (window.containsKey(e.requestId())) {
          windowEvents.computeIfAbsent(e.requestId(), x -> new ArrayList<>()).add(e);
        }
        if (i < memoryFrom && i < quFrom) {
          return;
        }
        dev.funnel.core.Event q = e;
        if (e.query() == null) {
          String text = queries.get(e.requestId());
          if (text == null) {
            counts[2]++;
            return;
          }
          q = new dev.funnel.core.Event(e.type(), e.requestId(), e.itemId(), e.position(), e.timestamp(), e.userId(), e.sessionId(), text);
        }
        if (i >= memoryFrom) {
          memory.accept(q);
          counts[0]++;
        }
        if (i >= quFrom) {
          understanding.accept(q);
          counts[1]++;
        }
      });
      window.forEach((id, rs) -> {
        rs.sort(java.util.Comparator.comparingInt(dev.funnel.rank.TrainingRecord::position));
        feedback.restoreShown(rs, windowEvents.getOrDefault(id, List.of()));
      });
    } finally {
      applying.writeLock().unlock();
    }
    long[] bandit = replayBandit();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events_in_log", total);
    m.put("memory_replayed", counts[0]);
    m.put("qu_replayed", counts[1]);
    m.put("without_query", counts[2]);
    m.put("bandit_replayed", bandit[0]);
    m.put("bandit_unreadable_lines", bandit[1]);
    m.put("bandit_replayed_without_shares", bandit[2]);
    m.put("training_window_requests", feedback.trainingWindowSize());
    m.put("training_log_schema_matches", training != null && Files.exists(training) ? sameSchema : null);
    m.put("seconds", (System.nanoTime() - started) / 1e9);
    return m;
  }

  /**
   * Learns the decisions logged after the bandit's saved position: {learned, unreadable lines,
   * learned without credit shares}. A line cut by a crash, or one whose action is outside this
   * bandit's action space, is counted and skipped; a line of the earlier format (no shares) is
   * learned by the policy only, and counted.
   */
  private long[] replayBandit() throws IOException {
    long[] counts = new long[3];
    Path file = dataDir == null ? null : dataDir.resolve(DECISION_LOG);
    if (banditReplayFrom < 0 || file == null || !Files.exists(file)) {
      return counts;
    }
    BanditService bandit = funnel.bandit();
    try (java.io.BufferedReader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
      long n = 0;
      for (String line; (line = r.readLine()) != null; ) {
        if (n++ < banditReplayFrom || line.isBlank()) {
          continue;
        }
        try {
          dev.funnel.bandit.LoggedDecision d = dev.funnel.bandit.ope.FunnelLog.parseLine(line, file + ":" + n);
          bandit.learn(d);
          counts[0]++;
          counts[2] += d.shares() == null ? 1 : 0;
        } catch (dev.funnel.core.InvalidInputException e) {
          counts[1]++;
          LOG.warn("skipping decision log line " + n + " at recovery: " + e.getMessage());
        }
      }
    }
    return counts;
  }

  /** Counters for health and stats endpoints. */
  public Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests_logged", funnel.ledger().size());
    m.put("bandit_policy", funnel.bandit().config().policy().name());
    m.put("bandit_decisions", funnel.bandit().decisions());
    m.put("bandit_updates", funnel.bandit().updates());
    m.put("awaiting_reward", feedback.awaitingReward());
    m.put("feedback_events", feedback.feedbackEvents());
    m.put("unknown_request_events", feedback.unknownRequestEvents());
    m.put("ranker", funnel.ranking().ranker().name());
    m.put("retrainings", feedback.retrainings());
    m.put("failed_retrainings", feedback.failedRetrainings());
    m.put("last_training_error", feedback.lastTrainingError());
    m.put("last_retraining", feedback.lastRetraining());
    m.put("refused_retrainings", feedback.refusedRetrainings());
    m.put("last_retraining_refusal", feedback.lastRefusal());
    m.put("next_retraining_after_feedback_events", feedback.retrainInterval());
    m.put("memory_feedback_keys", memory.feedbackKeys());
    m.put("memory_feedback_pairs", memory.feedbackPairs());
    m.put("memory_max_pairs", memory.maxPairs());
    m.put("memory_evicted_pairs", memory.evictedPairs());
    m.put("qu_click_units", understanding.clickUnits());
    m.put("qu_max_units", understanding.maxUnits());
    m.put("qu_evicted_units", understanding.evictedUnits());
    return m;
  }

  /** Stops retraining and saves the state. */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (autosaver != null) {
        autosaver.shutdownNow();
      }
    }
    feedback.close();
    save();
    if (decisionLog != null) {
      decisionLog.close();
    }
    synchronized (this) {
      if (trainingLog != null) {
        trainingLog.close();
      }
    }
  }
}
