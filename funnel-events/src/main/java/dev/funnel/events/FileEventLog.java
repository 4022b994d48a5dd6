package dev.funnel.events;

import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.util.ChecksummedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only event log in one file. Each {@link #append} call writes one record, a line
 * {@code <crc32 hex> <json array of events>}, then forces the file to disk before returning, so
 * an acknowledged batch survives {@code kill -9} and power loss (as far as the disk honours
 * fsync). On open, a torn or corrupt tail (a crash mid-write) is cut off: only unacknowledged
 * data can be lost. Readers may scan while a writer appends. The framing is {@link
 * ChecksummedLog}'s, which the item-update journal shares.
 */
public final class FileEventLog implements EventLog {
  public static final String FILE_NAME = "events.log";

  private final ChecksummedLog log;
  private long count;

  private FileEventLog(ChecksummedLog log, long count) {
    this.log = log;
    this.count = count;
  }

  /** Opens (creating if needed) the log in {@code dir}, cutting off a torn tail. */
  public static FileEventLog open(Path dir) throws IOException {
    Files.createDirectories(dir);
    ChecksummedLog log = ChecksummedLog.open(dir.resolve(FILE_NAME));
    long[] events = {0};
    log.scan(0, (index, payload) -> events[0] += decode(payload).size());
    return new FileEventLog(log, events[0]);
  }

  /** Bytes of a torn or corrupt tail that were cut off when the log was opened. */
  public long recoveredBytes() {
    return log.recoveredBytes();
  }

  @Override
  public synchronized void append(List<Event> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    log.append(EventCodec.JSON.writeValueAsBytes(EventCodec.toJson(events)));
    count += events.size();
  }

  @Override
  public void scan(Consumer<Event> sink) throws IOException {
    log.scan(0, (index, payload) -> decode(payload).forEach(sink));
  }

  @Override
  public synchronized long size() {
    return count;
  }

  @Override
  public synchronized void close() throws IOException {
    log.close();
  }

  /**
   * The events of one record line (without its newline), or null when the line is torn or fails
   * its checksum. Readers stop at the first such line: it and everything after it were never
   * acknowledged. Offline jobs that read the log line by line decode with this.
   */
  public static List<Event> decodeRecord(byte[] line) throws IOException {
    byte[] payload = ChecksummedLog.payload(line);
    return payload == null ? null : decode(payload);
  }

  private static List<Event> decode(byte[] payload) throws IOException {
    return EventCodec.parseMany(EventCodec.JSON.readTree(payload));
  }
}
