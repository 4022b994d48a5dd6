package dev.funnel.learning.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.util.ChecksummedLog;
import dev.funnel.events.FileEventLog;
import dev.funnel.events.SharedFileEventLog;
import dev.funnel.events.SharedRecordFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replicas' log as files in one shared directory (one machine, or a local file system that
 * every process mounts with working {@code fcntl} locks): {@value FileEventLog#FILE_NAME} in the
 * event log's format and {@value #DECISIONS_FILE} with one checksummed decision per record, both
 * appended under a file lock and fsync'd ({@link SharedRecordFile}). Positions are byte offsets
 * keyed by file name.
 */
public final class FileReplicaLog implements ReplicaLog {
  public static final String DECISIONS_FILE = "decisions.log";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final SharedFileEventLog events;
  private final SharedRecordFile decisions;

  private FileReplicaLog(Path dir, SharedFileEventLog events, SharedRecordFile decisions) {
    this.dir = dir;
    this.events = events;
    this.decisions = decisions;
  }

  /** Opens (creating if needed) the shared log in {@code dir}. */
  public static FileReplicaLog open(Path dir) throws IOException {
    SharedFileEventLog events = SharedFileEventLog.open(dir);
    return new FileReplicaLog(dir, events, SharedRecordFile.open(dir.resolve(DECISIONS_FILE)));
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public void appendDecision(LoggedDecision d) throws IOException {
    decisions.append(JSON.writeValueAsBytes(d.toJson()));
  }

  @Override
  public Tail tail(Map<String, Long> from) throws IOException {
    return new FileTail(from.getOrDefault(FileEventLog.FILE_NAME, 0L), from.getOrDefault(DECISIONS_FILE, 0L));
  }

  @Override
  public String describe() {
    return "file:" + dir;
  }

  @Override
  public void close() throws IOException {
    try {
      events.close();
    } finally {
      decisions.close();
    }
  }

  private final class FileTail implements Tail {
    private long eventsAt;
    private long decisionsAt;

    FileTail(long eventsAt, long decisionsAt) {
      this.eventsAt = eventsAt;
      this.decisionsAt = decisionsAt;
    }

    @Override
    public Batch poll(Duration wait) throws IOException {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        List<Event> es = new ArrayList<>();
        List<LoggedDecision> ds = new ArrayList<>();
        for (ChecksummedLog.Framed r : SharedRecordFile.read(events.file(), eventsAt, 5_000)) {
          es.addAll(SharedFileEventLog.decode(r.payload()));
          eventsAt = r.end();
        }
        for (ChecksummedLog.Framed r : SharedRecordFile.read(decisions.file(), decisionsAt, 5_000)) {
          ds.add(LoggedDecision.fromJson(JSON.readTree(r.payload())));
          decisionsAt = r.end();
        }
        if (!es.isEmpty() || !ds.isEmpty() || System.nanoTime() >= deadline) {
          return new Batch(es, ds);
        }
        try {
          Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Batch(es, ds);
        }
      }
    }

    @Override
    public Map<String, Long> positions() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(FileEventLog.FILE_NAME, eventsAt);
      m.put(DECISIONS_FILE, decisionsAt);
      return m;
    }

    @Override
    public boolean caughtUp() throws IOException {
      // whole records only: a torn tail left by a killed writer is no record
      return SharedRecordFile.read(events.file(), eventsAt, 1).isEmpty() && SharedRecordFile.read(decisions.file(), decisionsAt, 1).isEmpty();
    }

    @Override
    public void close() {}
  }
}
