package dev.funnel.learning;

import dev.funnel.serving.SearchFunnel;
import dev.funnel.serving.ServedRequest;
import dev.funnel.serving.FunnelConfig;

import dev.funnel.bandit.RewardAttribution;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.serving.RequestLedger;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.rank.LabelGrades;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.LambdaMartTrainer;
import dev.funnel.rank.Ranker;
import dev.funnel.rank.RankingService;
import dev.funnel.rank.TrainingLog;
import dev.funnel.rank.TrainingRecord;
import dev.funnel.rank.TrainingSet;
import dev.funnel.rank.TrainingSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where feedback events flow after the event store has made them durable (register {@link
 * #accept} with {@code EventsApi.onEvents}): each event goes to the memory index and to query
 * understanding; events are joined to their served request in the {@link RequestLedger} (unknown
 * request ids are counted and otherwise ignored); the first engagement (click, cart, purchase) on
 * a request the bandit chose settles its reward ({@link RewardAttribution} over the served items'
 * provenance), and requests without engagement are settled with reward 0 by the ledger's
 * attribution window ({@link FunnelConfig#settleAfter} awaiting decisions), or at once by {@link
 * #settle} (the end of a session). The ledger's requests with events, the most recent {@link
 * FunnelConfig#trainingWindow} of them, are the ranker's training data.
 *
 * <p>Retraining follows an adaptive schedule: the first attempt after {@link
 * FunnelConfig#minTrainingRequests} feedback events, then intervals that double after each
 * accepted model up to {@link FunnelConfig#retrainEvery} (the fixed interval once reached), so a
 * new deployment learns within tens of engaged searches and a busy one does not retrain on every
 * click. Each attempt trains a LambdaMART model (position-bias corrected, {@link
 * LambdaMartTrainer}) on a seeded 80% of the engaged requests and validates it on the other 20%:
 * it is swapped in only when it beats the logged order (the ranking that was served) on the
 * held-out requests, by inverse-propensity-scored DCG@10 when propensities were estimated and by
 * nDCG@10 otherwise. Otherwise it is refused with a message ({@link #lastRefusal}) and the
 * current ranker keeps serving: the minimum amount of data is what validation says is enough,
 * not a constant. The model a swap replaces is closed at once and its native memory freed when
 * the last request that started on it finishes (reference counted, {@link RankingService#acquire}).
 */
public final class FeedbackLoop implements Consumer<List<Event>>, AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FeedbackLoop.class);
  private final SearchFunnel funnel;
  private final MemoryIndex memory;
  private final QueryUnderstanding understanding;
  private final FunnelConfig config;
  private final RequestLedger ledger;
  private final Object schedule = new Object();
  private final AtomicLong unknownRequests = new AtomicLong();
  private final AtomicLong feedbackEvents = new AtomicLong();
  private final AtomicLong retrainings = new AtomicLong();
  private final AtomicLong failedRetrainings = new AtomicLong();
  private final AtomicBoolean training = new AtomicBoolean();
  private final ExecutorService trainer;
  /** LightGBM threads of a retraining that runs beside serving (inline retraining keeps the trainer's default). */
  static final int BACKGROUND_TRAINING_THREADS = 1;
  private long sinceRetrain;
  private long interval;
  private final AtomicLong refusedRetrainings = new AtomicLong();
  private volatile String lastRefusal;
  private volatile String lastTrainingError;
  private volatile Consumer<LambdaMartRanker> beforeInstall = r -> {};
  private volatile Map<String, Object> lastRetraining;

  public FeedbackLoop(SearchFunnel funnel, MemoryIndex memory, QueryUnderstanding understanding) {
    this.funnel = funnel;
    this.memory = memory;
    this.understanding = understanding;
    this.config = funnel.config();
    this.ledger = funnel.ledger();
    this.interval = Math.min(Math.max(1, config.minTrainingRequests()), Math.max(1, config.retrainEvery()));
    this.trainer = config.backgroundRetraining()
        ? Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "funnel-ranker-training");
          t.setDaemon(true);
          return t;
        })
        : null;
  }

  /** Ends the attribution window of {@code requestId}: without engagement so far, its reward is 0. */
  public void settle(String requestId) {
    ServedDecision d = ledger.settle(requestId);
    if (d != null) {
      funnel.bandit().feedback(d, RewardAttribution.Result.none());
    }
  }

  @Override
  public void accept(List<Event> events) {
    Map<String, List<Event>> byRequest = new LinkedHashMap<>();
    for (Event e : events) {
      memory.accept(e);
      understanding.accept(e);
      byRequest.computeIfAbsent(e.requestId(), x -> new ArrayList<>()).add(e);
    }
    long engagement = 0;
    for (Map.Entry<String, List<Event>> req : byRequest.entrySet()) {
      List<Event> engaged = req.getValue().stream().filter(e -> e.type() != EventType.IMPRESSION).toList();
      var join = ledger.join(req.getKey(), req.getValue(), !engaged.isEmpty());
      if (join.isEmpty()) {
        unknownRequests.addAndGet(req.getValue().size());
        continue;
      }
      engagement += engaged.size();
      ServedDecision settled = join.get().settled();
      if (settled != null) {
        funnel.bandit().feedback(settled, join.get().served().served(), engaged);
      }
    }
    feedbackEvents.addAndGet(engagement);
    boolean due;
    synchronized (schedule) {
      sinceRetrain += engagement;
      due = config.retrainEvery() > 0 && sinceRetrain >= interval;
      if (due) {
        sinceRetrain = 0;
      }
    }
    if (due) {
      if (trainer == null) {
        retrain();
      } else if (training.compareAndSet(false, true)) {
        trainer.execute(() -> {
          try {
            retrain();
          } finally {
            training.set(false);
          }
        });
      }
    }
  }

  /**
   * Trains a LambdaMART model on the shown requests of the training window and swaps it in when
   * it beats the served order on held-out requests (see the class documentation). Returns false
   * (and keeps the current ranker) when fewer than {@link FunnelConfig#minTrainingRequests}
   * requests have engagement, when training fails, or when validation refuses the model.
   */
  public boolean retrain() {
    long started = System.nanoTime();
    List<TrainingRecord> records = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    int engaged = 0;
    for (RequestLedger.Shown s : ledger.shown(config.trainingWindow())) {
      records.addAll(s.records());
      events.addAll(s.events());
      if (s.events().stream().anyMatch(e -> e.type() != EventType.IMPRESSION)) {
        engaged++;
      }
    }
    if (engaged < config.minTrainingRequests()) {
      finished(started, "skipped", engaged + " engaged requests, fewer than the " + config.minTrainingRequests() + " needed");
      return false;
    }
    TrainingSet set = new TrainingSetBuilder(LabelGrades.DEFAULT).build(new TrainingLog(funnel.ranking().schema(), records), events);
    LambdaMartTrainer.Config c = LambdaMartTrainer.Config.defaults(config.seed());
    dev.funnel.ml.GbmParams params = c.params().withRounds(config.rankerRounds());
    if (config.backgroundRetraining()) {
      // beside serving, training takes one core: with LightGBM's two threads on a 2-core machine
      // every request waited for the cores while a model trained (the latency tail under load)
      params = params.withExtra("num_threads", Integer.toString(BACKGROUND_TRAINING_THREADS));
    }
    c = new LambdaMartTrainer.Config(params, c.correctPositionBias(), c.propensityModel(), c.minPropensity(), c.maxPosition(), VALIDATION_FRACTION);
    LambdaMartRanker next;
    try {
      next = LambdaMartTrainer.train(set, c, "funnel feedback loop").ranker();
    } catch (RuntimeException e) {
      failedRetrainings.incrementAndGet();
      lastTrainingError = e.toString();
      finished(started, "failed", lastTrainingError);
      return false;
    }
    String refusal = refusal(next.provenance().validation(), engaged);
    if (refusal != null) {
      next.close();
      refusedRetrainings.incrementAndGet();
      lastRefusal = refusal;
      finished(started, "refused", refusal);
      LOG.warn("ranker retraining refused, the current ranker keeps serving: " + refusal);
      return false;
    }
    synchronized (schedule) {
      interval = Math.min(Math.max(1, config.retrainEvery()), interval * 2);
    }
    beforeInstall.accept(next);
    Ranker previous = funnel.ranking().swap(next);
    if (previous instanceof LambdaMartRanker old) {
      // freed when the last request that retained it finishes (RankingService.acquire)
      old.close();
    }
    retrainings.incrementAndGet();
    finished(started, "accepted", null);
    return true;
  }

  /**
   * Calls {@code listener} with every retrained model that validation accepted, just before it
   * is installed (in the training thread), e.g. to keep it as a ranker version.
   */
  public void onAccepted(Consumer<LambdaMartRanker> listener) {
    this.beforeInstall = listener == null ? r -> {} : listener;
  }

  private void finished(long startedNanos, String outcome, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("finished_at", java.time.Instant.now().toString());
    m.put("duration_ms", (System.nanoTime() - startedNanos) / 1e6);
    m.put("outcome", outcome);
    m.put("detail", detail);
    lastRetraining = java.util.Collections.unmodifiableMap(m);
  }

  /** Seconds the last retraining attempt took, or null before the first. */
  public Double lastRetrainingSeconds() {
    Map<String, Object> last = lastRetraining;
    return last == null ? null : ((Number) last.get("duration_ms")).doubleValue() / 1000;
  }

  /**
   * The last retraining attempt: when it finished, how long it took, its outcome ({@code
   * accepted}, {@code refused}, {@code failed}, {@code skipped}) and the refusal, error or reason;
   * null before the first attempt.
   */
  public Map<String, Object> lastRetraining() {
    return lastRetraining;
  }

  /**
   * Restores one shown request of the ranker's training window after a restart: its items as
   * served (from the training log) and its events (from the event log), oldest request first.
   * Counts nothing and retrains nothing.
   */
  public void restoreShown(List<TrainingRecord> records, List<Event> events) {
    for (ServedDecision due : ledger.restore(records, events)) {
      funnel.bandit().feedback(due, RewardAttribution.Result.none());
    }
  }

  /** Requests in the ranker's training window. */
  public int trainingWindowSize() {
    return Math.min(ledger.shownCount(), config.trainingWindow());
  }

  /** Share of engaged requests held out to validate a retrained model. */
  static final double VALIDATION_FRACTION = 0.2;

  /** Why a model with these held-out metrics must not serve, or null when it beats the served order. */
  static String refusal(Map<String, Double> v, int engaged) {
    if (v == null || v.getOrDefault("requests", 0.0) < 1) {
      return engaged + " engaged requests left none held out for validation";
    }
    boolean ips = v.containsKey("ips_dcg@10");
    String metric = ips ? "ips_dcg@10" : "ndcg@10";
    double model = v.get(metric);
    double served = v.get(metric + "_logged_order");
    if (!(model > served)) {
      return String.format(java.util.Locale.ROOT, "on %d held-out requests (of %d engaged) the new model's %s %.4f does not beat the served order's %.4f",
          v.get("requests").intValue(), engaged, metric, model, served);
    }
    return null;
  }

  public long refusedRetrainings() {
    return refusedRetrainings.get();
  }

  /** Why the last retraining was refused, or null. */
  public String lastRefusal() {
    return lastRefusal;
  }

  /** Feedback events before the next retraining attempt (the adaptive schedule's current interval). */
  public long retrainInterval() {
    synchronized (schedule) {
      return interval;
    }
  }

  public long unknownRequestEvents() {
    return unknownRequests.get();
  }

  public long feedbackEvents() {
    return feedbackEvents.get();
  }

  public long retrainings() {
    return retrainings.get();
  }

  public long failedRetrainings() {
    return failedRetrainings.get();
  }

  /** The error of the last failed retraining, or null. */
  public String lastTrainingError() {
    return lastTrainingError;
  }

  public int awaitingReward() {
    return ledger.awaitingReward();
  }

  /** Waits for a running background retraining, then stops the training thread. */
  @Override
  public void close() {
    if (trainer != null) {
      trainer.shutdown();
      try {
        trainer.awaitTermination(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
