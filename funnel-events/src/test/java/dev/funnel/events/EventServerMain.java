package dev.funnel.events;

import dev.funnel.server.FunnelServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A server with only the events API, run in a child JVM by {@link EventsDurabilityTest}. */
public final class EventServerMain {
  private EventServerMain() {}

  public static void main(String[] args) throws Exception {
    FileEventLog log = FileEventLog.open(Path.of(args[0]));
    FunnelServer server = new FunnelServer(List.of(new EventsApi(log, id -> false)), Map.of());
    int port = server.start("127.0.0.1", 0);
    System.out.println("PORT " + port);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
