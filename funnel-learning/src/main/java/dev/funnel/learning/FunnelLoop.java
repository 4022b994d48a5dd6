package dev.funnel.learning;

import dev.funnel.serving.SearchFunnel;
import dev.funnel.serving.ServedRequest;
import dev.funnel.serving.RequestLedger;
import dev.funnel.serving.chain.RetrieveStage;

import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.DecisionLogWriter;
import dev.funnel.core.Item;
import dev.funnel.core.Retriever;
import dev.funnel.graph.GraphRetriever;
import dev.funnel.graph.RelatedItems;
import dev.funnel.memory.MemoryConfig;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.memory.MemoryRetriever;
import dev.funnel.memory.PredictedQueryGenerator;
import dev.funnel.query.QuConfig;
import dev.funnel.memory.QueryItemStats;
import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.memory.StructuredRetriever;
import dev.funnel.rank.FeaturePipeline;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.MemoryStats;
import dev.funnel.rank.RankerFile;
import dev.funnel.rank.RankingService;
import dev.funnel.rank.TrainingLogWriter;
import dev.funnel.rank.ReciprocalRankFusionRanker;
import dev.funnel.retrieval.CatalogIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One process's search loop, assembled from a catalog index: the {@link SearchFunnel} with the
 * index's strategies plus {@code memory}, {@code structured} and (with a graph model) {@code
 * graph}, the bandit, the ranking service, and the {@link FeedbackLoop} that learns from events.
 *
 * <p>State that survives restarts lives in the data directory: {@value #MEMORY_FILE} (memory
 * index snapshot), {@value #QU_FILE} (query understanding: catalog value counts and what clicks
 * taught it), {@value #BANDIT_FILE} (bandit state) and {@value #RANKER_FILE} (the current
 * LambdaMART model, when one was trained). {@link #open} loads them when present; {@link #save}
 * writes them atomically (each component's own crash-safe format), at close and, with {@link
 * #autosave}, periodically, with the event-log offsets the memory and query-understanding
 * snapshots hold ({@value #OFFSETS_FILE}); {@link #recover} replays the events after them at
 * start, so a crash loses none of their learning (the events themselves are in the durable event
 * log, written through {@link #journal}). Every bandit decision that received its reward is
 * appended to {@value #DECISION_LOG} with its context, action and propensity, the log that
 * {@code funnel eval ope --format funnel} evaluates new policies on; every response's items, with
 * their features as served and their positions, to {@value #TRAINING_LOG} ({@link
 * #startTrainingLog}), which {@code funnel train ranker --logs} joins with the event log. A bandit state saved with
 * another configuration (other strategies, policy or budgets) is set aside as {@code
 * bandit.json.previous} and a new bandit starts, saying so; a ranker trained on other features is
 * set aside as {@code ranker.json.previous} the same way. Without a ranker file the baseline
 * ranker is reciprocal-rank fusion of the strategies' ranks.
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
  /** Numeric item fields used as ranker features at most (the first in name order). */
  public static final int MAX_NUMERIC_FEATURES = 8;

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

  private FunnelLoop(SearchFunnel funnel, FeedbackLoop feedback, MemoryIndex memory, QueryUnderstanding understanding, Path dataDir,
      DecisionLogWriter decisionLog, boolean memoryLoaded, boolean quLoaded, long banditReplayFrom) {
    this.banditReplayFrom = banditReplayFrom;
    this.memoryLoaded = memoryLoaded;
    this.quLoaded = quLoaded;
    this.funnel = funnel;
    this.feedback = feedback;
    this.memory = memory;
    this.understanding = understanding;
    this.dataDir = dataDir;
    this.decisionLog = decisionLog;
  }

  /**
   * Assembles the loop.
   *
   * @param index the catalog index (its retrievers become strategies)
   * @param items the catalog (query understanding, predicted queries, numeric features)
   * @param catalog item lookup by id for serving (e.g. {@code index::item} or a map)
   * @param related BLADE related items for the {@code graph} strategy, or null
   * @param dataDir where state is loaded from and saved to, or null for none
   */
  public static FunnelLoop open(CatalogIndex index, List<Item> items, Function<String, Optional<Item>> catalog, RelatedItems related,
      Path dataDir, LoopOptions options) throws IOException {
    return open(index.retrievers(), structuredSearch(index), index.keywordFields(), items, catalog, related, dataDir, options, Clock.systemUTC());
  }

  /**
   * The {@code structured} strategy's search over {@code index}: one Lucene query with the
   * interpretation's filters as FILTER clauses and its boosts as SHOULD clauses ({@link
   * CatalogIndex#structured}).
   */
  public static StructuredRetriever.Search structuredSearch(CatalogIndex index) {
    return (q, k) -> index.structured(q.query(),
        q.boosts().stream().map(b -> new dev.funnel.retrieval.KeywordBoost(b.field(), b.value(), b.weight())).toList(), k);
  }

  /**
   * Assembles the loop over given catalog strategies (e.g. an index's retrievers wrapped by a
   * cache) and the {@code structured} strategy's search; {@code keywordFields} are the catalog's
   * keyword fields (ranker match features, facets); {@code clock} is the memory index's time
   * (simulations pass a simulated clock). Whatever was opened is closed when a later step fails.
   */
  public static FunnelLoop open(Map<String, Retriever> catalogStrategies, StructuredRetriever.Search structured, java.util.Set<String> keywordFields,
      List<Item> items, Function<String, Optional<Item>> catalog, RelatedItems related, Path dataDir, LoopOptions options, Clock clock)
      throws IOException {
    RequestLedger requests = new RequestLedger(REQUEST_LOG_CAPACITY, options.funnel().settleAfter());
    Path memFile = dataDir == null ? null : dataDir.resolve(MEMORY_FILE);
    MemoryIndex memory;
    if (memFile != null && Files.exists(memFile)) {
      memory = MemoryIndex.load(memFile, MemoryConfig.DEFAULT, requests, clock, options.bounds().memoryMaxPairs());
    } else {
      memory = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, requests, clock, options.bounds().memoryMaxPairs());
      if (options.predictedQueries()) {
        memory.addPredictions(new PredictedQueryGenerator(items, PredictedQueryGenerator.DEFAULT_MAX_PER_ITEM).generateAll(items));
      }
    }
    Path quFile = dataDir == null ? null : dataDir.resolve(QU_FILE);
    QueryUnderstanding qu = quFile != null && Files.exists(quFile)
        ? QueryUnderstanding.load(quFile, items, QuConfig.DEFAULT, requests, options.bounds().quMaxUnits())
        : new QueryUnderstanding(items, QuConfig.DEFAULT, requests, options.bounds().quMaxUnits());
    Map<String, Retriever> retrievers = new LinkedHashMap<>(catalogStrategies);
    retrievers.put(MemoryRetriever.NAME, new MemoryRetriever(memory, clock));
    if (!catalogStrategies.containsKey(RetrieveStage.SEED_STRATEGY)) {
      throw new dev.funnel.core.InvalidInputException("strategies", catalogStrategies.keySet(), "expected a " + RetrieveStage.SEED_STRATEGY + " strategy");
    }
    retrievers.put(StructuredRetriever.NAME, new StructuredRetriever(qu, structured));
    if (related != null) {
      retrievers.put(RelatedItems.STRATEGY, new GraphRetriever(related));
    }
    Path banditFile = dataDir == null ? null : dataDir.resolve(BANDIT_FILE);
    boolean banditLoaded = banditFile != null && Files.exists(banditFile);
    BanditService bandit = banditLoaded ? BanditService.load(banditFile) : new BanditService(options.bandit());
    // a loaded state replays the decisions logged after its save; a new one the whole log; a state set
    // aside below none (its log was learned under another configuration), nor one saved without a position
    long banditReplayFrom = banditLoaded ? bandit.savedDecisionLogLines() : 0;
    if (!sameLearningProblem(bandit.config(), options.bandit())) {
      banditReplayFrom = -1;
      Path previous = banditFile.resolveSibling(BANDIT_FILE + ".previous");
      Files.move(banditFile, previous, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      LOG.warn("the bandit state in " + banditFile + " was learned with another configuration "
          + "(strategies, budgets, policy or segments); it is kept as " + previous + " and a new bandit starts");
      bandit = new BanditService(options.bandit());
    }
    DecisionLogWriter decisionLog = dataDir == null ? null : new DecisionLogWriter(dataDir.resolve(DECISION_LOG));
    RankingService ranking = null;
    try {
      if (decisionLog != null) {
        bandit.logTo(decisionLog);
      }
      FeaturePipeline features = FeaturePipeline.standard(List.copyOf(new TreeSet<>(retrievers.keySet())), memoryStats(memory),
          numericFields(items), List.copyOf(new TreeSet<>(keywordFields)));
      ranking = new RankingService(features, new ReciprocalRankFusionRanker(features.schema(), ReciprocalRankFusionRanker.DEFAULT_K));
      Path rankerFile = dataDir == null ? null : dataDir.resolve(RANKER_FILE);
      if (rankerFile != null && Files.exists(rankerFile)) {
        dev.funnel.rank.LambdaMartRanker saved = RankerFile.read(rankerFile);
        if (saved.schema().equals(features.schema())) {
          ranking.swap(saved);
        } else {
          // trained on other features (another strategy set or catalog fields): set aside, like the bandit state
          saved.close();
          Path previous = rankerFile.resolveSibling(RANKER_FILE + ".previous");
          Files.move(rankerFile, previous, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          LOG.warn("the ranker in " + rankerFile + " was trained on other features (" + saved.schema().size()
              + " instead of " + features.schema().size() + "); it is kept as " + previous + " and the baseline ranks until the next retraining");
        }
      }
      SearchFunnel funnel = new SearchFunnel(retrievers, catalog, keywordFields, qu, bandit, ranking, requests, options.funnel());
      return new FunnelLoop(funnel, new FeedbackLoop(funnel, memory, qu), memory, qu, dataDir, decisionLog,
          memFile != null && Files.exists(memFile), quFile != null && Files.exists(quFile), decisionLog == null ? -1 : banditReplayFrom);
    } catch (IOException | RuntimeException | Error e) {
      // nothing opened here outlives a failed assembly
      if (ranking != null) {
        dev.funnel.rank.Ranker r = ranking.ranker();
        if (r instanceof LambdaMartRanker m) {
          m.close();
        }
      }
      if (decisionLog != null) {
        try {
          decisionLog.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Whether a saved bandit can go on learning under {@code wanted}: all but the seed equal. */
  static boolean sameLearningProblem(dev.funnel.bandit.BanditConfig saved, dev.funnel.bandit.BanditConfig wanted) {
    return saved.equals(new dev.funnel.bandit.BanditConfig(wanted.strategies(), wanted.budgets(), wanted.maxTotal(), wanted.maxStrategies(),
        wanted.intents(), wanted.segments(), wanted.policy(), wanted.costPenalty(), wanted.statsHalfLife(), saved.seed()));
  }

  /**
   * An in-memory item lookup over {@code items}: serving reads every candidate's item (features,
   * response fields), and a hash lookup costs well under a microsecond where an index lookup
   * (term query, stored fields, JSON) costs tens.
   */
  public static Function<String, Optional<Item>> lookup(List<Item> items) {
    Map<String, Item> byId = new HashMap<>(items.size() * 2);
    for (Item i : items) {
      byId.put(i.id(), i);
    }
    return id -> Optional.ofNullable(byId.get(id));
  }

  /** The memory index's decayed counts as the ranker's memory features (one code path with training). */
  static MemoryStats memoryStats(MemoryIndex memory) {
    return (query, itemId) -> {
      QueryItemStats s = memory.stats(query, itemId);
      return new MemoryStats.Counts(s.decayedImpressions(), s.decayedClicks(), s.decayedCarts(), s.decayedPurchases());
    };
  }

  static List<String> numericFields(List<Item> items) {
    TreeSet<String> names = new TreeSet<>();
    for (Item i : items) {
      names.addAll(i.numbers().keySet());
    }
    return names.stream().limit(MAX_NUMERIC_FEATURES).toList();
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
   * after {@link #open} and before serving.
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
