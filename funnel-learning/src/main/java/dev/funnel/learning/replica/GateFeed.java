package dev.funnel.learning.replica;

import dev.funnel.uncertainty.ItemGate;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds the click counts of a replica's conversion gate ({@code --decision-model}) from the
 * shared log, so that they hold every replica's events, as a single process's gate holds every
 * event of its own log. At start it reads the whole log before the replica serves; then one
 * daemon thread tails it, each poll waiting at most {@code wait}, so a click stored by any
 * replica counts in every replica's gate within about one wait. The replica's own events come
 * back through the log like the others' (they are not observed twice).
 */
public final class GateFeed implements AutoCloseable {
  private final ReplicaLog.Tail tail;
  private final ItemGate gate;
  private final Duration wait;
  private final AtomicLong observed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  private GateFeed(ReplicaLog.Tail tail, ItemGate gate, Duration wait) {
    this.tail = tail;
    this.gate = gate;
    this.wait = wait;
    this.thread = new Thread(this::follow, "gate-feed");
    this.thread.setDaemon(true);
  }

  /** Reads the whole of {@code log} into {@code gate}, then follows it on a thread of its own. */
  public static GateFeed start(ReplicaLog log, ItemGate gate, Duration wait) throws IOException {
    if (wait.isNegative() || wait.isZero()) {
      throw new dev.funnel.core.InvalidInputException("wait", wait, "expected a positive poll wait");
    }
    ReplicaLog.Tail tail = log.tail(Map.of());
    GateFeed f = new GateFeed(tail, gate, wait);
    try {
      while (!tail.caughtUp()) {
        f.observe(tail.poll(wait));
      }
      f.observe(tail.poll(Duration.ZERO));
    } catch (IOException | RuntimeException e) {
      tail.close();
      throw e;
    }
    f.thread.start();
    return f;
  }

  private void observe(ReplicaLog.Batch b) {
    gate.observe(b.events());
    observed.addAndGet(b.events().size());
  }

  private void follow() {
    while (!closed) {
      try {
        observe(tail.poll(wait));
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        errors.incrementAndGet();
        System.err.println("funnel: the decision model's click counts could not read the shared log (retrying): " + e);
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Events observed so far and failed reads, for {@code /health}. */
  public Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events_observed", observed.get());
    m.put("read_errors", errors.get());
    return m;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    try {
      thread.join(Math.max(1000, 4 * wait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tail.close();
  }
}
