package dev.funnel.cli.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import dev.funnel.assembly.LoopConfig;
import dev.funnel.assembly.ServerAssembly;
import dev.funnel.assembly.ServingConfig;
import dev.funnel.serving.FunnelConfig;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import dev.funnel.retrieval.CatalogIndexer;
import dev.funnel.retrieval.IndexConfig;
import dev.funnel.retrieval.MiniLmEmbedder;
import dev.funnel.retrieval.SyntheticCatalog;
import dev.funnel.retrieval.TextEmbedder;
import dev.funnel.retrieval.WordAverageEmbedder;
import dev.funnel.server.ops.ServerFeatures;
import dev.funnel.server.ops.ServerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funnel bench funnel}: latency of the full-funnel {@code POST /search} over HTTP on a
 * seeded synthetic catalog, after a warm-up that sends clicks through {@code POST /events} and
 * trains the LambdaMART ranker, so the measured requests run every stage (QU, bandit, strategies,
 * union, features, LambdaMART with explanations).
 */
@Command(
    name = "funnel",
    mixinStandardHelpOptions = true,
    description = {
      "Latency (p50/p99) of the full-funnel POST /search over HTTP on a seeded",
      "synthetic catalog, after a warm-up with clicks and a ranker retraining."
    })
public final class BenchFunnelCommand implements Callable<Integer> {
  /** Vocabulary of the synthetic catalog, as in the retrieval benchmark. */
  static final int VOCABULARY = 50_000;

  @Option(names = "--docs", defaultValue = "100000", description = "Catalog size (default ${DEFAULT-VALUE}).")
  int docs;

  @Option(names = "--searches", defaultValue = "2000", description = "Measured searches (default ${DEFAULT-VALUE}).")
  int searches;

  @Option(names = "--warmup", defaultValue = "2000", description = "Warm-up searches with simulated clicks (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--k", defaultValue = "10", description = "Results per search (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of catalog, queries, clicks, bandit (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--work", paramLabel = "DIR", description = "Work folder; the index is cached there (default .funnel/bench-funnel/DOCS-SEED).")
  Path work;

  @Option(names = "--ops", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "Serve with Prometheus metrics (HTTP, strategy and loop meters) and the access log on, as 'serve' does by default; off measures the bare funnel (default: ${DEFAULT-VALUE}).")
  boolean ops;

  @Option(names = "--json", description = "Also write the result to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (docs < 100 || searches < 1 || warmup < 0) {
      throw new InvalidInputException("docs", docs, "expected --docs >= 100, --searches >= 1, --warmup >= 0");
    }
    Path dir = work != null ? work : Path.of(".funnel", "bench-funnel", docs + "-" + seed);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("docs", docs);
    config.put("searches", searches);
    config.put("warmup", warmup);
    config.put("k", k);
    config.put("seed", seed);
    config.put("work", dir.toString());
    config.put("ops", ops);
    JsonOutput.header("bench funnel", config);
    SyntheticCatalog catalog = new SyntheticCatalog(seed, VOCABULARY);
    TextEmbedder words = new WordAverageEmbedder(MiniLmEmbedder.shared());
    Path indexDir = dir.resolve("index");
    long t0 = System.nanoTime();
    boolean built = false;
    if (!Files.exists(indexDir.resolve("CURRENT"))) {
      System.err.println("funnel: indexing " + docs + " synthetic items with word-average vectors into " + indexDir);
      new CatalogIndexer(IndexConfig.defaults(List.of("title", "description")), words)
          .build(indexDir, catalog.items(docs), docs, Map.of("input", "synthetic seed=" + seed + " docs=" + docs));
      built = true;
    }
    double indexSeconds = (System.nanoTime() - t0) / 1e9;
    List<String> queries = catalog.queries(Math.max(searches, warmup));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config);
    out.put("cores", Runtime.getRuntime().availableProcessors());
    if (built) {
      out.put("index_seconds", indexSeconds);
    }
    Path process = Files.createTempDirectory("funnel-bench-process");
    // the process `serve` assembles, with its own state folder; no autosave, training log or retraining during the run,
    // and documents carry word-average vectors (in the model's space) while queries are embedded by the real model, as in serving
    LoopConfig loopConfig = new LoopConfig(LoopOptions.defaults(List.of(), seed).withFunnel(FunnelConfig.defaults(seed).withRetrainEvery(0)),
        null, FunnelLoop.TrainingLogMode.OFF, LoopConfig.defaults(seed).itemCommitEvery(), null, Map.of());
    ServerFeatures features = ops ? new ServerFeatures(null, null, new ServerMetrics(), true) : ServerFeatures.none();
    ServingConfig serving = ServingConfig.of(indexDir, process.resolve("events"), process.resolve("state"), null, null, loopConfig)
        .withFeatures(features).withQueryEmbedder(MiniLmEmbedder.shared());
    t0 = System.nanoTime();
    try (ServerAssembly server = new ServerAssembly(serving)) {
      FunnelLoop loop = server.loop();
      out.put("loop_startup_seconds", (System.nanoTime() - t0) / 1e9);
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      // a lean client, as a load tester would be: HTTP/1.1 keep-alive, responses handled on the
      // client's selector thread instead of hopping to a pool (the client shares the 2 cores)
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
      ObjectMapper mapper = new ObjectMapper();
      SplittableRandom clicks = new SplittableRandom(seed);
      for (int i = 0; i < warmup; i++) {
        JsonNode r = mapper.readTree(post(http, base + "/search", body(queries.get(i))).body());
        StringBuilder ev = new StringBuilder("[");
        JsonNode list = r.path("items");
        for (int p = 0; p < list.size(); p++) {
          String item = list.get(p).path("id").asText();
          // a position-biased user: clicks position p with probability 0.3 / p
          String type = clicks.nextDouble() < 0.3 / (p + 1) ? "click" : "impression";
          ev.append(p == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"request_id\":\"").append(r.path("request_id").asText())
              .append("\",\"item_id\":\"").append(item).append("\",\"position\":").append(p + 1).append(",\"timestamp\":\"")
              .append(Instant.now()).append("\"}");
        }
        post(http, base + "/events", ev.append("]").toString());
      }
      boolean trained = warmup > 0 && loop.feedback().retrain();
      out.put("ranker", loop.funnel().ranking().ranker().name());
      out.put("ranker_trained_after_warmup", trained);
      double[] latency = new double[searches];
      double[] took = new double[searches];
      double[] candidates = new double[searches];
      ServerSideCost cost = ServerSideCost.start(List.of("HttpClient-"));
      for (int i = 0; i < searches; i++) {
        String b = body(queries.get(i));
        long s = System.nanoTime();
        HttpResponse<String> r = post(http, base + "/search", b);
        latency[i] = (System.nanoTime() - s) / 1e6;
        JsonNode n = mapper.readTree(r.body());
        took[i] = n.path("took_ms").asDouble();
        candidates[i] = n.path("candidates_retrieved").asDouble();
      }
      out.put("server_side", cost.perRequest(searches));
      out.put("http_latency_ms", stats(latency));
      out.put("server_took_ms", stats(took));
      out.put("candidates_per_search", Summary.mean(candidates));
      out.put("loop", loop.stats());
    }
    JsonOutput.emit(out, json, System.out);
    return 0;
  }

  private static Map<String, Object> stats(double[] xs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", Summary.percentile(xs, 50));
    m.put("p99", Summary.percentile(xs, 99));
    m.put("mean", Summary.mean(xs));
    return m;
  }

  private String body(String query) {
    return "{\"query\": \"" + query.replace("\"", "") + "\", \"k\": " + k + "}";
  }

  private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r;
  }
}
