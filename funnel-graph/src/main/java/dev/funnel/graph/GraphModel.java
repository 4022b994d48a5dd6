package dev.funnel.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained related-items model: node (item) ids, their source and target embeddings and the
 * provenance of training (data, configuration, seed, epochs, validation metrics, versions).
 *
 * <p>File format (big-endian): the magic {@code FUNNEL-GRAPH-MODEL}, format version (int),
 * provenance as a JSON string, n (int), dim (int), symmetric flag, n UTF ids, then n*dim source
 * floats and, unless symmetric, n*dim target floats. Files of another kind or version fail with a
 * message naming the file and the versions.
 */
public final class GraphModel {
  public static final String MAGIC = "FUNNEL-GRAPH-MODEL";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String[] ids;
  private final Map<String, Integer> index;
  private final DualEmbeddings embeddings;
  private final Map<String, Object> provenance;

  public GraphModel(String[] ids, DualEmbeddings embeddings, Map<String, Object> provenance) {
    if (ids.length != embeddings.nodeCount()) {
      throw new InvalidInputException("ids", ids.length, "expected one id per embedding row (" + embeddings.nodeCount() + ")");
    }
    this.ids = ids.clone();
    this.embeddings = embeddings;
    this.provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
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

  public Map<String, Object> provenance() {
    return provenance;
  }

  public void save(Path file) throws IOException {
    dev.funnel.core.util.AtomicFiles.write(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT_VERSION);
      byte[] prov = JSON.writeValueAsBytes(provenance);
      out.writeInt(prov.length);
      out.write(prov);
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
      out.flush();
    });
  }

  @SuppressWarnings("unchecked")
  public static GraphModel load(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      String magic;
      try {
        magic = in.readUTF();
      } catch (IOException e) {
        magic = "";
      }
      if (!MAGIC.equals(magic)) {
        throw new InvalidInputException("model", file.toString(), "expected a funnel graph model file (train one with ./funnel train graph)");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new InvalidInputException("model", file + " (format version " + version + ")",
            "expected format version " + FORMAT_VERSION + "; retrain with ./funnel train graph");
      }
      byte[] prov = new byte[in.readInt()];
      in.readFully(prov);
      Map<String, Object> provenance = JSON.readValue(prov, Map.class);
      int n = in.readInt();
      int dim = in.readInt();
      boolean symmetric = in.readBoolean();
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = in.readUTF();
      }
      float[] source = readFloats(in, n * dim);
      float[] target = symmetric ? source : readFloats(in, n * dim);
      return new GraphModel(ids, new DualEmbeddings(n, dim, source, target), provenance);
    } catch (EOFException e) {
      throw new InvalidInputException("model", file.toString(), "expected a complete model file (it is truncated)");
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
