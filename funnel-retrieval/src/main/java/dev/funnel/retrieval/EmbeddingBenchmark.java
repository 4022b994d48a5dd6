package dev.funnel.retrieval;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times Funnel's embedding path against the bare ONNX model on the same texts, in one process,
 * with the same session options (one intra-op thread, one inter-op thread, all optimisations).
 *
 * <ul>
 *   <li><b>raw, one text per call</b>: the word pieces are computed before the clock starts;
 *       each text goes through {@code OrtSession.run} alone (no padding), output not read. This
 *       is the model's own speed on these texts, the baseline of the ratio.
 *   <li><b>raw, Funnel's batches</b>: the same padded tensors Funnel builds (each group sorted
 *       by length, cut into runs of 16 padded to their longest text), through {@code run} only:
 *       what the batch shape costs, without Funnel's code around the model.
 *   <li><b>raw, unpadded</b>: only texts of equal length share a call ({@link
 *       MiniLmEmbedder#unpaddedBatches}), the shape without padding.
 *   <li><b>Funnel</b>: {@link MiniLmEmbedder#embed} on consecutive groups of {@code batchSize}
 *       texts, as {@link CatalogIndexer} calls it: tokenising, sorting by length, padding, the
 *       model, mean pooling and normalisation.
 * </ul>
 *
 * <p>Each round runs the three paths in an order that alternates between rounds, after one
 * untimed warm-up pass of each; ratios are taken per round and their median reported, so load
 * from other processes that drifts over the run cancels out.
 */
public final class EmbeddingBenchmark {
  private final MiniLmEmbedder.Variant variant;
  private final int batchSize;
  private final int rounds;

  /** A benchmark of {@code variant} in groups of {@code batchSize} texts over {@code rounds} rounds. */
  public EmbeddingBenchmark(MiniLmEmbedder.Variant variant, int batchSize, int rounds) {
    if (variant == null) {
      throw new InvalidInputException("model", null, "expected an embedding model");
    }
    if (batchSize < 1) {
      throw new InvalidInputException("batch", batchSize, "expected at least 1");
    }
    if (rounds < 1) {
      throw new InvalidInputException("rounds", rounds, "expected at least 1");
    }
    this.variant = variant;
    this.batchSize = batchSize;
    this.rounds = rounds;
  }

  /** The searchable texts of {@code items} as the indexer builds them under {@code config}. */
  public static List<String> texts(IndexConfig config, List<dev.funnel.core.Item> items) {
    CatalogIndexer indexer = new CatalogIndexer(config.withVectors(false), null);
    return items.stream().map(indexer::searchText).toList();
  }

  /** Runs the benchmark on {@code texts}; the result is a JSON-ready map. */
  public Map<String, Object> run(List<String> texts) throws OrtException, IOException {
    if (texts.isEmpty()) {
      throw new InvalidInputException("texts", 0, "expected at least one text");
    }
    MiniLmEmbedder embedder = MiniLmEmbedder.shared(variant);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Encoding[] enc = new Encoding[texts.size()];
    for (int i = 0; i < enc.length; i++) {
      enc[i] = embedder.encode(texts.get(i));
    }
    List<List<Encoding>> funnelBatches = funnelBatches(enc);
    long tokens = 0;
    for (Encoding e : enc) {
      tokens += e.getIds().length;
    }
    try (OrtSession raw = MiniLmEmbedder.newSession(variant)) {
      boolean typeIds = embedder.takesTypeIds();
      int warm = Math.min(enc.length, 2 * batchSize);
      List<List<Encoding>> warmBatches = funnelBatches(java.util.Arrays.copyOf(enc, warm));
      rawSingle(env, raw, java.util.Arrays.copyOf(enc, warm), typeIds);
      rawBatched(env, raw, warmBatches, typeIds);
      funnel(embedder, texts.subList(0, warm));

      List<List<Encoding>> unpadded = unpaddedBatches(enc);
      double[] single = new double[rounds];
      double[] batched = new double[rounds];
      double[] unpaddedRuns = new double[rounds];
      double[] path = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        for (int turn = 0; turn < 4; turn++) {
          // order per round: 0 1 2 3, then 3 2 1 0, then 0 1 2 3 ...
          int which = r % 2 == 0 ? turn : 3 - turn;
          switch (which) {
            case 0 -> single[r] = rawSingle(env, raw, enc, typeIds);
            case 1 -> batched[r] = rawBatched(env, raw, funnelBatches, typeIds);
            case 2 -> unpaddedRuns[r] = rawBatched(env, raw, unpadded, typeIds);
            default -> path[r] = funnel(embedder, texts);
          }
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("model", variant.modelName());
      out.put("texts", texts.size());
      out.put("word_pieces", tokens);
      out.put("batch", batchSize);
      out.put("model_call_size", MiniLmEmbedder.CHUNK);
      out.put("rounds", rounds);
      out.put("padding", padding(funnelBatches, tokens));
      out.put("model_calls", funnelBatches.size());
      out.put("model_calls_unpadded", unpadded.size());
      out.put("padding_unsorted_runs_of_16", padding(unsortedBatches(enc), tokens));
      Map<String, Object> medians = new LinkedHashMap<>();
      medians.put("raw_one_text_per_call_s", Summary.median(single));
      medians.put("raw_funnel_batches_s", Summary.median(batched));
      medians.put("raw_unpadded_s", Summary.median(unpaddedRuns));
      medians.put("funnel_s", Summary.median(path));
      medians.put("raw_one_text_per_call_texts_per_s", texts.size() / Summary.median(single));
      medians.put("funnel_texts_per_s", texts.size() / Summary.median(path));
      out.put("medians", medians);
      Map<String, Object> ratios = new LinkedHashMap<>();
      ratios.put("funnel_over_raw", Summary.median(ratio(path, single)));
      ratios.put("funnel_over_raw_same_batches", Summary.median(ratio(path, batched)));
      ratios.put("raw_batches_over_raw_one_text", Summary.median(ratio(batched, single)));
      ratios.put("raw_unpadded_over_raw_one_text", Summary.median(ratio(unpaddedRuns, single)));
      ratios.put("note", "seconds / seconds, median of per-round ratios; below 1 Funnel is faster than the bare model one text per call");
      out.put("ratios", ratios);
      List<Map<String, Object>> per = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        per.add(Map.of("round", r + 1, "raw_one_text_per_call_s", single[r], "raw_funnel_batches_s", batched[r],
            "raw_unpadded_s", unpaddedRuns[r], "funnel_s", path[r]));
      }
      out.put("per_round", per);
      return out;
    }
  }

  private static double[] ratio(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] / b[i];
    }
    return r;
  }

  /** The model calls Funnel makes: groups of {@code batchSize} in input order, each sorted and cut by {@link MiniLmEmbedder#batches}. */
  private List<List<Encoding>> funnelBatches(Encoding[] enc) {
    List<List<Encoding>> out = new ArrayList<>();
    for (int from = 0; from < enc.length; from += batchSize) {
      Encoding[] group = java.util.Arrays.copyOfRange(enc, from, Math.min(enc.length, from + batchSize));
      for (int[] idx : MiniLmEmbedder.batches(group)) {
        List<Encoding> b = new ArrayList<>(idx.length);
        for (int i : idx) {
          b.add(group[i]);
        }
        out.add(b);
      }
    }
    return out;
  }

  /** Unpadded calls over consecutive groups of {@code batchSize} ({@link MiniLmEmbedder#unpaddedBatches}). */
  private List<List<Encoding>> unpaddedBatches(Encoding[] enc) {
    List<List<Encoding>> out = new ArrayList<>();
    for (int from = 0; from < enc.length; from += batchSize) {
      Encoding[] group = java.util.Arrays.copyOfRange(enc, from, Math.min(enc.length, from + batchSize));
      for (int[] idx : MiniLmEmbedder.unpaddedBatches(group)) {
        List<Encoding> b = new ArrayList<>(idx.length);
        for (int i : idx) {
          b.add(group[i]);
        }
        out.add(b);
      }
    }
    return out;
  }

  /** Calls of 16 texts in input order (what the padding would be without the sort). */
  private static List<List<Encoding>> unsortedBatches(Encoding[] enc) {
    List<List<Encoding>> out = new ArrayList<>();
    for (int from = 0; from < enc.length; from += 16) {
      out.add(List.of(java.util.Arrays.copyOfRange(enc, from, Math.min(enc.length, from + 16))));
    }
    return out;
  }

  /** Padded positions over real word pieces (1.0: no padding). */
  private static double padding(List<List<Encoding>> batches, long tokens) {
    long padded = 0;
    for (List<Encoding> b : batches) {
      padded += (long) b.size() * b.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
    }
    return padded / (double) tokens;
  }

  private static double rawSingle(OrtEnvironment env, OrtSession session, Encoding[] enc, boolean typeIds) throws OrtException {
    long t0 = System.nanoTime();
    for (Encoding e : enc) {
      call(env, session, List.of(e), typeIds);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double rawBatched(OrtEnvironment env, OrtSession session, List<List<Encoding>> batches, boolean typeIds) throws OrtException {
    long t0 = System.nanoTime();
    for (List<Encoding> b : batches) {
      call(env, session, b, typeIds);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void call(OrtEnvironment env, OrtSession session, List<Encoding> batch, boolean typeIds) throws OrtException {
    int len = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
    Map<String, OnnxTensor> inputs = MiniLmEmbedder.inputs(env, batch, typeIds, new long[batch.size() * len]);
    try (OrtSession.Result result = session.run(inputs)) {
      if (result.size() == 0) {
        throw new IllegalStateException("the model returned no output");
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private double funnel(MiniLmEmbedder embedder, List<String> texts) {
    long t0 = System.nanoTime();
    for (int from = 0; from < texts.size(); from += batchSize) {
      float[][] v = embedder.embed(texts.subList(from, Math.min(texts.size(), from + batchSize)));
      if (v.length == 0 || v[0].length != embedder.dimensions()) {
        throw new IllegalStateException("the embedder returned no vectors");
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
