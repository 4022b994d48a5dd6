package dev.funnel.core.util;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only file of checksummed records, in the framing of the event log: each record is a
 * line {@code <crc32 of the payload, 8 hex digits> <payload>}, and {@link #append} forces the file
 * to disk before it returns, so an acknowledged record survives {@code kill -9} and power loss (as
 * far as the disk honours fsync). On open, a torn or corrupt tail (a crash mid-write) is cut off:
 * only records never acknowledged can be lost. Payloads are one line each (compact JSON). Readers
 * may {@link #scan} while a writer appends; they see the records acknowledged when the scan began.
 *
 * <p>The framing itself ({@link #frame}, {@link #readFrom}, {@link #payload(byte[])}) is public so
 * that a file appended by several processes under a lock (the replicas' shared event log) has the
 * same records and the same torn-tail rule as this single-writer log.
 */
public final class ChecksummedLog implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private final long recoveredBytes;
  private long records;

  /** Longest stretch of a file that {@link #readFrom} reads at once. */
  static final int READ_WINDOW = 64 << 20;

  /** One whole record read from a file: its payload and the byte offset just after it. */
  public record Framed(byte[] payload, long end) {
    public Framed {
      if (payload == null || payload.length == 0) {
        throw new IllegalArgumentException("a record payload must not be empty");
      }
      if (end <= payload.length) {
        throw new IllegalArgumentException("end " + end + " cannot follow a payload of " + payload.length + " bytes");
      }
    }
  }

  /** One record read back: its 0-based number in the log and its payload. */
  @FunctionalInterface
  public interface RecordSink {
    void accept(long index, byte[] payload) throws IOException;
  }

  private ChecksummedLog(Path file, FileChannel channel, long records, long recoveredBytes) {
    this.file = file;
    this.channel = channel;
    this.records = records;
    this.recoveredBytes = recoveredBytes;
  }

  /** Opens (creating it and its folder if needed) the log in {@code file}, cutting off a torn tail. */
  public static ChecksummedLog open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long[] good = {0, 0};
    read(file, Long.MAX_VALUE, (index, payload, end) -> {
      good[0] = end;
      good[1]++;
    });
    long size = ch.size();
    if (good[0] < size) {
      ch.truncate(good[0]);
      ch.force(true);
    }
    ch.position(good[0]);
    return new ChecksummedLog(file, ch, good[1], size - good[0]);
  }

  public Path file() {
    return file;
  }

  /** Bytes of a torn or corrupt tail that were cut off when the log was opened. */
  public long recoveredBytes() {
    return recoveredBytes;
  }

  /** Records in the log. */
  public synchronized long size() {
    return records;
  }

  /**
   * Appends one record and forces it to disk; returns the number of records after it. The payload
   * must not be empty nor hold a line break (the record separator).
   */
  public synchronized long append(byte[] payload) throws IOException {
    ByteBuffer buf = frame(payload);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
    return ++records;
  }

  /**
   * The bytes of one record, {@code <crc32, 8 hex digits> <payload>\n}, ready to write. The
   * payload must not be empty nor hold a line break (the record separator).
   */
  public static ByteBuffer frame(byte[] payload) {
    if (payload.length == 0) {
      throw new IllegalArgumentException("a record payload must not be empty");
    }
    for (byte b : payload) {
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException("a record payload must be one line");
      }
    }
    CRC32 crc = new CRC32();
    crc.update(payload);
    byte[] head = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.allocate(head.length + payload.length + 1);
    buf.put(head).put(payload).put((byte) '\n').flip();
    return buf;
  }

  /**
   * Up to {@code max} whole records of {@code file} starting at byte {@code from} (0 or the end of
   * an earlier record), read from at most {@value #READ_WINDOW} bytes; stops at the first torn or
   * corrupt record (one being written by another process, or a tail cut by a crash). A missing
   * file has no records.
   */
  public static List<Framed> readFrom(Path file, long from, int max) throws IOException {
    if (from < 0) {
      throw new IllegalArgumentException("from must be >= 0, got " + from);
    }
    List<Framed> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (from >= size) {
        return out;
      }
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - from, READ_WINDOW));
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // fill the window
      }
      frames(buf.array(), buf.position(), from, max, (index, payload, end) -> out.add(new Framed(payload, end)));
    }
    return out;
  }

  /** Calls {@code sink} with every record numbered {@code from} or later that was acknowledged when the scan began, in order. */
  public void scan(long from, RecordSink sink) throws IOException {
    long end;
    synchronized (this) {
      end = channel.position();
    }
    read(file, end, (index, payload, recordEnd) -> {
      if (index >= from) {
        sink.accept(index, payload);
      }
    });
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private interface FramedSink {
    void accept(long index, byte[] payload, long endOffset) throws IOException;
  }

  /** Reads valid records from the start up to byte {@code limit}; stops at the first torn or corrupt one. */
  private static void read(Path file, long limit, FramedSink sink) throws IOException {
    byte[] all = Files.readAllBytes(file);
    frames(all, (int) Math.min(all.length, limit), 0, Integer.MAX_VALUE, sink);
  }

  /**
   * Calls {@code sink} with up to {@code max} whole records of {@code all[0, n)}, which starts at
   * file offset {@code base}; stops at the first torn or corrupt record.
   */
  private static void frames(byte[] all, int n, long base, int max, FramedSink sink) throws IOException {
    int pos = 0;
    long index = 0;
    while (pos < n && index < max) {
      int nl = -1;
      for (int i = pos; i < n; i++) {
        if (all[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl < 0) {
        return;
      }
      byte[] payload = payload(all, pos, nl);
      if (payload == null) {
        return;
      }
      sink.accept(index++, payload, base + nl + 1);
      pos = nl + 1;
    }
  }

  /**
   * The payload of one record line (without its line break), or null when it is torn or fails
   * its checksum (readers stop there: it and what follows were never acknowledged).
   */
  public static byte[] payload(byte[] line) {
    return payload(line, 0, line.length);
  }

  /** The payload of the line {@code [pos, nl)}, or null when it is torn or fails its checksum. */
  private static byte[] payload(byte[] all, int pos, int nl) {
    if (nl - pos < 10 || all[pos + 8] != ' ') {
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
    return Arrays.copyOfRange(all, pos + 9, nl);
  }
}
