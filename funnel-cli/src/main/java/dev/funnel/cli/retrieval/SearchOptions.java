package dev.funnel.cli.retrieval;

import dev.funnel.retrieval.SearchSettings;
import picocli.CommandLine.Option;

/** Retrieval settings of the catalog strategies, shared by {@code eval retrieval}, {@code serve} and {@code demo}. */
public final class SearchOptions {
  @Option(names = "--k1", defaultValue = "0.9", description = "BM25 k1 (default: ${DEFAULT-VALUE}, Anserini's BEIR setting).")
  double k1 = 0.9;

  @Option(names = "--b", defaultValue = "0.4", description = "BM25 b (default: ${DEFAULT-VALUE}).")
  double b = 0.4;

  @Option(names = "--popularity-weight", defaultValue = "1.0",
      description = "bm25-pop prior: adds this weight times ln(1 + popularity) to the BM25 score (default: ${DEFAULT-VALUE}).")
  double popularityWeight = 1.0;

  @Option(names = "--rrf-k", description = "Reciprocal-rank fusion constant (hybrid-rrf, multi-strategy requests).")
  Integer rrfK;

  @Option(names = "--fusion-depth", description = "Candidates per list in hybrid fusion.")
  Integer fusionDepth;

  @Option(names = "--dense-weight", description = "Dense weight of hybrid (min-max fusion), in [0, 1].")
  Double denseWeight;

  @Option(names = "--knn-candidates", description = "HNSW candidates searched per query.")
  Integer knnCandidates;

  /** The settings, validated by {@link SearchSettings} (errors name the setting and value). */
  public SearchSettings settings() {
    SearchSettings d = SearchSettings.DEFAULTS;
    return d.withBm25(k1, b).withPopularityWeight(popularityWeight)
        .withFusion(rrfK == null ? d.rrfK() : rrfK, fusionDepth == null ? d.fusionDepth() : fusionDepth,
            denseWeight == null ? d.denseWeight() : denseWeight)
        .withKnnCandidates(knnCandidates == null ? d.knnCandidates() : knnCandidates);
  }
}
