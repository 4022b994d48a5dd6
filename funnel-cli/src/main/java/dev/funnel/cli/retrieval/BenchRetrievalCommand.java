package dev.funnel.cli.retrieval;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.core.metrics.Summary;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.CatalogIndexer;
import dev.funnel.retrieval.IndexConfig;
import dev.funnel.retrieval.MiniLmEmbedder;
import dev.funnel.retrieval.SearchSettings;
import dev.funnel.retrieval.SyntheticCatalog;
import dev.funnel.retrieval.TextEmbedder;
import dev.funnel.retrieval.WordAverageEmbedder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel bench retrieval}: indexing throughput, query latency and memory on a seeded synthetic catalog. */
@Command(
    name = "retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark indexing and search on a seeded synthetic catalog (Zipf terms, log-normal lengths, Pareto popularity).",
      "Measures text-only and text+vectors indexing (docs/s), query latency p50/p99 per strategy (dense both end-to-end",
      "and kNN-only), and peak memory. The N-document vector index uses word-average vectors from the same model",
      "(see docs/retrieval.md); text+vectors throughput is measured with the full sentence model on --vector-docs."
    })
public final class BenchRetrievalCommand implements Callable<Integer> {
  @Option(names = "--docs", defaultValue = "100000", description = "Catalog size (default: ${DEFAULT-VALUE}).")
  int docs;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--queries", defaultValue = "1000", description = "Timed queries per strategy (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--vector-docs", description = "Documents embedded with the sentence model for the text+vectors rate (default: min(docs, 5000)).")
  Integer vectorDocs;

  @Option(names = "--vector-index-docs",
      description = "Documents of the word-average vector index that dense and hybrid are timed on (default: --docs; 0: no vector index).")
  Integer vectorIndexDocs;

  @Option(names = "--vocabulary", defaultValue = "50000", description = "Distinct words (default: ${DEFAULT-VALUE}).")
  int vocabulary;

  @Option(names = "--k", defaultValue = "10", description = "Results per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--threads", description = "Indexing threads (default: available cores).")
  Integer threads;

  @Option(names = "--dir", description = "Working folder for the indexes (default: a temporary folder, deleted after).")
  Path dir;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    int vDocs = vectorDocs == null ? Math.min(docs, 5000) : Math.min(docs, vectorDocs);
    int vIndexDocs = vectorIndexDocs == null ? docs : Math.min(docs, vectorIndexDocs);
    if (vIndexDocs < 0) {
      throw new dev.funnel.core.InvalidInputException("vector-index-docs", vectorIndexDocs, "expected 0 or more");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("docs", docs);
    config.put("seed", seed);
    config.put("queries", queries);
    config.put("vector_docs", vDocs);
    config.put("vector_index_docs", vIndexDocs);
    config.put("vocabulary", vocabulary);
    config.put("k", k);
    config.put("threads", nThreads);
    JsonOutput.header("bench retrieval", config);
    boolean temp = dir == null;
    Path work = temp ? Files.createTempDirectory("funnel-bench") : dir;
    try {
      return run(work, nThreads, vDocs, vIndexDocs, config);
    } finally {
      if (temp) {
        try (var s = Files.walk(work)) {
          for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  private int run(Path work, int nThreads, int vDocs, int vIndexDocs, Map<String, Object> config) throws IOException {
    SyntheticCatalog catalog = new SyntheticCatalog(seed, vocabulary);
    IndexConfig base = IndexConfig.defaults(List.of("title", "description")).withThreads(nThreads);
    MiniLmEmbedder model = MiniLmEmbedder.shared();
    Map<String, Object> indexing = new LinkedHashMap<>();
    Map<String, Object> disk = new LinkedHashMap<>();

    long t0 = System.nanoTime();
    new CatalogIndexer(base.withVectors(false)).build(work.resolve("text"), catalog.items(docs), docs, Map.of("input", "synthetic"));
    indexing.put("text_only_docs_per_s", rate(docs, t0));
    indexing.put("text_only_docs", docs);
    disk.put("text_only_bytes", snapshotBytes(work.resolve("text")));

    if (vDocs > 0) {
      t0 = System.nanoTime();
      new CatalogIndexer(base, model).build(work.resolve("model"), catalog.items(vDocs), vDocs, Map.of("input", "synthetic"));
      indexing.put("text_vectors_docs_per_s", rate(vDocs, t0));
      indexing.put("text_vectors_docs", vDocs);
      indexing.put("embedding_model", model.name());
      disk.put("text_vectors_docs", vDocs);
      disk.put("text_vectors_bytes", snapshotBytes(work.resolve("model")));
    }

    if (vIndexDocs > 0) {
      TextEmbedder words = new WordAverageEmbedder(model);
      t0 = System.nanoTime();
      new CatalogIndexer(base, words).build(work.resolve("full"), catalog.items(vIndexDocs), vIndexDocs, Map.of("input", "synthetic"));
      indexing.put("word_average_vectors_docs_per_s", rate(vIndexDocs, t0));
      indexing.put("word_average_vectors_docs", vIndexDocs);
      disk.put("word_average_vectors_docs", vIndexDocs);
      disk.put("word_average_vectors_bytes", snapshotBytes(work.resolve("full")));
    }

    List<String> qs = catalog.queries(queries);
    Map<String, Object> latency = new LinkedHashMap<>();
    // Lexical strategies are timed on the text index of all --docs documents; dense and hybrid on
    // the vector index (the same documents unless --vector-index-docs caps it).
    try (CatalogIndex index = CatalogIndex.open(work.resolve("text"), SearchSettings.DEFAULTS)) {
      for (String name : List.of("bm25", "bm25-pop")) {
        Retriever r = index.retriever(name);
        latency.put(name, time(qs, q -> r.retrieve(Query.of(q), k)));
      }
    }
    if (vIndexDocs > 0) {
      try (CatalogIndex index = CatalogIndex.open(work.resolve("full"), SearchSettings.DEFAULTS, model)) {
        for (String name : List.of("dense", "hybrid", "hybrid-rrf")) {
          Retriever r = index.retriever(name);
          latency.put(name, time(qs, q -> r.retrieve(Query.of(q), k)));
        }
        List<float[]> vectors = new ArrayList<>();
        latency.put("dense_query_embedding", time(qs, q -> vectors.add(model.embed(q))));
        int[] next = {0};
        latency.put("dense_knn_only", time(qs, q -> index.nearest(vectors.get(next[0]++ % vectors.size()), dev.funnel.core.Filters.NONE, k)));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config);
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("indexing", indexing);
    out.put("index_disk", disk);
    out.put("latency_ms", latency);
    out.put("memory", memory());
    JsonOutput.emit(out, json, System.out);
    return 0;
  }

  /** Bytes of the live snapshot's files. */
  private static long snapshotBytes(Path indexDir) throws IOException {
    Path snapshot = indexDir.resolve(Files.readString(indexDir.resolve("CURRENT")).strip());
    try (var s = Files.walk(snapshot)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static double rate(int n, long t0) {
    return n / Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
  }

  /** Latency percentiles of {@code action} over the queries, after one untimed warm-up pass over 200 of them. */
  private static Map<String, Object> time(List<String> qs, Consumer<String> action) {
    for (int i = 0; i < Math.min(200, qs.size()); i++) {
      action.accept(qs.get(i));
    }
    double[] ms = new double[qs.size()];
    for (int i = 0; i < qs.size(); i++) {
      long t = System.nanoTime();
      action.accept(qs.get(i));
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", Summary.percentile(ms, 50));
    m.put("p99", Summary.percentile(ms, 99));
    m.put("mean", Summary.mean(ms));
    return m;
  }

  private static Map<String, Object> memory() {
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("heap_peak_mb", heapPeak / 1048576.0);
    m.put("heap_max_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          m.put("rss_peak_mb", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      m.put("rss_peak_mb", null);
    }
    return m;
  }
}
