package dev.funnel.assembly;

import dev.funnel.bandit.StrategyStats;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.EventType;
import dev.funnel.learning.FeedbackLoop;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.serving.ServedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learning loop's meters on a server's registry:
 * <ul>
 *   <li>{@code funnel_bandit_decisions_total{policy,action}}: served decisions (the bandit's, or
 *       {@code fixed} for requests naming their strategies);
 *   <li>{@code funnel_bandit_updates_total}: decisions rewarded so far; {@code
 *       funnel_bandit_strategy_reward_share{strategy}}: each strategy's decayed mean share of the
 *       reward over the decisions that ran it ({@link StrategyStats});
 *   <li>{@code funnel_events_total{type}}: impressions, clicks, carts and purchases accepted;
 *       {@code funnel_events_stored}: events in the durable log; {@code
 *       funnel_events_unknown_request_total}: feedback events whose request id was never served
 *       (or has left the request log);
 *   <li>{@code funnel_memory_feedback_keys}, {@code funnel_memory_predicted_keys}: the memory
 *       index's size in query keys; {@code funnel_memory_feedback_pairs} and its bound {@code
 *       funnel_memory_max_pairs}, {@code funnel_memory_evicted_pairs_total}: (query, item) pairs
 *       with feedback, and those evicted to keep the bound;
 *   <li>{@code funnel_qu_click_units}, its bound {@code funnel_qu_max_units} and {@code
 *       funnel_qu_evicted_units_total}: query units with click statistics in query understanding;
 *   <li>{@code funnel_retrainings_total{outcome}} (swapped, failed, refused), {@code
 *       funnel_retraining_last_duration_seconds} and {@code
 *       funnel_retraining_last_error_info{error}} (1 while the last failed retraining's error is
 *       that one).
 * </ul>
 */
public final class LoopMetrics {
  /**
   * Reads a value of the loop being served: a process's one loop, or the generation a stateless
   * replica serves at the time of the read ({@link dev.funnel.learning.ReplicaServing#withCurrent}).
   */
  public interface LoopReader {
    <T> T read(java.util.function.Function<FunnelLoop, T> value);
  }

  private final MeterRegistry registry;
  private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
  private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
  private final MultiGauge lastError;

  /** The meters of a process's one {@code loop}, counting its served decisions. */
  public LoopMetrics(dev.funnel.server.ops.ServerMetrics metrics, FunnelLoop loop, EventLog log) {
    this(metrics, new LoopReader() {
      @Override
      public <T> T read(java.util.function.Function<FunnelLoop, T> value) {
        return value.apply(loop);
      }
    }, log);
    loop.funnel().onServed(this::served);
  }

  /**
   * The meters of the loop that {@code reader} reads at each scrape; the caller passes each
   * loop's served requests to {@link #served}. In a replica, the counters read from the current
   * generation (bandit updates, retrainings) follow the snapshot it serves: a switch may move
   * them back, which Prometheus takes as a counter reset.
   */
  public LoopMetrics(dev.funnel.server.ops.ServerMetrics metrics, LoopReader reader, EventLog log) {
    this.registry = metrics.registry();
    for (EventType t : EventType.values()) {
      events.put(t, Counter.builder("funnel.events").description("Feedback events accepted by type").tags("type", t.wireName()).register(registry));
    }
    Gauge.builder("funnel.events.stored", log, EventLog::size).description("Events in the durable log").register(registry);
    FunctionCounter.builder("funnel.events.unknown.request", reader, r -> r.read(l -> (double) l.feedback().unknownRequestEvents()))
        .description("Feedback events whose request id was never served or has left the request log").register(registry);
    FunctionCounter.builder("funnel.bandit.updates", reader, r -> r.read(l -> (double) l.funnel().bandit().updates()))
        .description("Bandit decisions rewarded").register(registry);
    for (String s : reader.read(l -> l.funnel().bandit().stats().strategies())) {
      Gauge.builder("funnel.bandit.strategy.reward.share", reader, r -> r.read(l -> l.funnel().bandit().stats().mean(s))).tags("strategy", s)
          .description("Decayed mean share of the reward of the decisions that ran the strategy").register(registry);
    }
    Gauge.builder("funnel.memory.feedback.keys", reader, r -> r.read(l -> (double) l.memory().feedbackKeys()))
        .description("Query keys with feedback in the memory index").register(registry);
    Gauge.builder("funnel.memory.predicted.keys", reader, r -> r.read(l -> (double) l.memory().predictedKeys()))
        .description("Query keys with predicted queries").register(registry);
    Gauge.builder("funnel.memory.feedback.pairs", reader, r -> r.read(l -> (double) l.memory().feedbackPairs()))
        .description("(query, item) pairs with feedback in the memory index").register(registry);
    Gauge.builder("funnel.memory.max.pairs", reader, r -> r.read(l -> (double) l.memory().maxPairs()))
        .description("Bound on the memory index's pairs with feedback").register(registry);
    FunctionCounter.builder("funnel.memory.evicted.pairs", reader, r -> r.read(l -> (double) l.memory().evictedPairs()))
        .description("Memory-index pairs evicted to keep the bound (least decayed evidence first)").register(registry);
    Gauge.builder("funnel.qu.click.units", reader, r -> r.read(l -> (double) l.understanding().clickUnits()))
        .description("Query units with click statistics in query understanding").register(registry);
    Gauge.builder("funnel.qu.max.units", reader, r -> r.read(l -> (double) l.understanding().maxUnits()))
        .description("Bound on query understanding's units with click statistics").register(registry);
    FunctionCounter.builder("funnel.qu.evicted.units", reader, r -> r.read(l -> (double) l.understanding().evictedUnits()))
        .description("Query units evicted to keep the bound (least decayed click weight first)").register(registry);
    FunctionCounter.builder("funnel.retrainings", reader, r -> r.read(l -> (double) l.feedback().retrainings())).tags("outcome", "swapped")
        .description("Ranker retraining attempts by outcome").register(registry);
    FunctionCounter.builder("funnel.retrainings", reader, r -> r.read(l -> (double) l.feedback().failedRetrainings())).tags("outcome", "failed")
        .description("Ranker retraining attempts by outcome").register(registry);
    FunctionCounter.builder("funnel.retrainings", reader, r -> r.read(l -> (double) l.feedback().refusedRetrainings())).tags("outcome", "refused")
        .description("Ranker retraining attempts by outcome").register(registry);
    Gauge.builder("funnel.retraining.last.duration", reader, r -> r.read(l -> {
      Double sec = l.feedback().lastRetrainingSeconds();
      return sec == null ? Double.NaN : sec;
    })).baseUnit("seconds").description("Duration of the last retraining attempt (NaN before the first)").register(registry);
    lastError = MultiGauge.builder("funnel.retraining.last.error").description("1 labelled with the last failed retraining's error")
        .baseUnit("info").register(registry);
    refreshError(reader.read(FunnelLoop::feedback));
    metrics.beforeScrape(() -> reader.read(l -> {
      refreshError(l.feedback());
      return null;
    }));
  }

  /** Counts a served request's decision. */
  public void served(ServedRequest r) {
    String policy = r.decision().policy();
    String action = r.decision().action().id();
    decisions.computeIfAbsent(policy + "|" + action, k -> Counter.builder("funnel.bandit.decisions").description("Served strategy decisions")
        .tags("policy", policy, "action", action).register(registry)).increment();
  }

  /** Counts accepted events (a listener of the events API). */
  public void accepted(List<Event> batch) {
    for (Event e : batch) {
      events.get(e.type()).increment();
    }
  }

  /** Updates the last-error gauge (the scrape reads the others live). */
  void refreshError(FeedbackLoop feedback) {
    String error = feedback.lastTrainingError();
    lastError.register(error == null ? List.of() : List.of(MultiGauge.Row.of(Tags.of("error", error.length() > 200 ? error.substring(0, 200) : error), 1)),
        true);
  }
}
