package dev.funnel.cli.serve;

import dev.funnel.events.EventsApi;
import dev.funnel.events.FileEventLog;
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
 * ({@code POST /search}) and the durable event log ({@code POST /events}). Closing it stops the
 * server and closes the files.
 */
public final class ServerAssembly implements AutoCloseable {
  private final CatalogIndex index;
  private final FileEventLog events;
  private final FunnelServer server;

  public ServerAssembly(Path indexDir, Path eventsDir) throws IOException {
    this.index = CatalogIndex.open(indexDir);
    this.events = FileEventLog.open(eventsDir);
    List<ApiModule> modules = new ArrayList<>();
    modules.add(new SearchApi(index));
    modules.add(new EventsApi(events, id -> true));
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("items", index.size());
    health.put("strategies", index.retrievers().keySet());
    health.put("index_snapshot", index.snapshot().getFileName().toString());
    health.put("events_stored", events.size());
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
    events.close();
    index.close();
  }
}
