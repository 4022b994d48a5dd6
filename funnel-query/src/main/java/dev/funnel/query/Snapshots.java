package dev.funnel.query;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Crash-safe snapshot files. Layout: the one model-file envelope ({@link ModelFile}: kind, e.g.
 * {@code memory}, format version and provenance) on the first line, the binary body, and a CRC-32
 * of everything before it. Writing goes to a temporary file beside the target, which is forced to
 * disk and then atomically renamed over the target (and the directory is forced), so a reader sees
 * the old snapshot or the new one, never a part: a crash mid-write leaves at most a stray {@code
 * *.tmp-*} file that loading ignores.
 */
public final class Snapshots {
  /** Writes the body of a snapshot. */
  public interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads the body of a snapshot of a known version. */
  public interface Reader<T> {
    T read(DataInputStream in, int version) throws IOException;
  }

  private Snapshots() {}

  public static void write(Path target, String kind, int version, Writer body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    bytes.write(ModelFile.headerLine(ModelFile.Kind.of(kind, version), FileProvenance.ofState("feedback events", Map.of())));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      body.write(out);
    }
    CRC32 crc = new CRC32();
    byte[] content = bytes.toByteArray();
    crc.update(content);
    dev.funnel.core.util.AtomicFiles.write(target, content, ByteBuffer.allocate(8).putLong(crc.getValue()).array());
  }

  /**
   * Reads a snapshot, checking the envelope (kind and version range), then the checksum; any
   * mismatch fails with an {@link IOException} naming the file and what was wrong.
   */
  public static <T> T read(Path file, String kind, int minVersion, int maxVersion, Reader<T> body) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 8) {
      throw new IOException(file + ": not a Funnel snapshot (" + all.length + " bytes)");
    }
    byte[] content = Arrays.copyOf(all, all.length - 8);
    long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
    CRC32 crc = new CRC32();
    crc.update(content);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
      ModelFile.Header header;
      try {
        header = ModelFile.readHeaderLine(in, file.toString(), new ModelFile.Kind(kind, maxVersion, minVersion));
      } catch (InvalidInputException e) {
        if (crc.getValue() != stored && !"kind".equals(e.field()) && !"format_version".equals(e.field())) {
          throw new IOException(file + ": not a Funnel snapshot or corrupt (" + e.getMessage() + ")", e);
        }
        throw new IOException(("file".equals(e.field()) ? "not a Funnel snapshot: " : "") + e.getMessage(), e);
      }
      if (crc.getValue() != stored) {
        throw new IOException(file + ": snapshot is corrupt or truncated (checksum mismatch)");
      }
      T result = body.read(in, header.formatVersion());
      if (in.available() != 0) {
        throw new IOException(file + ": " + in.available() + " unexpected bytes after the snapshot body");
      }
      return result;
    }
  }
}
