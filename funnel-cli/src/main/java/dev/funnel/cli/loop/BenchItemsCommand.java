package dev.funnel.cli.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.cli.JsonOutput;
import dev.funnel.cli.serve.LoopSettings;
import dev.funnel.assembly.ServerAssembly;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import dev.funnel.retrieval.ItemMapping;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funnel bench items}: how long an item update takes to become searchable. On a copy of
 * an index (the given one is never changed), a server is started in this process and {@code
 * --updates} new items are put one at a time over HTTP ({@code PUT /items/{id}}, records in the
 * catalog's mapping with seeded titles, each holding a unique word); after each put, {@code POST
 * /search} with {@code bm25} and then {@code dense} (when the index has vectors) is repeated until
 * it finds the item. Reports the put's round trip (durable and searchable when answered) and the
 * time from sending the put to the first search of each strategy that found it.
 */
@Command(
    name = "items",
    mixinStandardHelpOptions = true,
    description = {
      "Add-to-searchable latency of item updates (PUT /items/{id}) over HTTP on a copy of an index:",
      "the put's round trip and the time until bm25 and dense search find the new item."
    })
public final class BenchItemsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] WORDS = {"amber", "brass", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "juniper",
      "kelp", "lumen", "maple", "nectar", "onyx", "pebble", "quartz", "raven", "saffron", "tundra"};
  /** Longest wait for one item to be found before it counts as not found. */
  static final long FIND_DEADLINE_MS = 10_000;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder (from 'funnel index'); copied first, never changed.")
  Path index;

  @Option(names = "--updates", defaultValue = "50", description = "Items put, one at a time (default ${DEFAULT-VALUE}).")
  int updates;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated titles (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--work", paramLabel = "DIR", description = "Work folder for the copy, events and state (default: a new temporary folder).")
  Path work;

  @Option(names = "--json", description = "Also write the result to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (updates < 1 || updates > 100_000) {
      throw new InvalidInputException("--updates", updates, "expected 1 to 100000");
    }
    if (!Files.isRegularFile(index.resolve("CURRENT"))) {
      throw new InvalidInputException("--index", index, "expected an index folder built by `funnel index`");
    }
    Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("funnel-bench-items");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("index", index.toString());
    config.put("updates", updates);
    config.put("seed", seed);
    config.put("work", dir.toString());
    JsonOutput.header("bench items", config);
    Path copy = dir.resolve("index");
    copyTree(index, copy);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Double> put = new ArrayList<>();
    List<Double> bm25 = new ArrayList<>();
    List<Double> dense = new ArrayList<>();
    int notFound = 0;
    int firstSearchFound = 0;
    Map<String, Object> out = new LinkedHashMap<>();
    try (ServerAssembly server = new ServerAssembly(copy, dir.resolve("events"), dir.resolve("state"), null, null, new LoopSettings().config())) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      ItemMapping mapping = ItemMapping.of(server.index());
      boolean vectors = server.index().metadata().hasVectors();
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < updates; i++) {
        String id = "bench-item-" + seed + "-" + i;
        String token = "benchword" + seed + "x" + i;
        String title = WORDS[rnd.nextInt(WORDS.length)] + " " + token + " " + WORDS[rnd.nextInt(WORDS.length)];
        ObjectNode record = JSON.createObjectNode();
        record.put(mapping.idField(), id);
        record.put(mapping.mapping().textFields().get(0), title);
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/items/" + id))
            .PUT(HttpRequest.BodyPublishers.ofString(record.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("PUT /items/" + id + " answered " + r.statusCode() + ": " + r.body());
        }
        put.add((System.nanoTime() - t0) / 1e6);
        Found b = until(http, base, "bm25", token, id, t0);
        Found d = vectors ? until(http, base, "dense", title, id, t0) : null;
        if (b.ms() == null || d != null && d.ms() == null) {
          notFound++;
        }
        if (b.first() && (d == null || d.first())) {
          firstSearchFound++;
        }
        if (b.ms() != null) {
          bm25.add(b.ms());
        }
        if (d != null && d.ms() != null) {
          dense.add(d.ms());
        }
      }
      out.put("items_in_index", server.catalog().size());
      out.put("vectors", vectors);
      out.put("format", mapping.format().name().toLowerCase(java.util.Locale.ROOT));
    }
    out.put("updates", updates);
    out.put("put_ms", summary(put));
    out.put("bm25_searchable_ms", summary(bm25));
    out.put("dense_searchable_ms", summary(dense));
    out.put("found_by_the_first_search_after_the_put", firstSearchFound);
    out.put("not_found_within_ms", Map.of("deadline_ms", FIND_DEADLINE_MS, "items", notFound));
    out.put("load_average", loadAverage());
    return JsonOutput.emit(out, json, System.out);
  }

  /** When a strategy first found an item: milliseconds after the put was sent (null: not within the deadline), and whether its first search did. */
  private record Found(Double ms, boolean first) {}

  private static Found until(HttpClient http, String base, String strategy, String query, String id, long t0) throws Exception {
    long deadline = System.nanoTime() + FIND_DEADLINE_MS * 1_000_000L;
    boolean first = true;
    while (System.nanoTime() < deadline) {
      String body = "{\"query\": " + JSON.writeValueAsString(query) + ", \"strategies\": [\"" + strategy + "\"], \"k\": 10}";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/search")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (JsonNode item : JSON.readTree(r.body()).path("items")) {
        if (item.path("id").asText().equals(id)) {
          return new Found((System.nanoTime() - t0) / 1e6, first);
        }
      }
      first = false;
      Thread.sleep(5);
    }
    return new Found(null, false);
  }

  /** Median, p90, p99 and max, or null values with a reason when nothing was measured. */
  private static Map<String, Object> summary(List<Double> xs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", xs.size());
    if (xs.isEmpty()) {
      m.put("p50", null);
      m.put("reason", "no measurement (no vectors, or never found)");
      return m;
    }
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    m.put("p50", Summary.percentile(a, 50));
    m.put("p90", Summary.percentile(a, 90));
    m.put("p99", Summary.percentile(a, 99));
    m.put("max", Summary.percentile(a, 100));
    return m;
  }

  private static Object loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    if (Files.exists(to)) {
      throw new InvalidInputException("--work", to.getParent(), "expected a folder without an index copy in it");
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().equals("write.lock")) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
