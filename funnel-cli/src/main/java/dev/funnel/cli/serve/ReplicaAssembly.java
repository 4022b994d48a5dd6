package dev.funnel.cli.serve;

import dev.funnel.events.EventsApi;
import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedApi;
import dev.funnel.graph.RelatedItems;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.ReplicaServing;
import dev.funnel.learning.replica.ReplicaLog;
import dev.funnel.learning.replica.SnapshotStore;
import dev.funnel.learning.replica.SnapshotWatcher;
import dev.funnel.retrieval.CatalogIndex;

import dev.funnel.retrieval.SearchSettings;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.RequestLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires a stateless serving replica ({@code funnel serve --snapshots DIR}): the catalog index
 * (read-only, shared), the learned state of the current published snapshot ({@link
 * ReplicaServing}, switched when the learner publishes), the shared event log (file or Kafka).
 * {@code POST /search} and {@code POST /events} as in a single process; {@code /health} adds the
 * snapshot being served and the log. Its own folder (scratch copies of the snapshots' files) is
 * {@code --state}, or a {@code replica-<pid>} folder beside the snapshots.
 */
public final class ReplicaAssembly implements AutoCloseable {
  private final CatalogIndex index;
  private final ReplicaLog log;
  private final RelatedItems related;
  private final ReplicaServing serving;
  private final SnapshotWatcher watcher;
  private final FunnelServer server;

  public ReplicaAssembly(Path indexDir, Path eventsDir, Path stateDir, Path graphModel, LoopSettings settings, SearchSettings search,
      RequestLimits limits, ReplicaSettings replica) throws IOException {
    if (settings.maxCandidates > limits.maxRequestCandidates()) {
      throw new dev.funnel.core.InvalidInputException("--max-candidates", settings.maxCandidates,
          "expected at most --max-request-candidates (" + limits.maxRequestCandidates() + ")");
    }
    Map<String, Object> replicaConfig = replica.describe();
    SnapshotStore store = replica.store();
    GraphModel graph = graphModel == null ? null : GraphModel.load(graphModel);
    this.index = CatalogIndex.open(indexDir, search);
    var items = index.items();
    var catalog = FunnelLoop.lookup(items);
    if (graph != null) {
      ServerAssembly.nodesInCatalog(graph, catalog, graphModel);
    }
    this.related = graph == null ? null : new RelatedItems(graph);
    List<String> strategies = ServerAssembly.strategies(index, related != null);
    var options = settings.options(strategies);
    List<String> warmUp = ServerAssembly.warmUpQueries(items);
    java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();
    ReplicaServing.LoopFactory factory = dir -> {
      FunnelLoop loop = FunnelLoop.open(index, items, catalog, related, dir, options);
      // the first generation warms the JIT up; later ones only touch their own state once before serving
      loop.funnel().warmUp(warmUp, warm.getAndSet(true) ? 1 : ServerAssembly.WARMUP_ROUNDS);
      return loop;
    };
    this.log = replica.openLog(eventsDir);
    Path scratch = stateDir != null ? stateDir : store.dir().resolveSibling("replica-" + ProcessHandle.current().pid());
    var initial = store.current();
    this.serving = new ReplicaServing(factory, log, initial, scratch, catalog, null);
    this.watcher = new SnapshotWatcher(store, initial.map(SnapshotStore.Snapshot::version).orElse(null), replica.poll(), s -> {
      try {
        serving.switchTo(s);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    List<ApiModule> modules = new ArrayList<>();
    modules.add(serving.searchApi());
    modules.add(new EventsApi(serving.journal(), serving::knows));
    if (related != null) {
      modules.add(new RelatedApi(related, null));
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
    health.put("state", scratch.toString());
    this.server = new FunnelServer(modules, () -> {
      Map<String, Object> h = new LinkedHashMap<>(health);
      h.putAll(serving.stats());
      return h;
    }, limits);
  }

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
    serving.close();
    if (related != null) {
      related.close();
    }
    log.close();
    index.close();
  }
}
