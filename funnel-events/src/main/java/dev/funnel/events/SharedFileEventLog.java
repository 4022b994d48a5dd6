package dev.funnel.events;

import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.util.ChecksummedLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The event log of several serving processes in one directory: the file {@value
 * FileEventLog#FILE_NAME} in {@link FileEventLog}'s format (one checksummed JSON array of events
 * per line), appended under a file lock by every process ({@link SharedRecordFile}), so the
 * offline jobs and {@code funnel events} read it unchanged. An {@link #append} returns once the
 * batch is forced to disk. {@link #size} counts the events this instance appended and those it
 * saw in the file when it opened or last scanned.
 */
public final class SharedFileEventLog implements EventLog {
  private final SharedRecordFile file;
  private final AtomicLong seen = new AtomicLong();

  private SharedFileEventLog(SharedRecordFile file) {
    this.file = file;
  }

  /** Opens (creating if needed) the shared log in {@code dir}. */
  public static SharedFileEventLog open(Path dir) throws IOException {
    SharedFileEventLog log = new SharedFileEventLog(SharedRecordFile.open(dir.resolve(FileEventLog.FILE_NAME)));
    log.scan(e -> {});
    return log;
  }

  public Path file() {
    return file.file();
  }

  @Override
  public void append(List<Event> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    file.append(EventCodec.JSON.writeValueAsBytes(EventCodec.toJson(events)));
    seen.addAndGet(events.size());
  }

  @Override
  public void scan(Consumer<Event> sink) throws IOException {
    long from = 0;
    long count = 0;
    while (true) {
      List<ChecksummedLog.Framed> records = SharedRecordFile.read(file.file(), from, 10_000);
      if (records.isEmpty()) {
        break;
      }
      for (ChecksummedLog.Framed r : records) {
        List<Event> events = decode(r.payload());
        count += events.size();
        events.forEach(sink);
        from = r.end();
      }
    }
    seen.accumulateAndGet(count, Math::max);
  }

  /** The events of one record's payload (a JSON array). */
  public static List<Event> decode(byte[] payload) throws IOException {
    return EventCodec.parseMany(EventCodec.JSON.readTree(payload));
  }

  @Override
  public long size() {
    return seen.get();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
