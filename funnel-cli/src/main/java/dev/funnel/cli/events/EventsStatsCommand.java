package dev.funnel.cli.events;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.EventType;
import dev.funnel.events.FileEventLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel events stats}: counts per event type and the time span of the log. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Summarise the event log: counts per type and time span.")
public final class EventsStatsCommand implements Callable<Integer> {
  @Option(names = "--events", required = true, paramLabel = "DIR", description = "Event log directory.")
  Path events;

  @Override
  public Integer call() throws Exception {
    Map<EventType, Long> counts = new EnumMap<>(EventType.class);
    Instant[] span = {null, null};
    long recovered;
    try (FileEventLog log = FileEventLog.open(events)) {
      recovered = log.recoveredBytes();
      log.scan(e -> {
        counts.merge(e.type(), 1L, Long::sum);
        if (span[0] == null || e.timestamp().isBefore(span[0])) {
          span[0] = e.timestamp();
        }
        if (span[1] == null || e.timestamp().isAfter(span[1])) {
          span[1] = e.timestamp();
        }
      });
    }
    Map<String, Object> out = new LinkedHashMap<>();
    counts.forEach((t, n) -> out.put(t.wireName(), n));
    out.put("first", span[0] == null ? null : span[0].toString());
    out.put("last", span[1] == null ? null : span[1].toString());
    out.put("recovered_torn_tail_bytes", recovered);
    JsonOutput.emit(out, null, System.out);
    return 0;
  }
}
