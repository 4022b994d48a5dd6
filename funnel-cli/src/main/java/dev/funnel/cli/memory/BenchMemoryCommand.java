package dev.funnel.cli.memory;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.Item;
import dev.funnel.retrieval.CatalogReaders;
import dev.funnel.core.metrics.Summary;
import dev.funnel.memory.ColdStartSimulation;
import dev.funnel.memory.MemoryConfig;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.memory.PredictedQuery;
import dev.funnel.memory.PredictedQueryGenerator;
import dev.funnel.query.RequestLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code funnel bench memory}: builds the memory index of a catalog's predicted queries, runs the
 * seeded cold-start simulation (hit rates as feedback replaces predictions), then measures lookup
 * latency, update throughput and snapshot cost on the warm index.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Benchmark the memory index: cold-start simulation, lookup latency, update throughput, snapshots.")
public final class BenchMemoryCommand implements Callable<Integer> {
  @Option(names = "--catalog", description = "Amazon metadata file (gzipped JSON lines), read as `funnel index --format amazon` reads it. Default: ${DEFAULT-VALUE}.",
      defaultValue = "../shared/data/catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz")
  Path catalog;

  @Option(names = "--searches", description = "Simulated searches. Default: ${DEFAULT-VALUE}.", defaultValue = "5000")
  int searches;

  @Option(names = "--window", description = "Searches in the first/last window of the hit-rate report. Default: ${DEFAULT-VALUE}.",
      defaultValue = "1000")
  int window;

  @Option(names = "--lookups", description = "Timed lookups. Default: ${DEFAULT-VALUE}.", defaultValue = "20000")
  int lookups;

  @Option(names = "--events", description = "Events for the update-throughput test. Default: ${DEFAULT-VALUE}.", defaultValue = "400000")
  int events;

  @Option(names = "--threads", description = "Writer threads for the parallel update test. Default: ${DEFAULT-VALUE}.", defaultValue = "2")
  int threads;

  @Option(names = "--item-evidence-share", description = "rho of the prediction fading rule (MemoryConfig). Default: ${DEFAULT-VALUE}.",
      defaultValue = "0.1")
  double itemEvidenceShare;

  @Option(names = "--k", description = "Results per lookup. Default: ${DEFAULT-VALUE}.", defaultValue = "10")
  int k;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.", defaultValue = "1")
  long seed;

  @Option(names = "--json", description = "Also write the result to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    Checks.atLeast("--searches", searches, 1);
    Checks.atLeast("--lookups", lookups, 1);
    Checks.atLeast("--events", events, 1);
    Checks.atLeast("--threads", threads, 1);
    Checks.atLeast("--k", k, 1);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("catalog", catalog.toString());
    config.put("searches", searches);
    config.put("window", window);
    config.put("lookups", lookups);
    config.put("events", events);
    config.put("threads", threads);
    config.put("k", k);
    config.put("seed", seed);
    MemoryConfig memoryConfig = MemoryConfig.DEFAULT.withItemEvidenceShare(itemEvidenceShare);
    config.put("memory_config", memoryConfig.toString());
    JsonOutput.header("bench memory", config);

    List<Item> items = CatalogReaders.readAmazon(catalog);
    long t0 = System.nanoTime();
    PredictedQueryGenerator gen = new PredictedQueryGenerator(items, PredictedQueryGenerator.DEFAULT_MAX_PER_ITEM);
    List<PredictedQuery> predicted = gen.generateAll(items);
    double generateMs = (System.nanoTime() - t0) / 1e6;
    MemoryIndex index = ColdStartSimulation.coldIndex(items, PredictedQueryGenerator.DEFAULT_MAX_PER_ITEM, memoryConfig);

    SplittableRandom root = new SplittableRandom(seed);
    long simStart = System.nanoTime();
    ColdStartSimulation.Result sim = ColdStartSimulation.run(items, index, searches, k, window, root.split().nextLong());
    double simSeconds = (System.nanoTime() - simStart) / 1e9;

    Instant now = Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofMinutes(searches));
    SplittableRandom qr = root.split();
    List<String> queries = new ArrayList<>(lookups);
    for (int i = 0; i < lookups; i++) {
      queries.add(ColdStartSimulation.userQuery(items.get(qr.nextInt(items.size())), qr));
    }
    for (int i = 0; i < Math.min(2000, lookups); i++) {
      index.lookup(queries.get(i), k, now);
    }
    // Wall time includes waiting for a core on a shared machine; thread CPU time does not.
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] lookupUs = new double[lookups];
    double[] lookupCpuUs = new double[lookups];
    double[] statsUs = new double[lookups];
    for (int i = 0; i < lookups; i++) {
      long ca = cpu.getCurrentThreadCpuTime();
      long a = System.nanoTime();
      index.lookup(queries.get(i), k, now);
      long b = System.nanoTime();
      long cb = cpu.getCurrentThreadCpuTime();
      long s0 = System.nanoTime();
      index.stats(queries.get(i), items.get(i % items.size()).id(), now);
      long s1 = System.nanoTime();
      lookupUs[i] = (b - a) / 1e3;
      lookupCpuUs[i] = (cb - ca) / 1e3;
      statsUs[i] = (s1 - s0) / 1e3;
    }

    SplittableRandom er = root.split();
    List<Event> stream = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      Item target = items.get(er.nextInt(items.size()));
      stream.add(new Event(EventType.values()[er.nextInt(10) < 7 ? 0 : 1 + er.nextInt(3)], "b" + i, target.id(), 1 + er.nextInt(10),
          now.plusSeconds(i), null, null, ColdStartSimulation.userQuery(target, er)));
    }
    MemoryIndex single = new MemoryIndex(memoryConfig, null, RequestLog.NONE, null);
    long u0 = System.nanoTime();
    stream.forEach(single::accept);
    double singleRate = events / ((System.nanoTime() - u0) / 1e9);
    MemoryIndex parallel = new MemoryIndex(memoryConfig, null, RequestLog.NONE, null);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long p0 = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    int chunk = (events + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
      List<Event> part = stream.subList(Math.min(events, t * chunk), Math.min(events, (t + 1) * chunk));
      fs.add(pool.submit(() -> part.forEach(parallel::accept)));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    double parallelRate = events / ((System.nanoTime() - p0) / 1e9);
    pool.shutdown();

    Path dir = Files.createTempDirectory("funnel-memory-bench");
    Path snap = dir.resolve("memory.snap");
    long s0 = System.nanoTime();
    index.snapshot(snap);
    double writeMs = (System.nanoTime() - s0) / 1e6;
    long size = Files.size(snap);
    long l0 = System.nanoTime();
    MemoryIndex.load(snap, memoryConfig, RequestLog.NONE, null);
    double loadMs = (System.nanoTime() - l0) / 1e6;
    Files.delete(snap);
    Files.delete(dir);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("items", items.size());
    result.put("predicted_queries", predicted.size());
    result.put("predicted_keys", index.predictedKeys());
    result.put("generate_ms", round(generateMs));
    Map<String, Object> cold = new LinkedHashMap<>();
    cold.put("searches", sim.searches());
    cold.put("window", sim.window());
    cold.put("hit_rate_first", round(sim.firstHitRate()));
    cold.put("hit_rate_last", round(sim.lastHitRate()));
    cold.put("predicted_share_first", round(sim.firstPredictedShare()));
    cold.put("predicted_share_last", round(sim.lastPredictedShare()));
    cold.put("events", sim.events());
    cold.put("seconds", round(simSeconds));
    result.put("cold_start", cold);
    result.put("feedback_keys", index.feedbackKeys());
    result.put("lookup_us", latency(lookupUs));
    result.put("lookup_cpu_us", latency(lookupCpuUs));
    result.put("load_average", Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
    result.put("stats_us", latency(statsUs));
    result.put("updates_per_second_1_thread", Math.round(singleRate));
    result.put("updates_per_second_" + threads + "_threads", Math.round(parallelRate));
    result.put("snapshot_bytes", size);
    result.put("snapshot_write_ms", round(writeMs));
    result.put("snapshot_load_ms", round(loadMs));
    JsonOutput.emit(result, json, System.out);
    return 0;
  }

  private static Map<String, Object> latency(double[] us) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", round(Summary.percentile(us, 50)));
    m.put("p99", round(Summary.percentile(us, 99)));
    m.put("mean", round(Summary.mean(us)));
    return m;
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
