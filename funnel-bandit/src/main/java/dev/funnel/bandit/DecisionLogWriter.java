package dev.funnel.bandit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.util.LineAppender;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Appends {@link LoggedDecision}s to a JSON-lines file (the Funnel bandit log read by {@code
 * ./funnel eval ope --format funnel}). Each line is flushed as it is written. Thread-safe. It
 * counts the file's lines ({@link #lines()}), so a saved bandit state can record how much of the
 * log it holds; a last line cut by a crash is ended with a newline at open, so it stays one
 * (unparsable, skipped) line and the next decision starts a line of its own.
 */
public final class DecisionLogWriter implements Consumer<LoggedDecision>, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LineAppender out;
  private final java.util.concurrent.atomic.AtomicLong lines = new java.util.concurrent.atomic.AtomicLong();

  public DecisionLogWriter(Path file) throws IOException {
    boolean exists = java.nio.file.Files.exists(file);
    boolean clean = !exists || LineAppender.endsCleanly(file);
    this.out = LineAppender.open(file);
    if (!clean) {
      out.append("\n");
    }
    if (exists) {
      lines.set(countLines(file));
    }
  }

  private static long countLines(Path file) throws IOException {
    long n = 0;
    try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
      byte[] b = new byte[1 << 16];
      for (int r; (r = in.read(b)) > 0; ) {
        for (int i = 0; i < r; i++) {
          n += b[i] == '\n' ? 1 : 0;
        }
      }
    }
    return n;
  }

  /** Lines in the file: those found at open plus those written since. */
  public long lines() {
    return lines.get();
  }

  @Override
  public void accept(LoggedDecision d) {
    try {
      String line = JSON.writeValueAsString(d.toJson()) + "\n";
      synchronized (lines) {
        out.append(line);
        lines.incrementAndGet();
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
