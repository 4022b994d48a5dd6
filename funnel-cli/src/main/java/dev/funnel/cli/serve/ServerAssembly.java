package dev.funnel.cli.serve;

import dev.funnel.events.EventsApi;
import dev.funnel.events.FileEventLog;
import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedApi;
import dev.funnel.graph.RelatedItems;
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
 * Wires the HTTP API of one Funnel process from its local files: the catalog index snapshot
 * ({@code POST /search}), the durable event log ({@code POST /events}) and, when a graph model is
 * given, related items ({@code GET /related/{item}}). Closing it stops the server and closes the
 * files.
 */
public final class ServerAssembly implements AutoCloseable {
  private final CatalogIndex index;
  private final FileEventLog events;
  private final RelatedItems related;
  private final FunnelServer server;

  /** @param graphModel a BLADE model file for {@code /related}, or {@code null} for none */
  public ServerAssembly(Path indexDir, Path eventsDir, Path graphModel) throws IOException {
    this.index = CatalogIndex.open(indexDir);
    this.events = FileEventLog.open(eventsDir);
    this.related = graphModel == null ? null : new RelatedItems(GraphModel.load(graphModel));
    List<ApiModule> modules = new ArrayList<>();
    modules.add(new SearchApi(index));
    modules.add(new EventsApi(events, id -> true));
    if (related != null) {
      modules.add(new RelatedApi(related));
    }
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("items", index.size());
    health.put("strategies", index.retrievers().keySet());
    health.put("index_snapshot", index.snapshot().getFileName().toString());
    health.put("events_stored", events.size());
    health.put("related_items", related != null);
    this.server = new FunnelServer(modules, health);
  }

  public int start(String host, int port) {
    return server.start(host, port);
  }

  public CatalogIndex index() {
    return index;
  }

  @Override
  public void close() throws IOException {
    server.close();
    if (related != null) {
      related.close();
    }
    events.close();
    index.close();
  }
}
