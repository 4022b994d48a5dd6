package dev.funnel.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The one way Funnel opens a data file: buffered, and gunzipped when the file starts with the
 * gzip magic bytes ({@code 1f 8b}), whatever its name. Every format reader opens its input here.
 */
public final class Inputs {
  private static final int BUFFER = 1 << 16;

  private Inputs() {}

  /** A file's bytes, transparently gunzipped. */
  public static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      try {
        return new GZIPInputStream(raw, BUFFER);
      } catch (IOException e) {
        raw.close();
        throw new IOException(file + ": starts like a gzip file but is not one (" + e.getMessage() + ")", e);
      }
    }
    return raw;
  }

  /** A file's text (UTF-8), transparently gunzipped. */
  public static BufferedReader reader(Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), BUFFER);
  }

  /** Whether a file starts with the gzip magic bytes. */
  public static boolean isGzipped(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
