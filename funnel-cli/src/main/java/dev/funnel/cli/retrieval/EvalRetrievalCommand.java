package dev.funnel.cli.retrieval;

import dev.funnel.cli.JsonOutput;
import dev.funnel.retrieval.BeirDataset;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.SearchSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(names = "--k1", defaultValue = "0.9", description = "BM25 k1 (default: ${DEFAULT-VALUE}).")
  double k1;

  @Option(names = "--b", defaultValue = "0.4", description = "BM25 b (default: ${DEFAULT-VALUE}).")
  double b;

  @Option(names = "--rrf-k", description = "Reciprocal-rank fusion constant (hybrid-rrf, multi-strategy requests).")
  Integer rrfK;

  @Option(names = "--fusion-depth", description = "Candidates per list in hybrid fusion.")
  Integer fusionDepth;

  @Option(names = "--dense-weight", description = "Dense weight of hybrid (min-max fusion), in [0, 1].")
  Double denseWeight;

  @Option(names = "--knn-candidates", description = "HNSW candidates searched per query.")
  Integer knnCandidates;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    SearchSettings d = SearchSettings.DEFAULTS;
    SearchSettings settings = d.withBm25(k1, b)
        .withFusion(rrfK == null ? d.rrfK() : rrfK, fusionDepth == null ? d.fusionDepth() : fusionDepth,
            denseWeight == null ? d.denseWeight() : denseWeight)
        .withKnnCandidates(knnCandidates == null ? d.knnCandidates() : knnCandidates);
    Path dir = index == null ? BeirEval.defaultIndex(beir) : index;
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("beir", beir.toString());
    header.put("split", split);
    header.put("strategies", strategies);
    header.put("index", dir.toString());
    header.put("settings", settings);
    JsonOutput.header("eval retrieval", header);
    BeirDataset data = BeirDataset.load(beir, split);
    boolean vectors = !noVectors && BeirEval.needsVectors(strategies);
    try (CatalogIndex idx = BeirEval.openOrBuild(beir, dir, vectors, rebuild, settings)) {
      Map<String, Object> out = BeirEval.run(data, idx, strategies);
      out.put("settings", settings);
      out.put("index", dir.toString());
      out.put("embedding_model", idx.metadata().embeddingModel());
      JsonOutput.emit(out, json, System.out);
    }
    return 0;
  }
}
