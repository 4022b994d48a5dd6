package dev.funnel.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * An append-only event log in one file. Each {@link #append} call writes one record, a line
 * {@code <crc32 hex> <json array of events>}, then forces the file to disk before returning, so
 * an acknowledged batch survives {@code kill -9} and power loss (as far as the disk honours
 * fsync). On open, a torn or corrupt tail (a crash mid-write) is cut off: only unacknowledged
 * data can be lost. Readers may scan while a writer appends.
 */
public final class FileEventLog implements EventLog {
  public static final String FILE_NAME = "events.log";

  private final Path file;
  private final FileChannel channel;
  private long count;
  private final long recoveredBytes;

  private FileEventLog(Path file, FileChannel channel, long count, long recoveredBytes) {
    this.file = file;
    this.channel = channel;
    this.count = count;
    this.recoveredBytes = recoveredBytes;
  }

  /** Opens (creating if needed) the log in {@code dir}, cutting off a torn tail. */
  public static FileEventLog open(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long[] good = {0, 0};
    readRecords(file, (events, end) -> {
      good[0] = end;
      good[1] += events.size();
    });
    long size = ch.size();
    if (good[0] < size) {
      ch.truncate(good[0]);
      ch.force(true);
    }
    ch.position(good[0]);
    return new FileEventLog(file, ch, good[1], size - good[0]);
  }

  /** Bytes of a torn or corrupt tail that were cut off when the log was opened. */
  public long recoveredBytes() {
    return recoveredBytes;
  }

  @Override
  public synchronized void append(List<Event> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    byte[] json = EventCodec.JSON.writeValueAsBytes(EventCodec.toJson(events));
    CRC32 crc = new CRC32();
    crc.update(json);
    byte[] head = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.allocate(head.length + json.length + 1);
    buf.put(head).put(json).put((byte) '\n').flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
    count += events.size();
  }

  @Override
  public void scan(Consumer<Event> sink) throws IOException {
    long end;
    synchronized (this) {
      end = channel.position();
    }
    readRecords(file, (events, recordEnd) -> {
      if (recordEnd <= end) {
        events.forEach(sink);
      }
    });
  }

  @Override
  public synchronized long size() {
    return count;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private interface RecordSink {
    void accept(List<Event> events, long endOffset);
  }

  /** Reads valid records from the start; stops at the first torn or corrupt one. */
  private static void readRecords(Path file, RecordSink sink) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int pos = 0;
    while (pos < all.length) {
      int nl = indexOf(all, (byte) '\n', pos);
      if (nl < 0) {
        return;
      }
      List<Event> events = decodeRecord(all, pos, nl);
      if (events == null) {
        return;
      }
      sink.accept(events, nl + 1);
      pos = nl + 1;
    }
  }

  /**
   * The events of one record line (without its newline), or null when the line is torn or fails
   * its checksum. Readers stop at the first such line: it and everything after it were never
   * acknowledged. Offline jobs that read the log line by line decode with this.
   */
  public static List<Event> decodeRecord(byte[] line) throws IOException {
    return decodeRecord(line, 0, line.length);
  }

  private static List<Event> decodeRecord(byte[] all, int pos, int nl) throws IOException {
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
    JsonNode arr = EventCodec.JSON.readTree(new String(all, pos + 9, nl - pos - 9, StandardCharsets.UTF_8));
    return EventCodec.parseMany(arr);
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
