package dev.funnel.assembly;

import dev.funnel.events.EventsApi;
import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedApi;
import dev.funnel.graph.RelatedItems;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.ReplicaServing;
import dev.funnel.learning.replica.GateFeed;
import dev.funnel.learning.replica.ReplicaLog;
import dev.funnel.learning.replica.SnapshotStore;
import dev.funnel.learning.replica.SnapshotWatcher;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.SearchSettings;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.RequestLimits;
import dev.funnel.server.ops.RequestScope;
import dev.funnel.server.ops.ServerFeatures;
import dev.funnel.serving.ConversionGate;
import io.micrometer.core.instrument.FunctionCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires a stateless serving replica ({@code funnel serve --snapshots DIR}): the catalog index
 * (read-only, shared), the learned state of the current published snapshot ({@link
 * ReplicaServing}, switched when the learner publishes), the shared event log (file or Kafka).
 * {@code POST /search}, {@code POST /events} and {@code GET /related/{item}} as in a single
 * process, behind the same operational features from the same flags and config keys: API keys
 * and roles, the {@code /events} rate limit, request limits, {@code /metrics} (the server's HTTP
 * meters and the loop's, read from the generation being served) and the access log. With a
 * decision model the conversion gate serves {@code min_precision} requests; its click counts
 * come from the whole shared log ({@link GateFeed}), so every replica's clicks count. {@code
 * /health} adds the snapshot being served and the log. Its own folder (scratch copies of the
 * snapshots' files) is {@code --state}, or a {@code replica-<pid>} folder beside the snapshots.
 * Each published snapshot is served by a loop from {@link LoopAssembly}. When a step of the
 * assembly fails, or {@link #start} cannot listen, everything opened before it is closed, newest
 * first; closing the replica closes the same record.
 */
public final class ReplicaAssembly implements AutoCloseable {
  private final CatalogIndex index;
  private final ReplicaLog log;
  private final RelatedItems related;
  private final ReplicaServing serving;
  private final SnapshotWatcher watcher;
  private final FunnelServer server;
  private final ServerFeatures features;
  private final ConversionGate gate;
  private final GateFeed gateFeed;
  private final OpenedResources opened;

  /**
   * A replica over {@code config}'s files (its {@code state} is the replica's scratch folder)
   * serving the snapshots and shared log of {@code replica}, not yet listening ({@link #start}).
   */
  public ReplicaAssembly(ServingConfig config, ReplicaConfig replica) throws IOException {
    OpenedResources opened = new OpenedResources();
    this.opened = opened;
    this.features = config.features();
    try {
      LoopConfig settings = config.loop();
      SearchSettings search = config.search();
      RequestLimits limits = config.limits();
      Path graphModel = config.graphModel();
      Map<String, Object> replicaConfig = replica.description();
      ServingFiles files = ServingFiles.open(config, opened);
      this.gate = files.gate();
      GraphModel graph = files.graph();
      this.index = files.index();
      SnapshotStore store = replica.store();
      var items = index.items();
      var catalog = LoopAssembly.lookup(items);
      if (graph != null) {
        ServerAssembly.nodesInCatalog(graph, catalog, graphModel);
      }
      this.related = graph == null ? null : opened.push(new RelatedItems(graph));
      List<String> strategies = ServerAssembly.strategies(index, related != null);
      var options = settings.options(strategies);
      List<String> warmUp = ServerAssembly.warmUpQueries(items);
      java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();
      AtomicReference<LoopMetrics> metrics = new AtomicReference<>();
      ReplicaServing.LoopFactory factory = dir -> {
        FunnelLoop loop = LoopAssembly.open(index, items, catalog, related, dir, options);
        // the first generation warms the JIT up; later ones only touch their own state once before serving
        loop.funnel().warmUp(warmUp, warm.getAndSet(true) ? 1 : ServerAssembly.WARMUP_ROUNDS);
        // after the warm-up, as in one process: the access log's request id and strategies, and the decision counters
        loop.funnel().onServed(r -> RequestScope.served(r.requestId(), List.copyOf(r.decision().action().budgets().keySet())));
        loop.funnel().onServed(r -> {
          LoopMetrics m = metrics.get();
          if (m != null) {
            m.served(r);
          }
        });
        return loop;
      };
      this.log = opened.push(replica.log().open(config.events()));
      // the gate's click counts: the whole shared log before serving, then every replica's events as they are stored
      this.gateFeed = gate == null ? null : opened.push(GateFeed.start(log, gate, GATE_FEED_WAIT));
      Path scratch = config.state() != null ? config.state() : store.dir().resolveSibling("replica-" + ProcessHandle.current().pid());
      var initial = store.current();
      this.serving = opened.push(new ReplicaServing(factory, log, initial, scratch, catalog, gate));
      this.watcher = opened.push(new SnapshotWatcher(store, initial.map(SnapshotStore.Snapshot::version).orElse(null), replica.poll(), s -> {
        try {
          serving.switchTo(s);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
      List<ApiModule> modules = new ArrayList<>();
      modules.add(serving.searchApi());
      EventsApi eventsApi = new EventsApi(serving.journal(), serving::knows);
      modules.add(eventsApi);
      if (features.metrics() != null) {
        LoopMetrics m = new LoopMetrics(features.metrics(), serving::withCurrent, serving.journal());
        metrics.set(m);
        eventsApi.onEvents(m::accepted);
        FunctionCounter.builder("funnel.replica.snapshot.switches", serving, ReplicaServing::switches)
            .description("Published snapshots this replica switched to").register(features.metrics().registry());
        FunctionCounter.builder("funnel.replica.decisions.not.logged", serving, ReplicaServing::decisionsNotLogged)
            .description("Rewarded decisions that could not be written to the shared log").register(features.metrics().registry());
      }
      if (related != null) {
        modules.add(new RelatedApi(related, gate, id -> catalog.apply(id).isPresent()));
      }
      Map<String, Object> health = new LinkedHashMap<>();
      health.put("role", "replica");
      health.put("items", index.size());
      health.put("bandit_strategies", strategies);
      health.put("loop", settings.description());
      health.put("replica", replicaConfig);
      health.put("search_settings", search.toMap());
      health.put("index_snapshot", index.snapshot().getFileName().toString());
      health.put("related_items", related != null);
      health.put("decision_model", gate == null ? null : gate.describe());
      health.put("state", scratch.toString());
      this.server = opened.push(new FunnelServer(modules, () -> {
        Map<String, Object> h = new LinkedHashMap<>(health);
        h.putAll(serving.stats());
        if (gateFeed != null) {
          h.put("decision_model_clicks", gateFeed.stats());
        }
        return h;
      }, limits, features));
    } catch (IOException | RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  /** How long the decision model's click feed waits for new records in one poll of the shared log. */
  static final java.time.Duration GATE_FEED_WAIT = java.time.Duration.ofMillis(500);

  /** Starts listening and returns the port; a replica that cannot listen is closed, with everything it opened, before the failure is thrown. */
  public int start(String host, int port) throws IOException {
    try {
      return server.start(host, port);
    } catch (RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  public CatalogIndex index() {
    return index;
  }

  public ReplicaServing serving() {
    return serving;
  }

  /** Stops watching for snapshots and serving, then closes the log and the files, newest first. */
  @Override
  public void close() throws IOException {
    opened.close();
  }
}
