package dev.funnel.retrieval;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions) computed in the JVM with ONNX Runtime.
 * The model and its tokenizer come from the langchain4j embedding jars on the classpath; nothing
 * is downloaded. Unlike the generic langchain4j encoder (one text per call, 510-token windows
 * averaged), this class encodes real padded batches and truncates at 256 word pieces, the
 * sequence length the model was trained and evaluated with (sentence-transformers
 * {@code max_seq_length}), then mean-pools over the attention mask and L2-normalises, as
 * sentence-transformers does.
 *
 * <p>Each ONNX call uses one intra-op thread: parallelism comes from callers (indexing threads,
 * concurrent searches), which on small CPUs is more efficient than splitting one small matrix
 * product. Telemetry is off: the DJL tokenizer's usage reporting is disabled through the
 * {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} system properties before it loads.
 */
public final class MiniLmEmbedder implements TextEmbedder {
  /** The two shipped variants: float32 weights, or int8 dynamic quantisation (4x smaller). */
  public enum Variant {
    FULL("all-minilm-l6-v2"),
    QUANTIZED("all-minilm-l6-v2-q");

    private final String resource;

    Variant(String resource) {
      this.resource = resource;
    }

    public String modelName() {
      return resource;
    }

    public static Variant byModelName(String name) {
      for (Variant v : values()) {
        if (v.resource.equals(name)) {
          return v;
        }
      }
      throw new InvalidInputException(
          "embeddingModel", name, "expected one of " + Arrays.stream(values()).map(Variant::modelName).toList());
    }
  }

  /** sentence-transformers' max_seq_length for all-MiniLM-L6-v2. */
  static final int MAX_TOKENS = 256;

  /** Texts per model call inside one {@link #embed} call. */
  static final int CHUNK = 16;

  private static final int DIMENSIONS = 384;
  private static final Map<Variant, MiniLmEmbedder> SHARED = new ConcurrentHashMap<>();

  static {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }

  private final Variant variant;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final boolean typeIds;
  private final HuggingFaceTokenizer tokenizer;

  private MiniLmEmbedder(Variant variant) {
    this.variant = variant;
    try {
      this.env = OrtEnvironment.getEnvironment();
      this.session = newSession(variant);
      this.typeIds = session.getInputNames().contains("token_type_ids");
      Map<String, String> options = new HashMap<>();
      options.put("padding", "false");
      options.put("truncation", "true");
      options.put("maxLength", Integer.toString(MAX_TOKENS));
      try (InputStream tok = stream(variant.resource + "-tokenizer.json")) {
        this.tokenizer = HuggingFaceTokenizer.newInstance(tok, options);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load embedding model " + variant.resource + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new ONNX Runtime session of a variant's model with the options this class uses (one
   * intra-op and one inter-op thread, all graph optimisations); the embedding benchmark runs the
   * bare model through one.
   */
  static OrtSession newSession(Variant variant) throws OrtException, IOException {
    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
    opts.setIntraOpNumThreads(1);
    opts.setInterOpNumThreads(1);
    opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return OrtEnvironment.getEnvironment().createSession(resource(variant.resource + ".onnx"), opts);
  }

  /** The model's word pieces of one text (truncated at {@link #MAX_TOKENS}). */
  Encoding encode(String text) {
    return tokenizer.encode(text);
  }

  /** Whether the model takes a {@code token_type_ids} input. */
  boolean takesTypeIds() {
    return typeIds;
  }

  /** The process-wide instance of a variant (loading takes about a second and 100 MB). */
  public static MiniLmEmbedder shared(Variant variant) {
    return SHARED.computeIfAbsent(variant, MiniLmEmbedder::new);
  }

  /** The default variant; see docs/retrieval.md for the quality and speed comparison. */
  public static MiniLmEmbedder shared() {
    return shared(Variant.QUANTIZED);
  }

  @Override
  public String name() {
    return variant.resource;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[][] embed(List<String> texts) {
    int n = texts.size();
    float[][] out = new float[n][];
    if (n == 0) {
      return out;
    }
    Encoding[] enc = new Encoding[n];
    for (int i = 0; i < n; i++) {
      enc[i] = tokenizer.encode(texts.get(i));
    }
    for (int[] idx : batches(enc)) {
      List<Encoding> batch = new ArrayList<>(idx.length);
      for (int i : idx) {
        batch.add(enc[i]);
      }
      float[][] vecs = run(batch);
      for (int j = 0; j < idx.length; j++) {
        out[idx[j]] = vecs[j];
      }
    }
    return out;
  }

  /**
   * The model calls of one {@link #embed} call: the texts sorted by word-piece count (stable, so
   * equal lengths keep their order) and cut into runs of {@link #CHUNK}, each padded to its
   * longest text. Returns the positions of the texts of each call.
   *
   * <p>{@code bench embedding} measured this shape at 1.7-1.9x the bare model's time one text per
   * call, where {@link #unpaddedBatches} is at 1.0-1.3x (docs/performance.md). It is kept because
   * the int8 model quantises each call's activations with one scale, so a text's vector depends
   * on the texts it shares a call with: another shape changes the SciFact dense figures that are
   * recorded exactly, and re-recording them needs the quality measured with both models first.
   */
  static List<int[]> batches(Encoding[] enc) {
    Integer[] order = byLength(enc);
    List<int[]> out = new ArrayList<>();
    for (int from = 0; from < order.length; from += CHUNK) {
      int[] idx = new int[Math.min(order.length, from + CHUNK) - from];
      for (int j = 0; j < idx.length; j++) {
        idx[j] = order[from + j];
      }
      out.add(idx);
    }
    return out;
  }

  /**
   * Calls without padding: the texts sorted by word-piece count, and only texts of the same
   * count, up to {@link #CHUNK}, share a call (a text of a unique length is run alone).
   */
  static List<int[]> unpaddedBatches(Encoding[] enc) {
    Integer[] order = byLength(enc);
    int n = order.length;
    List<int[]> out = new ArrayList<>();
    int from = 0;
    while (from < n) {
      int len = enc[order[from]].getIds().length;
      int to = from + 1;
      while (to < n && to - from < CHUNK && enc[order[to]].getIds().length == len) {
        to++;
      }
      int[] idx = new int[to - from];
      for (int j = 0; j < idx.length; j++) {
        idx[j] = order[from + j];
      }
      out.add(idx);
      from = to;
    }
    return out;
  }

  private static Integer[] byLength(Encoding[] enc) {
    Integer[] order = new Integer[enc.length];
    for (int i = 0; i < enc.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
    return order;
  }

  private float[][] run(List<Encoding> batch) {
    int b = batch.size();
    int len = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
    long[] mask = new long[b * len];
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.putAll(inputs(env, batch, typeIds, mask));
      try (OrtSession.Result result = session.run(inputs)) {
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[][] out = new float[b][DIMENSIONS];
        for (int i = 0; i < b; i++) {
          float[] v = out[i];
          for (int t = 0; t < len; t++) {
            if (mask[i * len + t] == 0) {
              continue;
            }
            int base = (i * len + t) * DIMENSIONS;
            for (int d = 0; d < DIMENSIONS; d++) {
              v[d] += hidden.get(base + d);
            }
          }
          normalize(v);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * The padded input tensors of a batch ({@code [batch, longest]}), as the model takes them;
   * {@code mask} ({@code batch * longest} long) receives the attention mask. The caller closes
   * the tensors.
   */
  static Map<String, OnnxTensor> inputs(OrtEnvironment env, List<Encoding> batch, boolean typeIds, long[] mask) throws OrtException {
    int b = batch.size();
    int len = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
    long[] ids = new long[b * len];
    long[] types = new long[b * len];
    for (int i = 0; i < b; i++) {
      Encoding e = batch.get(i);
      System.arraycopy(e.getIds(), 0, ids, i * len, e.getIds().length);
      System.arraycopy(e.getAttentionMask(), 0, mask, i * len, e.getAttentionMask().length);
      System.arraycopy(e.getTypeIds(), 0, types, i * len, e.getTypeIds().length);
    }
    long[] shape = {b, len};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      return inputs;
    } catch (OrtException | RuntimeException e) {
      inputs.values().forEach(OnnxTensor::close);
      throw e;
    }
  }

  /** Scales the summed token vectors to unit length (the same as normalising their mean). */
  static void normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm == 0) {
      v[0] = 1;
      return;
    }
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (v[d] / norm);
    }
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream stream(String name) {
    InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("embedding model resource " + name + " is not on the classpath (langchain4j embeddings jar missing)");
    }
    return in;
  }
}
