package dev.funnel.cli.retrieval;

import dev.funnel.core.InvalidInputException;
import dev.funnel.retrieval.BeirDataset;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.CatalogIndexer;
import dev.funnel.retrieval.CatalogReader;
import dev.funnel.retrieval.CatalogReaders;
import dev.funnel.retrieval.IndexConfig;
import dev.funnel.retrieval.IndexMetadata;
import dev.funnel.retrieval.MiniLmEmbedder;
import dev.funnel.retrieval.RetrievalEvaluation;
import dev.funnel.retrieval.SearchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation of retrieval strategies on a BEIR folder, shared by {@code eval retrieval} and
 * {@code eval regress}. The index is cached in a folder and rebuilt only when it was made from
 * another corpus or lacks the vectors a strategy needs.
 */
public final class BeirEval {
  private BeirEval() {}

  /** Default cache folder for a dataset: {@code .funnel/eval/NAME} under the working directory. */
  public static Path defaultIndex(Path beir) {
    return Path.of(".funnel", "eval", beir.toAbsolutePath().normalize().getFileName().toString());
  }

  static boolean needsVectors(List<String> strategies) {
    return strategies == null || strategies.stream().anyMatch(s -> s.equals("dense") || s.startsWith("hybrid"));
  }

  /** Opens the cached index of {@code beir} in {@code indexDir}, building it first when needed. */
  public static CatalogIndex openOrBuild(Path beir, Path indexDir, boolean vectors, boolean rebuild, SearchSettings settings) throws IOException {
    return openOrBuild(beir, indexDir, vectors, rebuild, settings, null);
  }

  /**
   * As {@link #openOrBuild(Path, Path, boolean, boolean, SearchSettings)}, building with {@code
   * threads} indexing threads ({@code null}: the available cores). A cached index is reused only
   * when it was built from the same corpus with the same configuration (the thread count aside:
   * it does not change the index).
   */
  public static CatalogIndex openOrBuild(Path beir, Path indexDir, boolean vectors, boolean rebuild, SearchSettings settings, Integer threads)
      throws IOException {
    return openOrBuild(beir, indexDir, vectors, rebuild, settings, threads, MiniLmEmbedder.Variant.QUANTIZED);
  }

  /**
   * As {@link #openOrBuild(Path, Path, boolean, boolean, SearchSettings, Integer)}, embedding with
   * {@code model}; a cached index made with another model is rebuilt.
   */
  public static CatalogIndex openOrBuild(
      Path beir, Path indexDir, boolean vectors, boolean rebuild, SearchSettings settings, Integer threads, MiniLmEmbedder.Variant model)
      throws IOException {
    Path corpus = beir.resolve("corpus.jsonl").toAbsolutePath().normalize();
    IndexConfig config = IndexConfig.defaults(List.of("title", "text")).withPopularityField(null).withVectors(vectors);
    if (threads != null) {
      config = config.withThreads(threads);
    }
    if (!rebuild && usable(indexDir, corpus, config, vectors ? model.modelName() : null)) {
      System.err.println("funnel: using cached index " + indexDir);
    } else {
      System.err.println("funnel: indexing " + corpus + (vectors ? " with vectors" : "") + " into " + indexDir
          + " (" + config.threads() + " threads)");
      long lines;
      try (var s = Files.lines(corpus)) {
        lines = s.filter(l -> !l.isBlank()).count();
      }
      try (CatalogReader reader = CatalogReaders.open(beir, CatalogReaders.Format.BEIR, null, null, false)) {
        new CatalogIndexer(config, vectors ? MiniLmEmbedder.shared(model) : null).build(indexDir, reader, lines, Map.of("input", corpus.toString(), "format", "beir"));
      }
    }
    return CatalogIndex.open(indexDir, settings);
  }

  private static boolean usable(Path indexDir, Path corpus, IndexConfig config, String model) {
    try (CatalogIndex idx = CatalogIndex.open(indexDir)) {
      IndexMetadata m = idx.metadata();
      if (model != null && !model.equals(m.embeddingModel())) {
        return false;
      }
      // An index with vectors also serves text-only evaluations (bm25 does not read the vectors).
      IndexConfig built = config.vectors() ? m.config() : m.config().withVectors(false);
      return corpus.toString().equals(m.source().get("input")) && built.buildsSameIndexAs(config);
    } catch (IOException | InvalidInputException e) {
      return false;
    }
  }

  /** Metrics per strategy ({@code null} strategies: all of the index's). */
  static Map<String, Object> run(BeirDataset data, CatalogIndex index, List<String> strategies) {
    List<String> names = strategies == null ? new ArrayList<>(index.retrievers().keySet()) : strategies;
    Map<String, Object> per = new LinkedHashMap<>();
    for (String name : names) {
      var retriever = index.retriever(name);
      // Warm-up pass so the JIT has compiled the search path before latencies are taken.
      int warm = 0;
      for (String q : data.queries().values()) {
        retriever.retrieve(dev.funnel.core.Query.of(q), RetrievalEvaluation.DEPTH);
        if (++warm == 50) {
          break;
        }
      }
      RetrievalEvaluation.Result r = RetrievalEvaluation.evaluate(retriever, data);
      System.err.printf(java.util.Locale.ROOT, "funnel: %-12s nDCG@10 %.4f  R@100 %.4f  MRR@10 %.4f  p50 %.2f ms  p99 %.2f ms%n",
          name, r.ndcg10(), r.recall100(), r.mrr10(), r.latencyP50(), r.latencyP99());
      per.put(name, r.toMap());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataset", data.name());
    out.put("split", data.split());
    out.put("queries", data.queries().size());
    out.put("strategies", per);
    return out;
  }
}
