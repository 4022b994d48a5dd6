package dev.funnel.console;

import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bounded in-process time series of the learning loop, behind the console's live charts: one
 * {@link TimelinePoint} per period (5 s by default) for the last {@code capacity} periods (an
 * hour by default), oldest dropped. Request threads record searches ({@link #searched}), their
 * latency ({@link #latency}) and stored events ({@link #stored}) into
 * the current period; {@link #tick} (every period on a daemon
 * thread after {@link #start}, or called directly) closes it, computes the trailing-minute rates
 * and percentiles, reads the {@link TimelinePoint.Gauges} and appends the point. It has no other
 * job and knows nothing of metrics exporters. Thread-safe.
 */
public final class TimelineSampler implements AutoCloseable {
  /** Requests remembered per engagement type, so a second click on one request is not a new click-through. */
  static final int ENGAGED_MEMORY = 100_000;
  private final Duration period;
  private final int capacity;
  private final int trailing;
  private final Clock clock;
  private final Supplier<TimelinePoint.Gauges> gauges;
  private final ArrayDeque<TimelinePoint> points = new ArrayDeque<>();
  private final ArrayDeque<Bucket> recent = new ArrayDeque<>();
  private final LinkedHashSet<String> clicked = new LinkedHashSet<>();
  private final LinkedHashSet<String> purchased = new LinkedHashSet<>();
  private Bucket current = new Bucket();
  private ScheduledExecutorService ticker;

  /** What happened in one period. */
  private static final class Bucket {
    long searches;
    long candidates;
    long clicks;
    long carts;
    long purchases;
    long newlyClicked;
    long newlyPurchased;
    final LatencyHistogram latency = new LatencyHistogram();
    final Map<String, Long> actions = new HashMap<>();
  }

  /**
   * @param period time between points (at least 1 s)
   * @param capacity points kept (at least 1)
   * @param clock the time stamped on points
   * @param gauges the loop's state, read at every tick
   */
  public TimelineSampler(Duration period, int capacity, Clock clock, Supplier<TimelinePoint.Gauges> gauges) {
    if (period == null || period.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new dev.funnel.core.InvalidInputException("period", period, "expected at least 1 second");
    }
    Checks.atLeast("capacity", capacity, 1);
    this.period = period;
    this.capacity = capacity;
    this.trailing = (int) Math.max(1, Duration.ofMinutes(1).toMillis() / period.toMillis());
    this.clock = clock;
    this.gauges = gauges;
  }

  /** One point every 5 seconds for the last hour. */
  public static TimelineSampler hourly(Supplier<TimelinePoint.Gauges> gauges) {
    return new TimelineSampler(Duration.ofSeconds(5), 720, Clock.systemUTC(), gauges);
  }

  public Duration period() {
    return period;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Records one full-funnel search: the bandit's action ({@code null} for an action the request
   * named itself) and the candidates the strategies retrieved.
   */
  public synchronized void searched(String banditAction, int candidates) {
    current.searches++;
    current.candidates += Math.max(0, candidates);
    if (banditAction != null) {
      current.actions.merge(banditAction, 1L, Long::sum);
    }
  }

  /** Records the server time of one answered {@code POST /search}, in milliseconds. */
  public synchronized void latency(double ms) {
    current.latency.add(Math.max(0, ms));
  }

  /** Records a batch of events the log stored. */
  public synchronized void stored(List<Event> events) {
    for (Event e : events) {
      if (e.type() == EventType.CLICK) {
        current.clicks++;
        if (remember(clicked, e.requestId())) {
          current.newlyClicked++;
        }
      } else if (e.type() == EventType.ADD_TO_CART) {
        current.carts++;
      } else if (e.type() == EventType.PURCHASE) {
        current.purchases++;
        if (remember(purchased, e.requestId())) {
          current.newlyPurchased++;
        }
      }
    }
  }

  private static boolean remember(LinkedHashSet<String> seen, String requestId) {
    if (!seen.add(requestId)) {
      return false;
    }
    if (seen.size() > ENGAGED_MEMORY) {
      var it = seen.iterator();
      it.next();
      it.remove();
    }
    return true;
  }

  /** Closes the current period: appends its point (dropping the oldest beyond capacity) and returns it. */
  public TimelinePoint tick() {
    TimelinePoint.Gauges g = gauges.get();
    synchronized (this) {
      Bucket b = current;
      current = new Bucket();
      recent.addLast(b);
      while (recent.size() > trailing) {
        recent.removeFirst();
      }
      long searches = 0;
      long candidates = 0;
      long newlyClicked = 0;
      long newlyPurchased = 0;
      LatencyHistogram latency = new LatencyHistogram();
      Map<String, Long> actions = new LinkedHashMap<>();
      for (Bucket r : recent) {
        searches += r.searches;
        candidates += r.candidates;
        newlyClicked += r.newlyClicked;
        newlyPurchased += r.newlyPurchased;
        latency.addAll(r.latency);
        r.actions.forEach((a, n) -> actions.merge(a, n, Long::sum));
      }
      double minutes = recent.size() * (double) period.toMillis() / 60_000;
      TimelinePoint p = new TimelinePoint(clock.millis(), b.searches, searches / minutes,
          searches == 0 ? null : newlyClicked / (double) searches, searches == 0 ? null : newlyPurchased / (double) searches,
          b.clicks, b.carts, b.purchases, searches == 0 ? null : candidates / (double) searches,
          latency.quantile(0.5), latency.quantile(0.99), actions, g);
      points.addLast(p);
      while (points.size() > capacity) {
        points.removeFirst();
      }
      return p;
    }
  }

  /** The points of the last {@code window} (all kept points when it is longer), oldest first. */
  public synchronized List<TimelinePoint> points(Duration window) {
    long from = clock.millis() - window.toMillis();
    List<TimelinePoint> out = new ArrayList<>();
    for (TimelinePoint p : points) {
      if (p.time() >= from) {
        out.add(p);
      }
    }
    return out;
  }

  /** Starts ticking every period on a daemon thread (a failing gauge is reported and the next tick tries again). */
  public synchronized TimelineSampler start() {
    if (ticker == null) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "funnel-timeline");
        t.setDaemon(true);
        return t;
      });
      long ms = period.toMillis();
      ticker.scheduleAtFixedRate(() -> {
        try {
          tick();
        } catch (RuntimeException e) {
          System.err.println("funnel: timeline sample failed (next one in " + period + "): " + e);
        }
      }, ms, ms, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }
}
