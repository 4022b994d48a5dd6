package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import dev.funnel.assembly.ServingConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.JsonOutput;
import dev.funnel.core.Item;
import dev.funnel.core.util.SharedData;
import dev.funnel.graph.AmazonAlsoBuy;
import dev.funnel.graph.BladeTraining;
import dev.funnel.graph.GnnConfig;
import dev.funnel.graph.GraphModel;
import dev.funnel.retrieval.CatalogIndexer;
import dev.funnel.retrieval.CatalogReader;
import dev.funnel.retrieval.CatalogReaders;
import dev.funnel.retrieval.IndexConfig;
import dev.funnel.retrieval.SyntheticCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel demo}: the main job on the embedded default. Indexes the Amazon Gift Cards
 * catalog from {@code ../shared/data} when it is there (a seeded synthetic shop catalog
 * otherwise, saying so) into local files, starts the HTTP API on 127.0.0.1 and prints the URL
 * and example requests.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Index a sample catalog into local files, start the HTTP API on 127.0.0.1 and print example requests.")
public final class DemoCommand implements Callable<Integer> {
  static final String AMAZON_META = "catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz";
  static final String AMAZON_REVIEWS = "catalogs/amazon_gift_cards/Gift_Cards_5.json.gz";
  /** Vocabulary of the synthetic catalog: enough distinct words for a few thousand items. */
  static final int SYNTHETIC_VOCABULARY = 20_000;

  @Option(names = "--workdir", defaultValue = ".funnel/demo", paramLabel = "DIR",
      description = "Where the demo keeps its index and event log (default: ${DEFAULT-VALUE}).")
  Path workdir;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--synthetic", description = "Use the seeded synthetic catalog even when the real one is present.")
  boolean synthetic;

  @Option(names = "--items", defaultValue = "5000", description = "Synthetic catalog size (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic catalog (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-vectors", description = "Skip the embedding model: bm25 and bm25-pop only (faster start).")
  boolean noVectors;

  @Option(names = "--no-graph", description = "Skip training the BLADE related-items model on the catalog's also_buy edges.")
  boolean noGraph;

  @Mixin LoopSettings loop;

  @Mixin LimitSettings limits;

  @Mixin dev.funnel.cli.retrieval.SearchOptions search;

  @Option(names = "--smoke", description = "Start, answer the example search once, print it and stop (for tests and CI).")
  boolean smoke;

  /** The config file a demo writes beside its data. */
  static final String CONFIG_FILE = "funnel.yaml";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * Writes {@code WORKDIR/funnel.yaml}: the files this demo serves and every loop, search and
   * limit setting it runs with, so that {@code serve --config} runs the same deployment.
   */
  Path writeConfig(Path indexDir, Path graphModel) throws java.io.IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("server.host", host);
    values.put("server.port", port);
    values.put("catalog.index", indexDir.toAbsolutePath());
    values.put("events.dir", workdir.resolve("events").toAbsolutePath());
    values.put("state.dir", workdir.resolve("state").toAbsolutePath());
    values.put("models.graph", graphModel == null ? null : graphModel.toAbsolutePath());
    for (dev.funnel.cli.config.ConfigKeys.Key k : dev.funnel.cli.config.ConfigKeys.KEYS) {
      picocli.CommandLine.Model.OptionSpec o = spec.findOption(k.flag());
      if (o != null && !values.containsKey(k.path()) && List.of("search", "loop", "limits").contains(k.section())) {
        values.put(k.path(), o.getValue());
      }
    }
    Path file = workdir.resolve(CONFIG_FILE);
    dev.funnel.cli.config.ConfigFile.write(file, values);
    return file;
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("workdir", workdir.toString());
    config.put("seed", seed);
    config.put("vectors", !noVectors);
    config.put("loop", loop.describe());
    config.put("search", search.settings().toMap());
    JsonOutput.header("demo", config);
    Path indexDir = workdir.resolve("index");
    Optional<Path> meta = synthetic ? Optional.empty() : SharedData.resolve(AMAZON_META);
    String exampleQuery;
    Path graphModel = null;
    String exampleItem = null;
    if (meta.isPresent()) {
      System.out.println("Indexing the real Amazon Gift Cards catalog from " + meta.get());
      Path reviews = SharedData.resolve(AMAZON_REVIEWS).orElse(null);
      IndexConfig cfg = IndexConfig.defaults(CatalogReaders.Mapping.AMAZON.textFields())
          .withPopularityField(reviews == null ? null : "popularity")
          .withVectors(!noVectors);
      System.out.println(reviews == null
          ? "Reviews file " + AMAZON_REVIEWS + " not found: every item's popularity is 0"
          : "Popularity from the reviews file " + reviews);
      try (CatalogReader reader = CatalogReaders.open(meta.get(), CatalogReaders.Format.AMAZON, CatalogReaders.Mapping.AMAZON, reviews, true)) {
        Map<String, String> source = new java.util.LinkedHashMap<>(Map.of("source", meta.get().toString()));
        source.putAll(dev.funnel.retrieval.ItemMapping.source(CatalogReaders.Format.AMAZON, CatalogReaders.Mapping.AMAZON));
        new CatalogIndexer(cfg).build(indexDir, reader, -1, source);
        System.out.println("Catalog read: " + reader.report().records() + " records, " + reader.report().kept() + " items, "
            + reader.report().skippedTotal() + " skipped");
        System.out.println(reader.report().quality().toText());
      }
      exampleQuery = "amazon gift card for birthday";
      if (!noGraph) {
        System.out.println("Training BLADE related items on the catalog's also_buy edges (seed " + seed + ")");
        dev.funnel.graph.Graph graph = AmazonAlsoBuy.fromItems(
            CatalogReaders.readAll(meta.get(), CatalogReaders.Format.AMAZON, CatalogReaders.Mapping.AMAZON, reviews, true));
        GraphModel model = BladeTraining.train(graph, GnnConfig.blade(), seed, meta.get().toString(), true);
        int hub = 0;
        for (int u = 1; u < graph.nodeCount(); u++) {
          hub = graph.outDegree(u) > graph.outDegree(hub) ? u : hub;
        }
        exampleItem = graph.id(hub);
        graphModel = workdir.resolve("related.model");
        model.save(graphModel);
        dev.funnel.graph.GraphDegrees.write(graph, graphModel);
      }
    } else {
      System.out.println((synthetic ? "Using" : "../shared/data not found: using")
          + " a seeded synthetic shop catalog (" + items + " items, seed " + seed + ")");
      SyntheticCatalog catalog = new SyntheticCatalog(seed, SYNTHETIC_VOCABULARY);
      IndexConfig cfg = IndexConfig.defaults(List.of()).withVectors(!noVectors);
      Iterator<Item> it = catalog.items(items);
      new CatalogIndexer(cfg).build(indexDir, it, items, Map.of("source", "synthetic seed=" + seed + " items=" + items));
      exampleQuery = catalog.queries(1).get(0);
    }
    Path configFile = writeConfig(indexDir, graphModel);
    System.out.println("Wrote the deployment config of this demo to " + configFile + " (./funnel serve --config " + configFile + ")");
    OpsSettings ops = new OpsSettings();
    ServerAssembly api = new ServerAssembly(new ServingConfig(indexDir, workdir.resolve("events"), workdir.resolve("state"), graphModel, null,
        loop.config(), search.settings(), limits.limits(), ops.features(), null));
    int bound = api.start(host, port);
    String base = "http://" + host + ":" + bound;
    String body = "{\"query\": \"" + exampleQuery + "\", \"k\": 5}";
    System.out.println();
    System.out.println("Funnel is serving " + api.index().size() + " items at " + base
        + " (strategies: " + api.index().retrievers().keySet() + ")");
    System.out.println("Console: " + base + "/console  (search with explanations, live loop charts, models, off-policy estimates, related items)");
    System.out.println("Try:");
    System.out.println("  curl -s " + base + "/health");
    System.out.println("  curl -s -X POST " + base + "/search -H 'Content-Type: application/json' -d '" + body + "'");
    System.out.println("  curl -s -X POST " + base + "/search -H 'Content-Type: application/json' -d '{\"query\": \""
        + exampleQuery + "\", \"k\": 5, \"strategies\": [\"bm25\", \"bm25-pop\"]}'");
    if (graphModel != null) {
      System.out.println("  curl -s '" + base + "/related/" + exampleItem + "?k=5'");
    }
    System.out.println("  curl -s -X POST " + base + "/events -H 'Content-Type: application/json' -d "
        + "'{\"type\": \"click\", \"request_id\": \"<request_id from /search>\", \"item_id\": \"<an item id>\", "
        + "\"position\": 1, \"timestamp\": \"2026-11-22T12:00:00Z\"}'");
    System.out.flush();
    if (smoke) {
      try (api) {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(base + "/search")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        JsonNode answer = new ObjectMapper().readTree(r.body());
        System.out.println("Example search answered HTTP " + r.statusCode() + " with " + answer.path("items").size() + " items:");
        System.out.println(answer.toPrettyString());
        boolean ok = r.statusCode() == 200 && answer.path("items").size() > 0;
        if (exampleItem != null) {
          HttpResponse<String> rel = HttpClient.newHttpClient().send(
              HttpRequest.newBuilder(URI.create(base + "/related/" + exampleItem + "?k=5")).build(), HttpResponse.BodyHandlers.ofString());
          System.out.println("Example related items answered HTTP " + rel.statusCode() + ":");
          System.out.println(new ObjectMapper().readTree(rel.body()).toPrettyString());
          ok &= rel.statusCode() == 200;
        }
        return ok ? 0 : 1;
      }
    }
    System.out.println("Press Ctrl-C to stop.");
    ServeCommand.awaitShutdown(api);
    return 0;
  }
}
