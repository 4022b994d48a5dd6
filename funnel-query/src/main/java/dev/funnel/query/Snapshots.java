package dev.funnel.query;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Crash-safe snapshot files. Layout: magic {@code FUNNELSNAP}, the kind (e.g. {@code memory}),
 * the format version, the body, and a CRC-32 of everything before it. Writing goes to a temporary
 * file beside the target, which is forced to disk and then atomically renamed over the target
 * (and the directory is forced), so a reader sees the old snapshot or the new one, never a part:
 * a crash mid-write leaves at most a stray {@code *.tmp-*} file that loading ignores.
 */
public final class Snapshots {
  private static final String MAGIC = "FUNNELSNAP";

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
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeUTF(kind);
      out.writeInt(version);
      body.write(out);
    }
    CRC32 crc = new CRC32();
    byte[] content = bytes.toByteArray();
    crc.update(content);
    dev.funnel.core.util.AtomicFiles.write(target, content, ByteBuffer.allocate(8).putLong(crc.getValue()).array());
  }

  /**
   * Reads a snapshot, checking magic, kind, version range and checksum first; any mismatch
   * fails with an {@link IOException} naming the file and what was wrong.
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
      String magic;
      try {
        magic = in.readUTF();
      } catch (IOException e) {
        magic = "";
      }
      if (!MAGIC.equals(magic)) {
        throw new IOException(file + ": not a Funnel snapshot (bad magic)");
      }
      if (crc.getValue() != stored) {
        throw new IOException(file + ": snapshot is corrupt or truncated (checksum mismatch)");
      }
      String k = in.readUTF();
      if (!kind.equals(k)) {
        throw new IOException(file + ": expected a '" + kind + "' snapshot, got '" + k + "'");
      }
      int version = in.readInt();
      if (version < minVersion || version > maxVersion) {
        throw new IOException(
            file + ": " + kind + " snapshot format version " + version + " is not supported (expected "
                + minVersion + ".." + maxVersion + ")");
      }
      T result = body.read(in, version);
      if (in.available() != 0) {
        throw new IOException(file + ": " + in.available() + " unexpected bytes after the snapshot body");
      }
      return result;
    }
  }
}
