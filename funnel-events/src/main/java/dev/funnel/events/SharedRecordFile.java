package dev.funnel.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only file of checksummed records ({@code <crc32 hex> <payload>\n}, the framing of
 * {@link FileEventLog}) that several processes append to at once. Each append takes an exclusive
 * {@link FileLock} on the file, checks the records other writers appended since its last look,
 * cuts off a torn tail (a writer killed mid-record, which released its lock by dying), writes its
 * record at the end, forces it to disk and releases the lock: an appended record is durable and
 * whole when {@link #append} returns, and records never interleave. Readers need no lock: {@link
 * #read} returns the whole records from an offset and stops at the first incomplete or corrupt
 * one (a record being written, or a torn tail that the next writer will cut off).
 *
 * <p>The lock is advisory and per file system: every writer must use this class, on a local file
 * system (network file systems may not honour {@code fcntl} locks).
 */
public final class SharedRecordFile implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  /** End of the records this instance has checked; records after it were written by others (or are torn). */
  private long checked;

  private SharedRecordFile(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (creating if needed) {@code file} for appending; nothing is truncated until the first append holds the lock. */
  public static SharedRecordFile open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return new SharedRecordFile(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  public Path file() {
    return file;
  }

  /** One whole record: its payload and the file offset just after it. */
  public record Record(byte[] payload, long end) {}

  /**
   * Appends one record under the file lock and forces it to disk; returns the offset after it.
   * The payload must not contain a newline.
   */
  public synchronized long append(byte[] payload) throws IOException {
    for (byte b : payload) {
      if (b == '\n') {
        throw new IllegalArgumentException("a record payload may not contain a newline");
      }
    }
    CRC32 crc = new CRC32();
    crc.update(payload);
    byte[] head = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.allocate(head.length + payload.length + 1);
    buf.put(head).put(payload).put((byte) '\n').flip();
    FileLock lock = channel.lock();
    try {
      long size = channel.size();
      long good = checked <= size ? checked : 0;
      if (good < size) {
        List<Record> others = read(file, good, Integer.MAX_VALUE);
        good = others.isEmpty() ? good : others.get(others.size() - 1).end();
      }
      if (good < size) {
        channel.truncate(good); // a writer died mid-record: nobody acknowledged those bytes
      }
      long at = good;
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
      channel.force(false);
      checked = at;
      return at;
    } finally {
      lock.release();
    }
  }

  /** The current size of the file in bytes (whole records and possibly a torn or in-progress tail). */
  public long size() throws IOException {
    return channel.size();
  }

  /**
   * Up to {@code max} whole records of {@code file} starting at byte {@code from} (the end of an
   * earlier record, or 0); stops at the first incomplete or corrupt record.
   */
  public static List<Record> read(Path file, long from, int max) throws IOException {
    List<Record> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (from >= size) {
        return out;
      }
      long length = Math.min(size - from, 64L << 20);
      ByteBuffer buf = ByteBuffer.allocate((int) length);
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // fill
      }
      byte[] all = buf.array();
      int n = buf.position();
      int pos = 0;
      while (pos < n && out.size() < max) {
        int nl = -1;
        for (int i = pos; i < n; i++) {
          if (all[i] == '\n') {
            nl = i;
            break;
          }
        }
        if (nl < 0) {
          break;
        }
        byte[] payload = payload(all, pos, nl);
        if (payload == null) {
          break;
        }
        out.add(new Record(payload, from + nl + 1));
        pos = nl + 1;
      }
    }
    return out;
  }

  /** The payload of the record in {@code all[pos, nl)}, or null when it is torn or fails its checksum. */
  static byte[] payload(byte[] all, int pos, int nl) {
    if (nl - pos < 9 || all[pos + 8] != ' ') {
      return null;
    }
    long expected;
    try {
      expected = Long.parseLong(new String(all, pos, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(all, pos + 9, nl - pos - 9);
    if (crc.getValue() != expected) {
      return null;
    }
    return java.util.Arrays.copyOfRange(all, pos + 9, nl);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
