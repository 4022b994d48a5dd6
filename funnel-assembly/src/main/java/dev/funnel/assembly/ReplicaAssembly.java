package dev.funnel.cli.serve;

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
import dev.funnel.uncertainty.ScoredModel;
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
 * When a step of the assembly fails, everything opened before it is closed, in reverse order.
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

  /** A replica serving the conversion decisions of {@code decisionModel} (null: none) behind the server {@code features}. */
  public ReplicaAssembly(Path indexDir, Path eventsDir, Path stateDir, Path graphModel, Path decisionModel, LoopSettings settings,
      SearchSettings search, RequestLimits limits, ServerFeatures features, ReplicaSettings replica) throws IOException {
    if (settings.maxCandidates > limits.maxRequestCandidates()) {
      throw new dev.funnel.core.InvalidInputException("--max-candidates", settings.maxCandidates,
          "expected at most --max-request-candidates (" + limits.maxRequestCandidates() + ")");
    }
    this.features = features;
    Map<String, Object> replicaConfig = replica.describe();
    OpenedResources opened = new OpenedResources();
    try {
      this.gate = decisionModel == null ? null : new ConversionGate(ScoredModel.read(decisionModel), decisionModel.toString());
      if (gate != null) {
        opened.push(gate);
      }
      SnapshotStore store = replica.store();
      GraphModel graph = graphModel == null ? null : GraphModel.load(graphModel);
      this.index = CatalogIndex.open(indexDir, search);
      opened.push(index);
      var items = index.items();
      var catalog = FunnelLoop.lookup(items);
      if (graph != null) {
        ServerAssembly.nodesInCatalog(graph, catalog, graphModel);
      }
      this.related = graph == null ? null : new RelatedItems(graph);
      if (related != null) {
        opened.push(related);
      }
      List<String> strategies = ServerAssembly.strategies(index, related != null);
      var options = settings.options(strategies);
      List<String> warmUp = ServerAssembly.warmUpQueries(items);
      java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();
      AtomicReference<LoopMetrics> metrics = new AtomicReference<>();
      ReplicaServing.LoopFactory factory = dir -> {
        FunnelLoop loop = FunnelLoop.open(index, items, catalog, related, dir, options);
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
      this.log = replica.openLog(eventsDir);
      opened.push(log);
      // the gate's click counts: the whole shared log before serving, then every replica's events as they are stored
      this.gateFeed = gate == null ? null : GateFeed.start(log, gate, GATE_FEED_WAIT);
      if (gateFeed != null) {
        opened.push(gateFeed);
      }
      Path scratch = stateDir != null ? stateDir : store.dir().resolveSibling("replica-" + ProcessHandle.current().pid());
      var initial = store.current();
      this.serving = new ReplicaServing(factory, log, initial, scratch, catalog, gate);
      opened.push(serving);
      this.watcher = new SnapshotWatcher(store, initial.map(SnapshotStore.Snapshot::version).orElse(null), replica.poll(), s -> {
        try {
          serving.switchTo(s);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      opened.push(watcher);
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
      health.put("loop", settings.describe());
      health.put("replica", replicaConfig);
      health.put("search_settings", search.toMap());
      health.put("index_snapshot", index.snapshot().getFileName().toString());
      health.put("related_items", related != null);
      health.put("decision_model", gate == null ? null : gate.describe());
      health.put("state", scratch.toString());
      this.server = new FunnelServer(modules, () -> {
        Map<String, Object> h = new LinkedHashMap<>(health);
        h.putAll(serving.stats());
        if (gateFeed != null) {
          h.put("decision_model_clicks", gateFeed.stats());
        }
        return h;
      }, limits, features);
    } catch (IOException | RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  /** How long the decision model's click feed waits for new records in one poll of the shared log. */
  static final java.time.Duration GATE_FEED_WAIT = java.time.Duration.ofMillis(500);

  public int start(String host, int port) {
    return server.start(host, port);
  }

  public CatalogIndex index() {
    return index;
  }

  public ReplicaServing serving() {
    return serving;
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    server.close();
    if (features.metrics() != null) {
      features.metrics().close();
    }
    if (gateFeed != null) {
      gateFeed.close();
    }
    serving.close();
    if (gate != null) {
      gate.close();
    }
    if (related != null) {
      related.close();
    }
    log.close();
    index.close();
  }
}
