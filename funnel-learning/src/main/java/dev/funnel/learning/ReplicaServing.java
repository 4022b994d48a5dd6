package dev.funnel.learning;

import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.Item;
import dev.funnel.serving.FunnelSearchApi;
import dev.funnel.uncertainty.ItemGate;
import dev.funnel.learning.replica.ReplicaLog;
import dev.funnel.learning.replica.SnapshotStore;

import dev.funnel.server.ApiModule;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stateless serving replica's loop: the learned state it serves (memory index, query
 * understanding, bandit, ranker) comes from the snapshots a learner publishes, and its events go
 * to the shared {@link ReplicaLog}.
 *
 * <p>Each published version is served by a <em>generation</em>: a {@link FunnelLoop} opened over
 * the version's files (hard-linked into a private scratch folder, so nothing is written into the
 * published folder). {@link #switchTo} opens the new generation completely (files loaded, JIT
 * warm-up through the factory) before one atomic reference flip makes it current; a request
 * acquires the current generation once and uses it to the end, so no request mixes two versions
 * or sees a half-loaded one. The replaced generation is kept (reference counted) for the events
 * of requests it served, until the next switch; it is closed, and its native models freed, when
 * the last request and event batch using it has finished.
 *
 * <p>Events ({@link #journal}): each event without a query takes the query of the request that
 * served it (so the learner, which never saw the request, learns the right query); the batch is
 * made durable in the log before the answer; then the generation that served each request
 * learns from it locally (memory, bandit rewards), until the next snapshot replaces that local
 * learning with the learner's, which holds every replica's events. Rewarded bandit decisions go
 * to the log's decision stream for the learner.
 */
public final class ReplicaServing implements AutoCloseable {
  /** Opens a loop over a state folder (the catalog, strategies and settings are fixed by the caller). */
  @FunctionalInterface
  public interface LoopFactory {
    FunnelLoop open(Path stateDir) throws IOException;
  }

  private final LoopFactory factory;
  private final ReplicaLog log;
  private final Path scratch;
  private final Function<String, Optional<Item>> catalog;
  private final ItemGate gate;
  private final AtomicReference<Generation> current = new AtomicReference<>();
  private final ArrayDeque<Generation> retired = new ArrayDeque<>();
  private final AtomicLong switches = new AtomicLong();
  private final AtomicLong decisionErrors = new AtomicLong();
  private final AtomicLong enriched = new AtomicLong();

  /** The loop serving one published version. */
  static final class Generation {
    final String version;
    final FunnelLoop loop;
    final FunnelSearchApi api;
    final Path folder;
    /** One reference for being current or retired, one per request or event batch using it. */
    private final AtomicInteger refs = new AtomicInteger(1);

    Generation(String version, FunnelLoop loop, FunnelSearchApi api, Path folder) {
      this.version = version;
      this.loop = loop;
      this.api = api;
      this.folder = folder;
    }

    boolean retain() {
      while (true) {
        int n = refs.get();
        if (n == 0) {
          return false;
        }
        if (refs.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (refs.decrementAndGet() == 0) {
        try {
          loop.close();
        } catch (IOException | RuntimeException e) {
          System.err.println("funnel: closing the loop of snapshot " + version + " failed: " + e);
        }
        try {
          SnapshotStore.deleteTree(folder);
        } catch (IOException e) {
          System.err.println("funnel: could not delete " + folder + ": " + e);
        }
      }
    }
  }

  /**
   * A replica serving {@code initial} (empty: fresh state until the first publication), with
   * scratch folders under {@code scratch}.
   */
  public ReplicaServing(LoopFactory factory, ReplicaLog log, Optional<SnapshotStore.Snapshot> initial, Path scratch,
      Function<String, Optional<Item>> catalog, ItemGate gate) throws IOException {
    this.factory = factory;
    this.log = log;
    this.scratch = scratch.toAbsolutePath();
    this.catalog = catalog;
    this.gate = gate;
    SnapshotStore.deleteTree(this.scratch); // folders of a previous run of this replica
    Files.createDirectories(this.scratch);
    current.set(open(initial.orElse(null)));
  }

  private Generation open(SnapshotStore.Snapshot s) throws IOException {
    String version = s == null ? "none" : s.version();
    Path folder = Files.createTempDirectory(scratch, version + "-");
    if (s != null) {
      SnapshotStore.linkInto(s, folder);
    }
    FunnelLoop loop = factory.open(folder);
    loop.funnel().bandit().logTo(this::logDecision);
    return new Generation(version, loop, new FunnelSearchApi(loop.funnel(), gate), folder);
  }

  private void logDecision(dev.funnel.bandit.LoggedDecision d) {
    try {
      log.appendDecision(d);
    } catch (IOException | RuntimeException e) {
      decisionErrors.incrementAndGet();
      System.err.println("funnel: a rewarded decision could not be written to " + log.describe() + ": " + e);
    }
  }

  /** Opens {@code s} fully, then makes it current in one step; the replaced generation is retired. */
  public synchronized void switchTo(SnapshotStore.Snapshot s) throws IOException {
    Generation g = open(s);
    Generation old = current.getAndSet(g);
    switches.incrementAndGet();
    retired.addLast(old);
    while (retired.size() > 1) {
      retired.removeFirst().release();
    }
  }

  /** The version being served. */
  public String version() {
    return current.get().version;
  }

  /** {@code value} of the loop of the current generation, held while it is read (metrics, health). */
  public <T> T withCurrent(Function<FunnelLoop, T> value) {
    Generation g = acquire();
    try {
      return value.apply(g.loop);
    } finally {
      g.release();
    }
  }

  /** The current generation, retained: release it when the request is done. */
  Generation acquire() {
    while (true) {
      Generation g = current.get();
      if (g.retain()) {
        return g;
      }
    }
  }

  /** The current and retired generations, retained, newest first. */
  private List<Generation> acquireAll() {
    List<Generation> out = new ArrayList<>();
    out.add(acquire());
    synchronized (this) {
      for (var it = retired.descendingIterator(); it.hasNext();) {
        Generation g = it.next();
        if (g.retain()) {
          out.add(g);
        }
      }
    }
    return out;
  }

  /** Whether a generation still held served {@code requestId}. */
  public boolean knows(String requestId) {
    List<Generation> gs = acquireAll();
    try {
      return gs.stream().anyMatch(g -> g.loop.funnel().ledger().contains(requestId));
    } finally {
      gs.forEach(Generation::release);
    }
  }

  /** {@code POST /search} on the generation current when the request arrived. */
  public ApiModule searchApi() {
    return new ApiModule() {
      @Override
      public void register(Javalin app) {
        app.post("/search", ctx -> {
          Generation g = acquire();
          try {
            g.api.serve(ctx);
          } finally {
            g.release();
          }
        });
      }
    };
  }

  /** The event log for {@code POST /events}: queries joined, durable append, then local learning. */
  public EventLog journal() {
    return new EventLog() {
      @Override
      public void append(List<Event> events) throws IOException {
        List<Generation> gs = acquireAll();
        try {
          Map<Generation, List<Event>> byGeneration = new IdentityHashMap<>();
          List<Event> stored = new ArrayList<>(events.size());
          for (Event e : events) {
            Generation served = gs.stream().filter(g -> g.loop.funnel().ledger().contains(e.requestId())).findFirst().orElse(gs.get(0));
            Event q = e;
            if (e.query() == null) {
              Optional<String> text = served.loop.funnel().ledger().query(e.requestId());
              if (text.isPresent()) {
                q = new Event(e.type(), e.requestId(), e.itemId(), e.position(), e.timestamp(), e.userId(), e.sessionId(), text.get());
                enriched.incrementAndGet();
              }
            }
            stored.add(q);
            byGeneration.computeIfAbsent(served, x -> new ArrayList<>()).add(q);
          }
          log.events().append(stored);
          for (Map.Entry<Generation, List<Event>> g : byGeneration.entrySet()) {
            g.getKey().loop.feedback().accept(g.getValue());
          }
        } finally {
          gs.forEach(Generation::release);
        }
      }

      @Override
      public void scan(Consumer<Event> sink) throws IOException {
        log.events().scan(sink);
      }

      @Override
      public long size() {
        return log.events().size();
      }

      @Override
      public void close() throws IOException {
        log.close();
      }
    };
  }

  /** Published snapshots switched to since start. */
  public long switches() {
    return switches.get();
  }

  /** Rewarded decisions that could not be written to the shared log. */
  public long decisionsNotLogged() {
    return decisionErrors.get();
  }

  /** Counters for {@code /health}. */
  public Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    Generation g = acquire();
    try {
      m.put("snapshot", g.version);
      m.put("loop_stats", g.loop.stats());
    } finally {
      g.release();
    }
    m.put("switches", switches.get());
    m.put("log", log.describe());
    m.put("events_with_joined_query", enriched.get());
    m.put("decisions_not_logged", decisionErrors.get());
    return m;
  }

  /** Closes every generation (each once its last user is done). The log is the caller's. */
  @Override
  public synchronized void close() {
    Generation g = current.get();
    while (!retired.isEmpty()) {
      retired.removeFirst().release();
    }
    g.release();
  }
}
