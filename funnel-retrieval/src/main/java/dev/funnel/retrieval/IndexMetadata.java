package dev.funnel.retrieval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot holds and how it was made, written as {@code funnel-index.json} in the
 * snapshot, in the one model-file envelope ({@link ModelFile}, kind {@value #KIND_NAME}): typed
 * provenance (the source, index parameters, Lucene and embedding model versions, Funnel build),
 * then this record as the payload: format version, creation time, item count, index
 * configuration, embedding model and its dimensions (or nothing without vectors), Lucene version
 * and a free-form source description (input file, format, mapping).
 */
public record IndexMetadata(
    int formatVersion,
    String createdAt,
    long items,
    IndexConfig config,
    String embeddingModel,
    int dimensions,
    String luceneVersion,
    Map<String, String> source) {

  /**
   * Bumped whenever the Lucene fields, their meaning or the way segments are built change; older
   * snapshots are refused. Version 2: segments cut by document count, documents in input order.
   * Version 3: the metadata file in the model-file envelope.
   */
  public static final int FORMAT_VERSION = 3;

  public static final String KIND_NAME = "funnel-index";
  public static final ModelFile.Kind KIND = ModelFile.Kind.of(KIND_NAME, FORMAT_VERSION);

  static final String FILE = "funnel-index.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public IndexMetadata {
    source = source == null ? Map.of() : Map.copyOf(source);
  }

  public boolean hasVectors() {
    return embeddingModel != null;
  }

  /** The envelope provenance of a snapshot. */
  public FileProvenance provenance() {
    Map<String, String> libraries = new java.util.TreeMap<>();
    libraries.put("lucene", luceneVersion);
    if (embeddingModel != null) {
      libraries.put("embedding_model", embeddingModel + " (" + dimensions + " dimensions)");
    }
    String data = source.getOrDefault("input", source.getOrDefault("source", "unnamed catalog"));
    return FileProvenance.of(List.of(data.isBlank() ? "unnamed catalog" : data), source, libraries, null);
  }

  void write(Path snapshot) throws IOException {
    Files.writeString(snapshot.resolve(FILE), ModelFile.toJson(KIND, provenance(), JSON.valueToTree(this)));
  }

  static IndexMetadata read(Path snapshot) throws IOException {
    Path f = snapshot.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new InvalidInputException("index", snapshot, "expected a Funnel index snapshot with " + FILE);
    }
    ModelFile.Document doc;
    try {
      doc = ModelFile.readJson(f, KIND);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(f.toString(), e.field(), e.value(), e.expected() + " (rebuild the index with `funnel index`)");
    }
    return JSON.treeToValue(doc.payload(), IndexMetadata.class);
  }
}
