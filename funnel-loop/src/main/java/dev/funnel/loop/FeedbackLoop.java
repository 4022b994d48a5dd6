package dev.funnel.loop;

import dev.funnel.bandit.RewardAttribution;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.memory.QueryUnderstanding;
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
 * understanding; events are joined to their served request through the {@link FunnelRequestLog}
 * (unknown request ids are counted and otherwise ignored); the first engagement (click, cart,
 * purchase) on a request the bandit chose settles its reward ({@link RewardAttribution} over the
 * served items' provenance), and requests without engagement are settled with reward 0 once
 * {@link FunnelConfig#settleAfter} later requests were served, or at once by {@link #settle}
 * (the end of a session). Shown requests and their events form the ranker's training data: every
 * {@link FunnelConfig#retrainEvery} feedback events a LambdaMART model is trained from them
 * (position-bias corrected, {@link LambdaMartTrainer}) and swapped into the ranking service
 * atomically; the model it replaces is closed at once and its native memory freed when the last
 * request that started on it finishes (reference counted, {@link RankingService#acquire}).
 */
public final class FeedbackLoop implements Consumer<List<Event>>, AutoCloseable {
  private final SearchFunnel funnel;
  private final MemoryIndex memory;
  private final QueryUnderstanding understanding;
  private final FunnelConfig config;
  private final LinkedHashMap<String, ServedRequest> awaiting = new LinkedHashMap<>();
  private final LinkedHashMap<String, Shown> shown = new LinkedHashMap<>();
  private final AtomicLong unknownRequests = new AtomicLong();
  private final AtomicLong feedbackEvents = new AtomicLong();
  private final AtomicLong retrainings = new AtomicLong();
  private final AtomicLong failedRetrainings = new AtomicLong();
  private final AtomicBoolean training = new AtomicBoolean();
  private final ExecutorService trainer;
  private long sinceRetrain;
  private volatile String lastTrainingError;

  /** A shown request as the ranker's training data: its items' features as served, and its events. */
  private record Shown(List<TrainingRecord> records, List<Event> events) {}

  public FeedbackLoop(SearchFunnel funnel, MemoryIndex memory, QueryUnderstanding understanding) {
    this.funnel = funnel;
    this.memory = memory;
    this.understanding = understanding;
    this.config = funnel.config();
    this.trainer = config.backgroundRetraining()
        ? Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "funnel-ranker-training");
          t.setDaemon(true);
          return t;
        })
        : null;
    funnel.onServed(this::served);
  }

  /** Opens the attribution window of a request the bandit chose for. */
  private void served(ServedRequest r) {
    if (!r.decision().learned()) {
      return;
    }
    List<ServedRequest> expired = new ArrayList<>();
    synchronized (awaiting) {
      awaiting.put(r.requestId(), r);
      while (awaiting.size() > config.settleAfter()) {
        var it = awaiting.entrySet().iterator();
        expired.add(it.next().getValue());
        it.remove();
      }
    }
    expired.forEach(e -> funnel.bandit().feedback(e.requestId(), RewardAttribution.Result.none()));
  }

  /** Ends the attribution window of {@code requestId}: without engagement so far, its reward is 0. */
  public void settle(String requestId) {
    ServedRequest r;
    synchronized (awaiting) {
      r = awaiting.remove(requestId);
    }
    if (r != null) {
      funnel.bandit().feedback(requestId, RewardAttribution.Result.none());
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
      var served = funnel.requests().get(req.getKey());
      if (served.isEmpty()) {
        unknownRequests.addAndGet(req.getValue().size());
        continue;
      }
      List<Event> engaged = req.getValue().stream().filter(e -> e.type() != EventType.IMPRESSION).toList();
      engagement += engaged.size();
      synchronized (shown) {
        ServedRequest s = served.get();
        shown.computeIfAbsent(req.getKey(), x -> new Shown(RankingService.logForTraining(s.requestId(), s.query(), s.items()), new ArrayList<>()))
            .events().addAll(req.getValue());
        trimShown();
      }
      if (!engaged.isEmpty()) {
        ServedRequest r;
        synchronized (awaiting) {
          r = awaiting.remove(req.getKey());
        }
        if (r != null) {
          funnel.bandit().feedback(r.requestId(), r.served(), engaged);
        }
      }
    }
    feedbackEvents.addAndGet(engagement);
    boolean due;
    synchronized (shown) {
      sinceRetrain += engagement;
      due = config.retrainEvery() > 0 && sinceRetrain >= config.retrainEvery();
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
   * Trains a LambdaMART model on the shown requests of the training window and swaps it in.
   * Returns false (and keeps the current ranker) when fewer than {@link
   * FunnelConfig#minTrainingRequests} requests have engagement.
   */
  public boolean retrain() {
    List<TrainingRecord> records = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    int engaged = 0;
    synchronized (shown) {
      for (Shown s : shown.values()) {
        records.addAll(s.records());
        events.addAll(s.events());
        if (s.events().stream().anyMatch(e -> e.type() != EventType.IMPRESSION)) {
          engaged++;
        }
      }
    }
    if (engaged < config.minTrainingRequests()) {
      return false;
    }
    TrainingSet set = new TrainingSetBuilder(LabelGrades.DEFAULT).build(new TrainingLog(funnel.ranking().schema(), records), events);
    LambdaMartTrainer.Config c = LambdaMartTrainer.Config.defaults(config.seed());
    c = new LambdaMartTrainer.Config(
        c.params().withRounds(config.rankerRounds()), c.correctPositionBias(), c.propensityModel(), c.minPropensity(), c.maxPosition(), 0);
    LambdaMartRanker next;
    try {
      next = LambdaMartTrainer.train(set, c, "funnel feedback loop").ranker();
    } catch (RuntimeException e) {
      failedRetrainings.incrementAndGet();
      lastTrainingError = e.toString();
      return false;
    }
    Ranker previous = funnel.ranking().swap(next);
    if (previous instanceof LambdaMartRanker old) {
      // freed when the last request that retained it finishes (RankingService.acquire)
      old.close();
    }
    retrainings.incrementAndGet();
    return true;
  }

  /**
   * Restores one shown request of the ranker's training window after a restart: its items as
   * served (from the training log) and its events (from the event log), oldest request first.
   * Counts nothing and retrains nothing.
   */
  public void restoreShown(List<TrainingRecord> records, List<Event> events) {
    if (records.isEmpty()) {
      return;
    }
    synchronized (shown) {
      shown.put(records.get(0).requestId(), new Shown(List.copyOf(records), new ArrayList<>(events)));
      trimShown();
    }
  }

  /** Requests in the ranker's training window. */
  public int trainingWindowSize() {
    synchronized (shown) {
      return shown.size();
    }
  }

  private void trimShown() {
    while (shown.size() > config.trainingWindow()) {
      var it = shown.entrySet().iterator();
      it.next();
      it.remove();
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
    synchronized (awaiting) {
      return awaiting.size();
    }
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
