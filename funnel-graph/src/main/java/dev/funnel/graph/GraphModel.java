package dev.funnel.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained related-items model: node (item) ids, their source and target embeddings, the typed
 * provenance of training (data, configuration, seed, Funnel build) and the training report
 * (graph statistics, choices made on validation, epochs, validation metrics, time).
 *
 * <p>File format: the one model-file envelope ({@link ModelFile}) on the first line, kind
 * {@value #KIND_NAME}, format version {@value #FORMAT_VERSION}; then the binary body (big-endian):
 * the training report as a JSON string (int length, bytes), n (int), dim (int), symmetric flag, n
 * UTF ids, then n*dim source floats and, unless symmetric, n*dim target floats. Files of another
 * kind or version are refused with a message naming the file, its kind and version and the
 * expected ones.
 */
public final class GraphModel {
  public static final String KIND_NAME = "funnel-graph-model";
  public static final int FORMAT_VERSION = 2;
  public static final ModelFile.Kind KIND = ModelFile.Kind.of(KIND_NAME, FORMAT_VERSION);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String[] ids;
  private final Map<String, Integer> index;
  private final DualEmbeddings embeddings;
  private final FileProvenance provenance;
  private final Map<String, Object> report;

  public GraphModel(String[] ids, DualEmbeddings embeddings, FileProvenance provenance, Map<String, Object> report) {
    if (ids.length != embeddings.nodeCount()) {
      throw new InvalidInputException("ids", ids.length, "expected one id per embedding row (" + embeddings.nodeCount() + ")");
    }
    this.ids = ids.clone();
    this.embeddings = embeddings;
    this.provenance = java.util.Objects.requireNonNull(provenance, "provenance");
    this.report = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(report));
    this.index = new java.util.HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
  }

  public int nodeCount() {
    return ids.length;
  }

  public String id(int node) {
    return ids[node];
  }

  /** The node of item {@code id}, or -1 when the model does not know it. */
  public int indexOf(String id) {
    Integer i = index.get(id);
    return i == null ? -1 : i;
  }

  public DualEmbeddings embeddings() {
    return embeddings;
  }

  public FileProvenance provenance() {
    return provenance;
  }

  /** What training measured and chose (graph statistics, validation metrics, epochs, time). */
  public Map<String, Object> report() {
    return report;
  }

  public void save(Path file) throws IOException {
    byte[] rep = JSON.writeValueAsBytes(report);
    ModelFile.writeBinary(file, KIND, provenance, out -> {
      out.writeInt(rep.length);
      out.write(rep);
      out.writeInt(ids.length);
      out.writeInt(embeddings.dim());
      out.writeBoolean(embeddings.symmetric());
      for (String id : ids) {
        out.writeUTF(id);
      }
      writeFloats(out, embeddings.sourceArray());
      if (!embeddings.symmetric()) {
        writeFloats(out, embeddings.targetArray());
      }
    });
  }

  @SuppressWarnings("unchecked")
  public static GraphModel load(Path file) throws IOException {
    try {
      return ModelFile.readBinary(file, KIND, (header, in) -> {
        byte[] rep = new byte[in.readInt()];
        in.readFully(rep);
        Map<String, Object> report = JSON.readValue(rep, Map.class);
        int n = in.readInt();
        int dim = in.readInt();
        boolean symmetric = in.readBoolean();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
          ids[i] = in.readUTF();
        }
        float[] source = readFloats(in, n * dim);
        float[] target = symmetric ? source : readFloats(in, n * dim);
        return new GraphModel(ids, new DualEmbeddings(n, dim, source, target), header.provenance(), report);
      });
    } catch (EOFException e) {
      throw new InvalidInputException(file.toString(), "model", file.toString(), "expected a complete model file (it is truncated)");
    }
  }

  private static void writeFloats(DataOutputStream out, float[] xs) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    for (float x : xs) {
      if (!buf.hasRemaining()) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.putFloat(x);
    }
    out.write(buf.array(), 0, buf.position());
  }

  private static float[] readFloats(DataInputStream in, int count) throws IOException {
    float[] xs = new float[count];
    byte[] chunk = new byte[1 << 16];
    int i = 0;
    while (i < count) {
      int bytes = Math.min(chunk.length, (count - i) * 4);
      in.readFully(chunk, 0, bytes);
      ByteBuffer b = ByteBuffer.wrap(chunk, 0, bytes).order(ByteOrder.BIG_ENDIAN);
      for (int k = 0; k < bytes / 4; k++) {
        xs[i++] = b.getFloat();
      }
    }
    return xs;
  }
}
