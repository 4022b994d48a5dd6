package dev.funnel.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.Inputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one reader of event files: reads or imports events from JSON-lines files (one event object or array per line; gzipped files read
 * transparently) into an {@link EventLog}. A bad line stops the import naming file, line, field
 * and value, unless {@code skipBad} is set, in which case bad lines are counted by reason.
 */
public final class EventFiles {
  private EventFiles() {}

  /** What an import did. */
  public record ImportResult(long imported, long skipped, Map<String, Long> skippedByReason) {}

  public static ImportResult importJsonLines(Path file, EventLog log, boolean skipBad, int batchSize) throws IOException {
    List<Event> batch = new ArrayList<>(batchSize);
    long[] imported = {0};
    Map<String, Long> reasons = new TreeMap<>();
    long skipped = scan(file, skipBad, reasons, events -> {
      batch.addAll(events);
      if (batch.size() >= batchSize) {
        log.append(batch);
        imported[0] += batch.size();
        batch.clear();
      }
    });
    log.append(batch);
    imported[0] += batch.size();
    return new ImportResult(imported[0], skipped, reasons);
  }

  /** Every event of a JSON-lines file, in file order; a bad line is refused naming {@code file:line}, field and value. */
  public static List<Event> read(Path file) throws IOException {
    List<Event> out = new ArrayList<>();
    scan(file, false, new TreeMap<>(), out::addAll);
    return out;
  }

  private interface LineEvents {
    void accept(List<Event> events) throws IOException;
  }

  /** Parses every non-blank line; returns how many were skipped (only with {@code skipBad}). */
  private static long scan(Path file, boolean skipBad, Map<String, Long> reasons, LineEvents sink) throws IOException {
    long skipped = 0;
    try (BufferedReader in = open(file)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        List<Event> events;
        try {
          events = parseLine(line);
        } catch (InvalidInputException e) {
          if (!skipBad) {
            throw e.at(file + ":" + lineNo);
          }
          skipped++;
          reasons.merge(e.field(), 1L, Long::sum);
          continue;
        }
        sink.accept(events);
      }
    }
    return skipped;
  }

  private static List<Event> parseLine(String line) {
    JsonNode node;
    try {
      node = EventCodec.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("json", line.length() > 60 ? line.substring(0, 60) + "..." : line, "expected a JSON object");
    }
    return EventCodec.parseMany(node);
  }

  private static BufferedReader open(Path file) throws IOException {
    return Inputs.reader(file);
  }
}
