package dev.funnel.cli.retrieval;

import dev.funnel.cli.JsonOutput;
import dev.funnel.retrieval.CatalogIndexer;
import dev.funnel.retrieval.CatalogReader;
import dev.funnel.retrieval.CatalogReaders;
import dev.funnel.retrieval.IndexConfig;
import dev.funnel.retrieval.IndexMetadata;
import dev.funnel.retrieval.ReadReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel index}: builds a new catalog snapshot and publishes it atomically. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index a catalog (JSON lines with a field mapping, a BEIR corpus or Amazon product metadata).",
      "A new snapshot is built beside the live one and switched in atomically; a failed run leaves the previous index live.",
      "A record whose id repeats an earlier one updates that item (the last one wins); the output counts them as repeated_ids."
    })
public final class IndexCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Catalog file (.gz read transparently); for beir also the folder.")
  Path input;

  @Option(names = "--format", defaultValue = "jsonl", description = "jsonl, beir or amazon (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--index", required = true, description = "Index folder (created when missing).")
  Path index;

  @Option(names = "--id-field", defaultValue = "id", description = "jsonl: key of the item id (default: ${DEFAULT-VALUE}).")
  String idField;

  @Option(names = "--text-fields", split = ",", defaultValue = "title,text",
      description = "jsonl: searchable text keys, in order (default: ${DEFAULT-VALUE}).")
  List<String> textFields;

  @Option(names = "--keyword-fields", split = ",", description = "jsonl: keyword keys for filters (e.g. category,brand).")
  List<String> keywordFields = new ArrayList<>();

  @Option(names = "--numeric-fields", split = ",", description = "jsonl: numeric keys (e.g. price).")
  List<String> numericFields = new ArrayList<>();

  @Option(names = "--popularity-field", description = "Numeric key used by the bm25-pop prior (amazon: popularity from --reviews).")
  String popularityField;

  @Option(names = "--reviews", description = "amazon: reviews file; an item's popularity is its number of reviews.")
  Path reviews;

  @Option(names = "--no-vectors", description = "Skip embeddings (no dense or hybrid strategies; much faster).")
  boolean noVectors;

  @Option(names = "--skip-bad", description = "Skip malformed records and report counts per reason instead of stopping.")
  boolean skipBad;

  @Option(names = "--batch-size", defaultValue = "32", description = "Texts per embedding call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", description = "Indexing threads (default: available cores).")
  Integer threads;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    CatalogReaders.Format fmt = CatalogReaders.Format.parse(format);
    CatalogReaders.Mapping mapping = CatalogReaders.mappingFor(
        fmt, new CatalogReaders.Mapping(idField, textFields, keywordFields, numericFields, popularityField));
    String pop = fmt == CatalogReaders.Format.AMAZON ? (reviews == null ? null : "popularity") : mapping.popularityField();
    IndexConfig config = IndexConfig.defaults(mapping.textFields())
        .withPopularityField(pop)
        .withVectors(!noVectors)
        .withEmbedBatchSize(batchSize)
        .withThreads(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("input", input.toString());
    header.put("format", fmt.name().toLowerCase(java.util.Locale.ROOT));
    header.put("mapping", mapping);
    header.put("config", config);
    header.put("index", index.toString());
    header.put("skip_bad", skipBad);
    JsonOutput.header("index", header);
    Map<String, String> source = new LinkedHashMap<>();
    source.put("input", input.toAbsolutePath().normalize().toString());
    source.put("format", header.get("format").toString());
    source.put("mapping", mapping.toString());
    source.putAll(dev.funnel.retrieval.ItemMapping.source(fmt, mapping)); // the mapping of later item updates
    if (reviews != null) {
      source.put("reviews", reviews.toAbsolutePath().normalize().toString());
    }
    long start = System.nanoTime();
    IndexMetadata meta;
    ReadReport report;
    long expected = countLines(fmt == CatalogReaders.Format.BEIR && java.nio.file.Files.isDirectory(input) ? input.resolve("corpus.jsonl") : input);
    long repeated;
    try (CatalogReader reader = CatalogReaders.open(input, fmt, mapping, reviews, skipBad)) {
      CatalogIndexer indexer = new CatalogIndexer(config);
      meta = indexer.build(index, reader, expected, source);
      report = reader.report();
      repeated = indexer.repeatedIds();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", index.toString());
    out.put("items", meta.items());
    out.put("records", report.records());
    out.put("skipped", report.skippedTotal());
    // a record repeating an earlier record's id is an update of that item: the last one wins
    out.put("repeated_ids", repeated);
    out.put("skipped_by_reason", report.skipped());
    out.put("left_out_by_reason", report.leftOut());
    out.put("data_quality", report.quality().toMap());
    out.put("vectors", meta.hasVectors());
    out.put("embedding_model", meta.embeddingModel());
    out.put("format_version", meta.formatVersion());
    try (dev.funnel.retrieval.CatalogIndex built = dev.funnel.retrieval.CatalogIndex.open(index)) {
      out.put("index_statistics", built.statistics().toMap());
    }
    out.put("seconds", secs);
    out.put("items_per_second", meta.items() / Math.max(1e-9, secs));
    System.err.println(report.quality().toText());
    if (repeated > 0) {
      System.err.println("  repeated ids: " + repeated + " records repeated an earlier record's id and replaced it (the last one wins); "
          + meta.items() + " distinct items indexed");
    }
    JsonOutput.emit(out, json, System.out);
    return 0;
  }

  /**
   * Non-blank lines of a (possibly gzipped) file, for the progress bar; 0 when unreadable. Counts
   * bytes, without decoding lines into strings: this pass over the input showed in indexing
   * profiles (docs/performance.md).
   */
  private static long countLines(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      return 0;
    }
    try (var in = dev.funnel.core.io.Inputs.open(file)) {
      byte[] buf = new byte[1 << 16];
      long lines = 0;
      boolean content = false;
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            if (content) {
              lines++;
            }
            content = false;
          } else if (b != ' ' && b != '\t' && b != '\r') {
            content = true;
          }
        }
      }
      return content ? lines + 1 : lines;
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
