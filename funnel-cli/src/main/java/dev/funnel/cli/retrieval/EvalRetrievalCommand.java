package dev.funnel.cli.retrieval;

import dev.funnel.cli.JsonOutput;
import dev.funnel.retrieval.BeirDataset;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.MiniLmEmbedder;
import dev.funnel.retrieval.SearchSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel eval retrieval}: nDCG@10, Recall@100, MRR@10 and latency per strategy on a BEIR folder. */
@Command(
    name = "retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate retrieval strategies on a BEIR-format folder: nDCG@10, Recall@100, MRR@10, latency p50/p99.",
      "The index is built on first use and cached (see --index)."
    })
public final class EvalRetrievalCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--beir", required = true, description = "BEIR folder (corpus.jsonl, queries.jsonl, qrels/).")
  Path beir;

  @Option(names = "--split", defaultValue = "test", description = "qrels split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--strategies", split = ",", description = "Strategies to evaluate (default: all the index has).")
  List<String> strategies;

  @Option(names = "--index", description = "Index cache folder (default: .funnel/eval/DATASET).")
  Path index;

  @Option(names = "--no-vectors", description = "Index without vectors (only bm25 and bm25-pop).")
  boolean noVectors;

  @Option(names = "--rebuild", description = "Rebuild the index even when the cached one fits.")
  boolean rebuild;

  @Option(names = "--threads", description = "Indexing threads when the index is built (default: available cores). The index does not depend on it.")
  Integer threads;

  @Option(names = "--embedding-model", defaultValue = "all-minilm-l6-v2-q",
      description = "Sentence model when the index is built with vectors: all-minilm-l6-v2-q (int8, default) or all-minilm-l6-v2 (float32).")
  String embeddingModel;

  @Mixin SearchOptions search;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    int undefined;
    SearchSettings settings = search.settings();
    Path dir = index == null ? BeirEval.defaultIndex(beir) : index;
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("beir", beir.toString());
    header.put("split", split);
    header.put("strategies", strategies);
    header.put("index", dir.toString());
    header.put("settings", settings.toMap());
    header.put("threads", threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    MiniLmEmbedder.Variant model = MiniLmEmbedder.Variant.byModelName(embeddingModel);
    header.put("embedding_model", model.modelName());
    JsonOutput.header("eval retrieval", header);
    BeirDataset data = BeirDataset.load(beir, split);
    boolean vectors = !noVectors && BeirEval.needsVectors(strategies);
    try (CatalogIndex idx = BeirEval.openOrBuild(beir, dir, vectors, rebuild, settings, threads, model)) {
      Map<String, Object> out = BeirEval.run(data, idx, strategies);
      out.put("settings", settings.toMap());
      out.put("index", dir.toString());
      out.put("embedding_model", idx.metadata().embeddingModel());
      out.put("index_statistics", idx.statistics().toMap());
      undefined = JsonOutput.emit(out, json, System.out);
    }
    return strict.exitCode(undefined);
  }
}
