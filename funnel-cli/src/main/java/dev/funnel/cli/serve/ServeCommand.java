package dev.funnel.cli.serve;

import dev.funnel.assembly.ReplicaAssembly;
import dev.funnel.assembly.ServerAssembly;
import dev.funnel.assembly.ServingConfig;
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
  @Option(names = "--config", paramLabel = "FILE",
      description = "Deployment config file (YAML; see docs/configuration.md): every flag has a key there, and flags given here override it.")
  Path config;

  @Option(names = "--index", paramLabel = "DIR", description = "Index directory (from 'funnel index'); required here or as catalog.index in --config.")
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

  @Mixin OpsSettings ops;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The config file this instance was parsed with, or null. */
  private dev.funnel.cli.config.ConfigFile loaded;

  @Mixin ReplicaSettings replica;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  /**
   * This command line parsed again with {@code file}'s values as defaults (flags given on the
   * command line win): the instance to run. Fails naming the key, the file and the line of a bad
   * value.
   */
  public static ServeCommand withConfig(Path file, String... args) throws java.io.IOException {
    picocli.CommandLine cl = new picocli.CommandLine(new ServeCommand());
    dev.funnel.cli.config.ConfigFile cf = dev.funnel.cli.config.ConfigFile.read(file, cl.getCommandSpec());
    cl.setDefaultValueProvider(cf.defaults());
    try {
      cl.parseArgs(args);
    } catch (picocli.CommandLine.ParameterException e) {
      throw new dev.funnel.core.InvalidInputException(file.toString(), "config", null, e.getMessage());
    }
    ServeCommand s = cl.getCommand();
    s.loaded = cf;
    return s;
  }

  /** Checks every setting without opening anything; returns them as printed at start. Fails naming the flag (or the config key) of a bad one. */
  public java.util.Map<String, Object> validate() {
    try {
      if (index == null) {
        throw new dev.funnel.core.InvalidInputException("--index", null, "expected an index directory: --index DIR or catalog.index in --config");
      }
      java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
      config.put("config", loaded == null ? null : loaded.file().toString());
      config.put("index", index.toString());
      config.put("events", events.toString());
      config.put("state", state == null ? null : state.toString());
      config.put("graph_model", graphModel == null ? null : graphModel.toString());
      config.put("decision_model", decisionModel == null ? null : decisionModel.toString());
      config.put("host", host);
      config.put("port", port);
      config.put("loop", loop.describe());
      config.put("search", search.settings().toMap());
      config.put("limits", limits.limits().toMap());
      config.put("ops", ops.describe());
      if (port < 0 || port > 65535) {
        throw new dev.funnel.core.InvalidInputException("--port", port, "expected a port in [0, 65535] (0 picks a free one)");
      }
      return config;
    } catch (dev.funnel.core.InvalidInputException e) {
      throw loaded == null ? e : loaded.locate(e, spec == null ? null : spec.commandLine().getParseResult());
    }
  }

  /** The process these settings describe, not yet listening ({@link ServerAssembly#start} with {@link #host()}, {@link #port()}). */
  public ServerAssembly assemble() throws java.io.IOException {
    validate();
    try {
      return new ServerAssembly(config());
    } catch (dev.funnel.core.InvalidInputException e) {
      throw loaded == null ? e : loaded.locate(e, spec == null ? null : spec.commandLine().getParseResult());
    }
  }

  /** The stateless replica these settings describe ({@code --snapshots}), with the same decision model, keys, limits, metrics and access log as {@link #assemble}. */
  public ReplicaAssembly assembleReplica() throws java.io.IOException {
    validate();
    try {
      return new ReplicaAssembly(config(), replica.config());
    } catch (dev.funnel.core.InvalidInputException e) {
      throw loaded == null ? e : loaded.locate(e, spec == null ? null : spec.commandLine().getParseResult());
    }
  }

  /** The flags as the assembly's settings (a new metrics registry each time, owned by the process assembled from it). */
  private ServingConfig config() {
    return new ServingConfig(index, events, state, graphModel, decisionModel, loop.config(), search.settings(), limits.limits(), ops.features(), null);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The arguments given to this command (after {@code serve} when it ran as a subcommand). */
  private String[] ownArgs() {
    java.util.List<String> all = spec.commandLine().getParseResult().originalArgs();
    int from = spec.commandLine().getParent() == null ? 0 : all.indexOf(spec.name()) + 1;
    return all.subList(from, all.size()).toArray(String[]::new);
  }

  @Override
  public Integer call() throws Exception {
    if (config != null && loaded == null) {
      return withConfig(config, ownArgs()).call();
    }
    LogSetup.use(ops.format());
    java.util.Map<String, Object> config = validate();
    // --- stateless replica (--snapshots): learned state from a learner's snapshots, events to the shared log
    if (replica.enabled()) {
      config.put("replica", replica.describe());
      dev.funnel.cli.JsonOutput.header("serve", config);
      ReplicaAssembly r = assembleReplica();
      int bound = r.start(host, port);
      System.out.println("Funnel is serving " + r.index().size() + " items at http://" + host + ":" + bound + " (replica of snapshot "
          + r.serving().version() + ")");
      System.out.flush();
      awaitShutdown(r);
      return 0;
    }
    // --- end replica
    dev.funnel.cli.JsonOutput.header("serve", config);
    ServerAssembly api = assemble();
    int bound = api.start(host, port);
    System.out.println("Funnel is serving " + api.index().size() + " items at http://" + host + ":" + bound);
    System.out.println("Console: http://" + host + ":" + bound + "/console");
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
