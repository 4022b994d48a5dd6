package dev.funnel.core.util;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole lines to a text file (JSON-lines logs), flushing after every call, so a crash can
 * cut at most the last line, which the logs' readers skip. Creates missing parent folders.
 * Thread-safe.
 */
public final class LineAppender implements Closeable {
  private final BufferedWriter out;

  private LineAppender(BufferedWriter out) {
    this.out = out;
  }

  public static LineAppender open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new LineAppender(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /**
   * Whether {@code file} is empty or ends with a newline; when it does not, its last line was cut
   * by a crash of the writer and readers skip it if it does not parse.
   */
  public static boolean endsCleanly(Path file) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(file)) {
      if (ch.size() == 0) {
        return true;
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, ch.size() - 1);
      return b.get(0) == '\n';
    }
  }

  /** Writes {@code lines} (each ending in a newline) and flushes. */
  public synchronized void append(CharSequence lines) {
    try {
      out.append(lines);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
