package dev.funnel.rank;

import dev.funnel.core.util.LineAppender;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Appends what a serving process showed to a {@link TrainingLog} file (features exactly as
 * served, positions), the input of {@code funnel train ranker --logs}. The file is opened once;
 * each request's records are written as whole lines and flushed, so a crash can cut at most the
 * last line, which {@link TrainingLog#read} then skips. A file written under another feature
 * schema (for example before a graph model added the {@code graph} strategy) is kept as
 * {@code FILE.previous} and a new file starts. Thread-safe.
 */
public final class TrainingLogWriter implements Closeable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingLogWriter.class);
  private final FeatureSchema schema;
  private final LineAppender out;

  private TrainingLogWriter(FeatureSchema schema, LineAppender out) {
    this.schema = schema;
    this.out = out;
  }

  /** Opens {@code file} for appending records of {@code schema}, with the header when the file is new. */
  public static TrainingLogWriter open(Path file, FeatureSchema schema) throws IOException {
    if (Files.exists(file) && Files.size(file) > 0 && !schema.equals(headerOf(file))) {
      Path previous = file.resolveSibling(file.getFileName() + ".previous");
      Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
      LOG.warn("" + file + " was written under another feature schema; it is kept as " + previous + " and a new log starts");
    }
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    LineAppender w = LineAppender.open(file);
    if (fresh) {
      w.append(TrainingLog.headerLine(schema) + "\n");
    }
    return new TrainingLogWriter(schema, w);
  }

  private static FeatureSchema headerOf(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      return TrainingLog.header(file, in.readLine());
    }
  }

  /** Appends the records of one response (validated against the schema first). */
  public void append(List<TrainingRecord> records) {
    for (int i = 0; i < records.size(); i++) {
      schema.requireRow(records.get(i).features(), "records[" + i + "].features");
    }
    StringBuilder sb = new StringBuilder();
    for (TrainingRecord r : records) {
      sb.append(TrainingLog.recordLine(r)).append('\n');
    }
    out.append(sb);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
