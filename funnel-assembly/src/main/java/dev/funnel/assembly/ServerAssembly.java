package dev.funnel.assembly;

import dev.funnel.core.Event;
import dev.funnel.events.EventsApi;
import dev.funnel.events.FileEventLog;
import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedApi;
import dev.funnel.graph.RelatedItems;
import dev.funnel.serving.ConversionGate;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.serving.FunnelSearchApi;
import dev.funnel.learning.models.ModelsApi;
import dev.funnel.learning.models.RankerVersion;
import dev.funnel.learning.models.RankerVersions;
import dev.funnel.console.Console;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.SearchSettings;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.RequestLimits;
import dev.funnel.server.ops.RequestScope;
import dev.funnel.server.ops.ServerFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the HTTP API of one Funnel process from its local files: the catalog index snapshot, the
 * durable event log and the loop state folder. {@code POST /search} runs the full funnel ({@link
 * FunnelSearchApi}; requests naming {@code strategies} run exactly those), {@code POST
 * /events} stores events durably and then feeds the loop (memory index, bandit rewards, ranker
 * training and retraining); events naming unknown request ids are accepted and counted. With a
 * BLADE graph model, {@code GET /related/{item}} answers related items and the funnel gains the
 * {@code graph} strategy. With a decision model ({@code funnel train thresholds --format events}),
 * {@code /search} and {@code /related} accept "show only items whose predicted conversion meets
 * precision P" ({@link ConversionGate}, its click counts fed from the event log). The loop is
 * {@link LoopAssembly}'s over the state folder; {@code funnel serve}, {@code funnel demo} and
 * {@code funnel bench funnel} all run this process.
 *
 * <p>Every resource is recorded as it is opened (the metrics registry of {@link
 * ServingConfig#features}, the decision model, the index and its item updater, the event log, the
 * related-items model, the loop, the console, the server). When a step of the assembly fails, or
 * {@link #start} cannot listen, everything opened before it is closed, newest first, and the
 * failure is thrown; closing the process closes the same record in the same order (stopping the
 * server, saving the loop state, closing the files), every resource even when one fails to close.
 */
public final class ServerAssembly implements AutoCloseable {
  private final CatalogIndex index;
  private final dev.funnel.retrieval.IndexUpdater updater;
  private final dev.funnel.learning.LiveCatalog catalog;
  private final FileEventLog events;
  private final RelatedItems related;
  private final FunnelLoop loop;
  private final ConversionGate gate;
  private final FunnelServer server;
  private final Map<String, Object> recovery;
  private final ServerFeatures features;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerAssembly.class);
  private final RankerVersions rankers;
  private final Console console;
  private final OpenedResources opened;

  /** A process over {@code config}'s files, not yet listening ({@link #start}). */
  public ServerAssembly(ServingConfig config) throws IOException {
    // every resource opened so far, closed in reverse order when a later step fails, and at close
    OpenedResources opened = new OpenedResources();
    this.opened = opened;
    this.features = config.features();
    try {
      LoopConfig settings = config.loop();
      SearchSettings search = config.search();
      RequestLimits limits = config.limits();
      Path graphModel = config.graphModel();
      ServingFiles files = ServingFiles.open(config, opened);
      this.gate = files.gate();
      GraphModel graph = files.graph();
      this.index = files.index();
      // item updates: replays the journal after the index's last commit, so `items` holds every acknowledged update
      this.updater = opened.push(openUpdater(index, settings.itemCommitEvery()));
      var items = index.items();
      this.catalog = new dev.funnel.learning.LiveCatalog(items);
      int graphNodesInCatalog = graph == null ? 0 : nodesInCatalog(graph, catalog, graphModel);
      this.events = opened.push(FileEventLog.open(config.events()));
      if (gate != null) {
        List<Event> past = new ArrayList<>();
        events.scan(past::add); // click counts do not depend on the order
        gate.observe(past);
      }
      this.related = graph == null ? null : opened.push(new RelatedItems(graph));
      Path state = config.stateDir();
      List<String> strategies = strategies(index, related != null);
      dev.funnel.learning.LoopOptions loopOptions = settings.options(strategies);
      this.loop = opened.push(LoopAssembly.open(index, items, catalog, related, state, loopOptions));
      if (settings.autosave() != null) {
        loop.autosave(settings.autosave());
      }
      this.recovery = loop.recover(events);
      if (((Number) recovery.get("memory_replayed")).longValue() > 0 || ((Number) recovery.get("qu_replayed")).longValue() > 0) {
        LOG.info("replayed the events after the last snapshot: " + recovery);
      }
      dev.funnel.learning.CatalogUpdates catalogUpdates = new dev.funnel.learning.CatalogUpdates(catalog, loop.understanding(), loop.memory(),
          loopOptions.predictedQueries() ? new dev.funnel.memory.PredictedQueryGenerator(items, dev.funnel.memory.PredictedQueryGenerator.DEFAULT_MAX_PER_ITEM) : null);
      long touched = catalogUpdates.restore(updater.journal());
      // ranker versions: the state's model, --ranker FILE, and every accepted retraining (GET /models)
      this.rankers = RankerVersions.open(state.resolve("models"), loop.funnel().ranking());
      loop.feedback().onAccepted(r -> rankers.keep(r, "retraining", null));
      if (settings.ranker() != null) {
        RankerVersion served = rankers.serveFile(settings.ranker());
        LOG.info("serving ranker version " + served.version() + " from " + settings.ranker());
      }
      loop.startTrainingLog(settings.trainingLog());
      long warmupMs = loop.funnel().warmUp(warmUpQueries(items), WARMUP_ROUNDS);
      List<ApiModule> modules = new ArrayList<>();
      modules.add(new FunnelSearchApi(loop.funnel(), gate));
      // the journal writes training-log lines, stores the events and applies them to the loop, consistently with its snapshots
      EventsApi eventsApi = new EventsApi(loop.journal(events), loop.funnel().ledger()::contains);
      if (gate != null) {
        eventsApi.onEvents(gate::observe);
      }
      modules.add(eventsApi);
      modules.add(new dev.funnel.retrieval.ItemsApi(updater, dev.funnel.retrieval.ItemMapping.of(index), catalog).onUpdates(catalogUpdates));
      if (related != null) {
        modules.add(new RelatedApi(related, gate, catalog::contains));
      }
      // the access log's request id and the per-strategy latency of full-funnel searches
      loop.funnel().onServed(r -> RequestScope.served(r.requestId(), List.copyOf(r.decision().action().budgets().keySet())));
      if (features.metrics() != null) {
        eventsApi.onEvents(new LoopMetrics(features.metrics(), loop, events)::accepted);
      }
      modules.add(new ModelsApi(rankers, gate));
      // the web console (GET /console) and the routes behind it: timeline, off-policy estimates, graph degrees
      this.console = opened.push(Console.create(loop, events, eventsApi, rankers, state, related, graphModel));
      modules.addAll(console.modules());
      Map<String, Object> health = new LinkedHashMap<>();
      health.put("items", index.size());
      health.put("strategies", loop.funnel().retrievers().keySet());
      health.put("bandit_strategies", loop.funnel().bandit().actionSpace().strategies());
      health.put("bandit_policy", loop.funnel().bandit().config().policy().name());
      health.put("search_stages", loop.funnel().stages());
      health.put("loop", settings.description());
      health.put("search_settings", search.toMap());
      health.put("ranker", loop.funnel().ranking().ranker().name());
      health.put("index_snapshot", index.snapshot().getFileName().toString());
      health.put("events_stored", 0L);
      health.put("related_items", related != null);
      if (related != null) {
        health.put("graph_nodes", related.model().nodeCount());
        health.put("graph_nodes_in_catalog", graphNodesInCatalog);
      }
      health.put("decision_model", gate == null ? null : gate.describe());
      health.put("warmup_ms", warmupMs);
      health.put("state", state.toString());
      health.put("recovery", recovery);
      this.server = opened.push(new FunnelServer(modules, () -> {
        Map<String, Object> h = new LinkedHashMap<>(health);
        h.put("events_stored", events.size());
        h.put("items", catalog.size());
        Map<String, Object> itemUpdates = new LinkedHashMap<>(updater.stats());
        itemUpdates.put("items_touched_at_start", touched);
        h.put("item_updates", itemUpdates);
        h.put("loop_stats", loop.stats());
        h.put("ranker_version", rankers.live());
        return h;
      }, limits, features));
    } catch (IOException | RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  /** A process over these files with the loop {@code settings}, default search settings and limits, no operational features. */
  public ServerAssembly(Path indexDir, Path eventsDir, Path stateDir, Path graphModel, Path decisionModel, LoopConfig settings)
      throws IOException {
    this(ServingConfig.of(indexDir, eventsDir, stateDir, graphModel, decisionModel, settings));
  }

  /**
   * How many nodes of a graph model are items of the catalog. None is an error (a model trained
   * on another catalog's ids would serve nothing); a partial match is reported, since graphs
   * from event logs may hold items that have left the catalog.
   */
  static int nodesInCatalog(GraphModel model, java.util.function.Function<String, java.util.Optional<dev.funnel.core.Item>> catalog, Path file) {
    int in = 0;
    for (int u = 0; u < model.nodeCount(); u++) {
      in += catalog.apply(model.id(u)).isPresent() ? 1 : 0;
    }
    if (in == 0) {
      throw new dev.funnel.core.InvalidInputException("--graph-model", file,
          "expected a model over the catalog's item ids, but none of its " + model.nodeCount() + " nodes (e.g. '" + model.id(0) + "') is an item of the index");
    }
    if (in < model.nodeCount()) {
      LOG.warn((model.nodeCount() - in) + " of the graph model's " + model.nodeCount()
          + " nodes are not items of the index; their related items are never served");
    }
    return in;
  }

  /**
   * The bandit's strategies: bm25, dense when the index has vectors, memory, structured when the
   * catalog has keyword fields, and graph when a related-items model is served.
   */
  static List<String> strategies(CatalogIndex index, boolean graph) {
    List<String> s = new ArrayList<>(List.of("bm25"));
    if (index.retrievers().containsKey("dense")) {
      s.add("dense");
    }
    s.add("memory");
    if (!index.keywordFields().isEmpty()) {
      s.add("structured");
    }
    if (graph) {
      s.add(RelatedItems.STRATEGY);
    }
    return s;
  }

  /** Warm-up passes over {@link #warmUpQueries}: enough for the JIT to compile the hot paths. */
  static final int WARMUP_ROUNDS = 5;

  /** Up to 20 queries from the catalog itself: the first three words of evenly spaced items' text. */
  static List<String> warmUpQueries(java.util.Collection<dev.funnel.core.Item> items) {
    List<dev.funnel.core.Item> all = new ArrayList<>(items);
    List<String> out = new ArrayList<>();
    int n = Math.min(20, all.size());
    for (int i = 0; i < n; i++) {
      dev.funnel.core.Item item = all.get((int) ((long) i * all.size() / n));
      String text = item.text().values().stream().filter(t -> !t.isBlank()).findFirst().orElse("");
      String[] words = text.strip().split("\\s+");
      out.add(String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length))));
    }
    return out;
  }

  /**
   * Starts listening on {@code host}:{@code port} (0 picks a free port) and returns the port. A
   * process that cannot listen (the port is taken, the address is not local) is closed, with
   * everything it opened, before the failure is thrown.
   */
  public int start(String host, int port) throws IOException {
    try {
      return server.start(host, port);
    } catch (RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  /** The endpoints the server registered, {@code "METHOD /path"} ({@link FunnelServer#routes()}). */
  public List<String> routes() {
    return server.routes();
  }

  public CatalogIndex index() {
    return index;
  }

  /** What {@link FunnelLoop#recover} replayed at start. */
  public Map<String, Object> recovery() {
    return recovery;
  }

  public FunnelLoop loop() {
    return loop;
  }

  /** Stops the server, saves the loop state (memory, bandit, ranker) and closes the files, newest first. */
  @Override
  public void close() throws IOException {
    opened.close();
  }

  private static dev.funnel.retrieval.IndexUpdater openUpdater(CatalogIndex index, java.time.Duration commitEvery) throws IOException {
    dev.funnel.retrieval.IndexUpdater u = dev.funnel.retrieval.IndexUpdater.open(index, commitEvery);
    if (((Number) u.recovery().get("replayed_records")).longValue() > 0) {
      LOG.info("replayed the item updates after the index's last commit: " + u.recovery());
    }
    return u;
  }

  /** The served catalog (changed in place by item updates). */
  public dev.funnel.learning.LiveCatalog catalog() {
    return catalog;
  }

  /** Item updates of the index. */
  public dev.funnel.retrieval.IndexUpdater updater() {
    return updater;
  }
}
