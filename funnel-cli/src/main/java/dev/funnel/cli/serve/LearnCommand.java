package dev.funnel.cli.serve;

import dev.funnel.assembly.LearnerAssembly;
import dev.funnel.learning.replica.Learner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel learn}: the learner of a replicated deployment (see {@link Learner}). */
@Command(name = "learn", mixinStandardHelpOptions = true,
    description = "Learn from the replicas' shared event log (file or Kafka) and publish snapshots of the memory index, query understanding and bandit that 'serve --snapshots' replicas switch to.")
public final class LearnCommand implements Callable<Integer> {
  @Option(names = "--index", required = true, paramLabel = "DIR", description = "The replicas' index directory (from 'funnel index').")
  Path index;

  @Option(names = "--events", defaultValue = ".funnel/events", paramLabel = "DIR",
      description = "The shared file log's directory, with --event-log file (default: ${DEFAULT-VALUE}).")
  Path events;

  @Option(names = "--graph-model", paramLabel = "FILE", description = "The replicas' BLADE model, when they serve one (their bandit then has the graph strategy).")
  Path graphModel;

  @Option(names = "--work", paramLabel = "DIR",
      description = "The learner's working folder, rebuilt at start from the last snapshot (default: 'learner' beside --snapshots).")
  Path work;


  @Option(names = "--publish-every", defaultValue = "10s", description = "How often a snapshot is published when something was learned (default: ${DEFAULT-VALUE}).")
  String publishEvery = "10s";

  @Option(names = "--once", description = "Apply the whole log, publish one snapshot and exit (a rebuild), instead of running until stopped.")
  boolean once;

  @Mixin LoopSettings loop;

  @Mixin ReplicaSettings replica;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("index", index.toString());
    config.put("replica", replica.describe());
    config.put("loop", loop.describe());
    config.put("publish_every", ReplicaSettings.duration("--publish-every", publishEvery).toString());
    config.put("ranker", loop.ranker == null ? null : loop.ranker.toString());
    dev.funnel.cli.JsonOutput.header("learn", config);
    try (LearnerAssembly a = assemble()) {
      if (once) {
        a.learner().catchUp();
        a.learner().publish();
        System.out.println(dev.funnel.cli.JsonOutput.JSON.writeValueAsString(a.learner().stats()));
        return 0;
      }
      System.out.println("Funnel is learning from " + a.log().describe() + " into " + replica.store().dir());
      System.out.flush();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch done = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.set(true);
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      try {
        a.learner().run(ReplicaSettings.duration("--publish-every", publishEvery), stop::get);
      } finally {
        done.countDown();
      }
      return 0;
    }
  }

  /** The learner these settings describe, opened (also used by tests, in the test's JVM). */
  public LearnerAssembly assemble() throws IOException {
    return LearnerAssembly.open(index, events, graphModel, work, loop.config(), replica.config());
  }
}
