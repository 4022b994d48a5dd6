package dev.funnel.retrieval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a snapshot holds and how it was made, written as {@code funnel-index.json} in the
 * snapshot: format version, creation time, item count, index configuration, embedding model
 * and its dimensions (or nothing without vectors), Lucene version and a free-form source
 * description (input file, format, mapping).
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
   */
  public static final int FORMAT_VERSION = 2;

  static final String FILE = "funnel-index.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public IndexMetadata {
    source = source == null ? Map.of() : Map.copyOf(source);
  }

  public boolean hasVectors() {
    return embeddingModel != null;
  }

  void write(Path snapshot) throws IOException {
    Files.writeString(snapshot.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
  }

  static IndexMetadata read(Path snapshot) throws IOException {
    Path f = snapshot.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new InvalidInputException("index", snapshot, "expected a Funnel index snapshot with " + FILE);
    }
    Map<?, ?> raw = JSON.readValue(f.toFile(), Map.class);
    Object version = raw.get("formatVersion");
    if (!(version instanceof Integer v) || v != FORMAT_VERSION) {
      throw new InvalidInputException(
          f.toString(),
          "formatVersion",
          version,
          "expected index format version " + FORMAT_VERSION + " (rebuild the index with `funnel index`)");
    }
    return JSON.readValue(f.toFile(), IndexMetadata.class);
  }
}
