package dev.funnel.cli.retrieval;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.retrieval.CatalogReader;
import dev.funnel.retrieval.CatalogReaders;
import dev.funnel.retrieval.EmbeddingBenchmark;
import dev.funnel.retrieval.IndexConfig;
import dev.funnel.retrieval.MiniLmEmbedder;
import dev.funnel.retrieval.SyntheticCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code funnel bench embedding}: Funnel's embedding path against the bare ONNX model on the same
 * texts, in one thread with the same session options; prints the ratio as JSON (see {@link
 * EmbeddingBenchmark}).
 */
@Command(
    name = "embedding",
    mixinStandardHelpOptions = true,
    description = {
      "Time Funnel's embedding path (tokenise, sort by length, pad, model, pool) against the bare ONNX model",
      "on the same texts, one thread, same session options; prints the ratios as JSON."
    })
public final class BenchEmbeddingCommand implements Callable<Integer> {
  @Option(names = "--beir", description = "BEIR folder: embed the first --docs records (title and text, as the index does). Default: the seeded synthetic catalog.")
  Path beir;

  @Option(names = "--docs", defaultValue = "512", description = "Texts to embed per pass (default: ${DEFAULT-VALUE}).")
  int docs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic catalog (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model", defaultValue = "all-minilm-l6-v2-q", description = "all-minilm-l6-v2-q (int8, default) or all-minilm-l6-v2 (float32).")
  String model;

  @Option(names = "--batch", description = "Texts per embed call, as the indexer groups them (default: the index default).")
  Integer batch;

  @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (docs < 1) {
      throw new InvalidInputException("docs", docs, "expected at least 1");
    }
    MiniLmEmbedder.Variant variant = MiniLmEmbedder.Variant.byModelName(model);
    IndexConfig config = IndexConfig.defaults(beir == null ? List.of("title", "description") : List.of("title", "text"));
    int size = batch == null ? config.embedBatchSize() : batch;
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("input", beir == null ? "synthetic seed " + seed : beir.toString());
    header.put("docs", docs);
    header.put("model", variant.modelName());
    header.put("batch", size);
    header.put("rounds", rounds);
    JsonOutput.header("bench embedding", header);
    List<Item> items = new ArrayList<>(docs);
    if (beir == null) {
      new SyntheticCatalog(seed, 50_000).items(docs).forEachRemaining(items::add);
    } else {
      try (CatalogReader reader = CatalogReaders.open(beir, CatalogReaders.Format.BEIR, null, null, false)) {
        Iterator<Item> it = reader;
        while (items.size() < docs && it.hasNext()) {
          items.add(it.next());
        }
      }
    }
    List<String> texts = EmbeddingBenchmark.texts(config, items);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input", header.get("input"));
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.putAll(new EmbeddingBenchmark(variant, size, rounds).run(texts));
    JsonOutput.emit(out, json, System.out);
    return 0;
  }
}
