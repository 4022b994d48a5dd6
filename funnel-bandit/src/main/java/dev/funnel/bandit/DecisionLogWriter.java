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
 * ./funnel eval ope --format funnel}). Each line is flushed as it is written. Thread-safe.
 */
public final class DecisionLogWriter implements Consumer<LoggedDecision>, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LineAppender out;

  public DecisionLogWriter(Path file) throws IOException {
    this.out = LineAppender.open(file);
  }

  @Override
  public void accept(LoggedDecision d) {
    try {
      out.append(JSON.writeValueAsString(d.toJson()) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
