package dev.funnel.cli.serve;

import dev.funnel.events.EventsApi;
import dev.funnel.events.FileEventLog;
import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedApi;
import dev.funnel.graph.RelatedItems;
import dev.funnel.loop.FunnelLoop;
import dev.funnel.loop.FunnelSearchApi;
import dev.funnel.loop.LoopOptions;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.SearchApi;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the HTTP API of one Funnel process from its local files: the catalog index snapshot, the
 * durable event log and the loop state folder. {@code POST /search} runs the full funnel ({@link
 * FunnelSearchApi}; requests naming {@code strategies} get those strategies alone), {@code POST
 * /events} stores events durably and then feeds the loop (memory index, bandit rewards, ranker
 * training and retraining); events naming unknown request ids are accepted and counted. With a
 * BLADE graph model, {@code GET /related/{item}} answers related items and the funnel gains the
 * {@code graph} strategy. Closing it stops the server, saves the loop state (memory, bandit,
 * ranker) and closes the files.
 */
public final class ServerAssembly implements AutoCloseable {
  /** Seed of the bandit and ranker training of a served process. */
  public static final long SEED = 1;

  private final CatalogIndex index;
  private final FileEventLog events;
  private final RelatedItems related;
  private final FunnelLoop loop;
  private final FunnelServer server;

  /**
   * A process whose loop state lives in {@code stateDir} (null: a {@code state} folder beside the
   * event log), serving related items from {@code graphModel} (null: none).
   */
  public ServerAssembly(Path indexDir, Path eventsDir, Path stateDir, Path graphModel) throws IOException {
    this.index = CatalogIndex.open(indexDir);
    this.events = FileEventLog.open(eventsDir);
    this.related = graphModel == null ? null : new RelatedItems(GraphModel.load(graphModel));
    Path state = stateDir != null ? stateDir : eventsDir.toAbsolutePath().resolveSibling("state");
    var items = index.items();
    var catalog = FunnelLoop.lookup(items);
    this.loop = FunnelLoop.open(index, items, catalog, related, state, LoopOptions.defaults(strategies(index), SEED));
    List<ApiModule> modules = new ArrayList<>();
    modules.add(new FunnelSearchApi(loop.funnel(), new SearchApi(index), catalog));
    modules.add(new EventsApi(events, loop.funnel().requests()::contains).onEvents(loop.feedback()));
    if (related != null) {
      modules.add(new RelatedApi(related));
    }
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("items", index.size());
    health.put("strategies", loop.funnel().retrievers().keySet());
    health.put("bandit_strategies", loop.funnel().bandit().actionSpace().strategies());
    health.put("bandit_policy", loop.funnel().bandit().config().policy().name());
    health.put("ranker", loop.funnel().ranking().ranker().name());
    health.put("index_snapshot", index.snapshot().getFileName().toString());
    health.put("events_stored", events.size());
    health.put("related_items", related != null);
    health.put("state", state.toString());
    this.server = new FunnelServer(modules, health);
  }

  public ServerAssembly(Path indexDir, Path eventsDir) throws IOException {
    this(indexDir, eventsDir, null, null);
  }

  /** The bandit's strategies: the lexical ones, dense when the index has vectors, memory, and structured when the catalog has keyword fields. */
  static List<String> strategies(CatalogIndex index) {
    List<String> s = new ArrayList<>(List.of("bm25"));
    if (index.retrievers().containsKey("dense")) {
      s.add("dense");
    }
    s.add("memory");
    if (!index.keywordFields().isEmpty()) {
      s.add("structured");
    }
    return s;
  }

  public int start(String host, int port) {
    return server.start(host, port);
  }

  public CatalogIndex index() {
    return index;
  }

  public FunnelLoop loop() {
    return loop;
  }

  @Override
  public void close() throws IOException {
    server.close();
    loop.close();
    if (related != null) {
      related.close();
    }
    events.close();
    index.close();
  }
}
