package dev.funnel.cli.graph;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import dev.funnel.graph.BladeTraining;
import dev.funnel.graph.DualEmbeddings;
import dev.funnel.graph.EdgeSample;
import dev.funnel.graph.GnnConfig;
import dev.funnel.graph.GnnTrainer;
import dev.funnel.graph.Graph;
import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedApi;
import dev.funnel.graph.RelatedItems;
import dev.funnel.graph.SyntheticGraph;
import dev.funnel.server.FunnelServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./funnel bench graph}: BLADE training speed and memory on a seeded synthetic power-law
 * graph, and {@code /related} latency through a real HTTP server.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Benchmark BLADE training (time per epoch, peak memory) on a synthetic power-law graph and /related latency.")
public final class GraphBenchCommand implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "1000000", description = "Nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--edges", defaultValue = "10000000", description = "Edge draws (default: ${DEFAULT-VALUE}).")
  long edges;

  @Option(names = "--alpha", defaultValue = "2.1", description = "Pareto tail index of degrees (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--batches", defaultValue = "300",
      description = "Training batches timed; the epoch time is extrapolated from them (default: ${DEFAULT-VALUE}).")
  long batches;

  @Option(names = "--warmup-batches", defaultValue = "200",
      description = "Batches trained first on a graph of the same shape with a twentieth of the nodes (at least 10,000), "
          + "so the timed batches run compiled code; 0 = none (default: ${DEFAULT-VALUE}).")
  long warmupBatches;

  @Option(names = "--index-nodes", defaultValue = "100000",
      description = "Nodes whose embeddings go into the HNSW index for the latency test (default: ${DEFAULT-VALUE}).")
  int indexNodes;

  @Option(names = "--queries", defaultValue = "2000", description = "/related requests timed (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Mixin BladeOptions blade;

  @Override
  public Integer call() throws Exception {
    if (batches < 1) {
      throw new InvalidInputException("batches", batches, "expected an integer >= 1");
    }
    if (warmupBatches < 0) {
      throw new InvalidInputException("warmup-batches", warmupBatches, "expected an integer >= 0");
    }
    if (queries < 10) {
      throw new InvalidInputException("queries", queries, "expected an integer >= 10");
    }
    GnnConfig cfg = blade.config();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("nodes", nodes);
    config.put("edges", edges);
    config.put("alpha", alpha);
    config.put("batches", batches);
    config.put("warmup_batches", warmupBatches);
    config.put("index_nodes", indexNodes);
    config.put("queries", queries);
    config.put("seed", seed);
    config.put("blade", cfg.toMap());
    JsonOutput.header("bench graph", config);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config);

    long t0 = System.nanoTime();
    Graph g = SyntheticGraph.generate(nodes, edges, alpha, seed);
    out.put("generate_seconds", (System.nanoTime() - t0) / 1e9);
    out.put("distinct_edges", g.edgeCount());
    int maxIn = 0;
    int maxOut = 0;
    for (int u = 0; u < g.nodeCount(); u++) {
      maxIn = Math.max(maxIn, g.inDegree(u));
      maxOut = Math.max(maxOut, g.outDegree(u));
    }
    out.put("max_in_degree", maxIn);
    out.put("max_out_degree", maxOut);

    if (warmupBatches > 0) {
      int warmNodes = Math.min(nodes, Math.max(10_000, nodes / 20));
      long warmEdges = Math.max(1, edges / Math.max(1, nodes / warmNodes));
      long tw = System.nanoTime();
      long cw = BladeTraining.cpuNanos();
      Graph warm = SyntheticGraph.generate(warmNodes, warmEdges, alpha, seed + 1);
      GnnTrainer.train(warm, cfg, EdgeSample.EMPTY, seed + 1, false, warmupBatches);
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("nodes", warmNodes);
      w.put("edges", warmEdges);
      w.put("batches", warmupBatches);
      w.put("seconds", (System.nanoTime() - tw) / 1e9);
      w.put("process_cpu_seconds", (BladeTraining.cpuNanos() - cw) / 1e9);
      out.put("warmup", w);
    }
    long cpu0 = BladeTraining.cpuNanos();
    GnnTrainer.Result r = GnnTrainer.train(g, cfg, EdgeSample.EMPTY, seed, true, batches);
    double cpu = (BladeTraining.cpuNanos() - cpu0) / 1e9;
    long batchesPerEpoch = (g.edgeCount() + cfg.batchSize() - 1) / cfg.batchSize();
    // r.seconds() also includes initialising the model and building the final embeddings of all
    // nodes (inference, done once per epoch), reported separately.
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("batches_timed", r.batches());
    train.put("batch_size", cfg.batchSize());
    train.put("seconds_timed_including_inference", r.seconds());
    train.put("process_cpu_seconds", cpu);
    train.put("batches_per_epoch", batchesPerEpoch);
    out.put("training", train);

    double perBatch = r.batchSeconds() / Math.max(1, r.batches());
    double rest = r.seconds() - r.batchSeconds();
    train.put("seconds_in_batches", r.batchSeconds());
    train.put("seconds_per_batch", perBatch);
    double cpuPerBatch = r.batchCpuSeconds() / Math.max(1, r.batches());
    train.put("cpu_seconds_in_batches", r.batchCpuSeconds());
    train.put("cpu_seconds_per_batch", cpuPerBatch);
    train.put("extrapolated_epoch_cpu_seconds_batches_only", cpuPerBatch * batchesPerEpoch);
    train.put("seconds_init_and_inference", rest);
    train.put("extrapolated_epoch_seconds", perBatch * batchesPerEpoch + rest);
    // CPU seconds do not grow with other jobs on the machine the way wall seconds do. Besides the
    // final embeddings of every node (built once per epoch), the rest includes initialising the
    // model (once per training), so the epoch figure is an upper bound. The whole epoch runs on
    // cfg.threads() threads; divided by them it is the wall time on that many idle cores, as far
    // as the work splits evenly (the serial part per batch is the dense layer step).
    double restCpu = Math.max(0, cpu - r.batchCpuSeconds());
    double epochCpu = cpuPerBatch * batchesPerEpoch + restCpu;
    train.put("cpu_seconds_init_and_inference", restCpu);
    train.put("extrapolated_epoch_cpu_seconds", epochCpu);
    train.put("extrapolated_epoch_minutes_on_idle_cores", epochCpu / Math.min(cfg.threads(), cores()) / 60);
    out.put("peak_heap_mb", peakHeapMb());

    DualEmbeddings e = r.embeddings();
    int k = Math.min(indexNodes, g.nodeCount());
    float[] src = new float[k * e.dim()];
    float[] tgt = new float[k * e.dim()];
    String[] ids = new String[k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(e.source(i), 0, src, i * e.dim(), e.dim());
      System.arraycopy(e.target(i), 0, tgt, i * e.dim(), e.dim());
      ids[i] = g.id(i);
    }
    long tb = System.nanoTime();
    try (RelatedItems related = new RelatedItems(new GraphModel(ids, new DualEmbeddings(k, e.dim(), src, tgt),
        dev.funnel.core.io.FileProvenance.of(java.util.List.of("bench graph"), Map.of(), Map.of(), null), Map.of()));
        FunnelServer server = new FunnelServer(List.of(new RelatedApi(related)), Map.of())) {
      double buildSeconds = (System.nanoTime() - tb) / 1e9;
      int port = server.start("127.0.0.1", 0);
      HttpClient http = HttpClient.newHttpClient();
      SplittableRandom rng = new SplittableRandom(seed);
      int warmup = Math.min(500, queries);
      double[] lat = new double[queries];
      for (int q = 0; q < warmup + queries; q++) {
        String item = ids[rng.nextInt(k)];
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/related/" + item + "?k=10")).build();
        long s = System.nanoTime();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        long d = System.nanoTime() - s;
        if (resp.statusCode() != 200) {
          throw new IllegalStateException("/related/" + item + " answered " + resp.statusCode() + ": " + resp.body());
        }
        if (q >= warmup) {
          lat[q - warmup] = d / 1e6;
        }
      }
      // The same lookups in process (no HTTP, no JSON), to separate the index from the transport.
      double[] direct = new double[queries];
      for (int q = 0; q < queries; q++) {
        String item = ids[rng.nextInt(k)];
        long s = System.nanoTime();
        related.related(item, 10);
        direct[q] = (System.nanoTime() - s) / 1e6;
      }
      Map<String, Object> rel = new LinkedHashMap<>();
      rel.put("index_nodes", k);
      rel.put("in_process_p50_ms", Summary.percentile(direct, 50));
      rel.put("in_process_p99_ms", Summary.percentile(direct, 99));
      rel.put("index_build_seconds", buildSeconds);
      rel.put("k", 10);
      rel.put("requests", queries);
      rel.put("p50_ms", Summary.percentile(lat, 50));
      rel.put("p99_ms", Summary.percentile(lat, 99));
      rel.put("mean_ms", Summary.mean(lat));
      out.put("related_latency", rel);
    }
    out.put("peak_heap_mb", peakHeapMb());
    out.put("cores", cores());
    JsonOutput.emit(out, json, System.out);
    return 0;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static double peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum / (1024.0 * 1024.0);
  }
}
