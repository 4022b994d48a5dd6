package dev.funnel.cli.serve;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel serve}: the HTTP API over an existing index and event log. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the HTTP API (full-funnel search, events, related items, health) over an index built by 'funnel index'.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index directory (from 'funnel index').")
  Path index;

  @Option(names = "--events", defaultValue = ".funnel/events", paramLabel = "DIR",
      description = "Event log directory, created if missing (default: ${DEFAULT-VALUE}).")
  Path events;

  @Option(names = "--graph-model", paramLabel = "FILE",
      description = "BLADE model from 'funnel train graph': serves GET /related/{item} and the graph strategy.")
  Path graphModel;

  @Option(names = "--decision-model", paramLabel = "FILE",
      description = "Conversion model with per-uncertainty thresholds from 'funnel train thresholds --format events': lets /search and /related serve only items whose predicted conversion meets a requested precision.")
  Path decisionModel;

  @Option(names = "--state", paramLabel = "DIR",
      description = "Loop state folder (memory index, bandit, ranker model), loaded at start and saved at stop (default: 'state' beside --events).")
  Path state;

  @Mixin LoopSettings loop;

  @Mixin LimitSettings limits;

  @Mixin dev.funnel.cli.retrieval.SearchOptions search;

  @Mixin ReplicaSettings replica;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("index", index.toString());
    config.put("events", events.toString());
    config.put("state", state == null ? null : state.toString());
    config.put("graph_model", graphModel == null ? null : graphModel.toString());
    config.put("decision_model", decisionModel == null ? null : decisionModel.toString());
    config.put("loop", loop.describe());
    config.put("search", search.settings().toMap());
    config.put("limits", limits.limits().toMap());
    // --- stateless replica (--snapshots): learned state from a learner's snapshots, events to the shared log
    if (replica.enabled()) {
      if (decisionModel != null) {
        throw new dev.funnel.core.InvalidInputException("--decision-model", decisionModel, "is not served by replicas (--snapshots) yet");
      }
      config.put("replica", replica.describe());
      dev.funnel.cli.JsonOutput.header("serve", config);
      ReplicaAssembly r = new ReplicaAssembly(index, events, state, graphModel, loop, search.settings(), limits.limits(), replica);
      int bound = r.start(host, port);
      System.out.println("Funnel is serving " + r.index().size() + " items at http://" + host + ":" + bound + " (replica of snapshot "
          + r.serving().version() + ")");
      System.out.flush();
      awaitShutdown(r);
      return 0;
    }
    // --- end replica
    dev.funnel.cli.JsonOutput.header("serve", config);
    ServerAssembly api = new ServerAssembly(index, events, state, graphModel, decisionModel, loop, search.settings(), limits.limits());
    int bound = api.start(host, port);
    System.out.println("Funnel is serving " + api.index().size() + " items at http://" + host + ":" + bound);
    System.out.flush();
    awaitShutdown(api);
    return 0;
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes {@code resource}. */
  static void awaitShutdown(AutoCloseable resource) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("funnel: error while stopping: " + e);
      } finally {
        stopped.countDown();
      }
    }));
    stopped.await();
  }
}
