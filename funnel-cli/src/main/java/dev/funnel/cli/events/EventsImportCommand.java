package dev.funnel.cli.events;

import dev.funnel.cli.JsonOutput;
import dev.funnel.events.EventFiles;
import dev.funnel.events.FileEventLog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funnel events import}: appends JSON-lines event files to the durable event log. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import feedback events from JSON-lines files (.gz allowed) into the event log.")
public final class EventsImportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON-lines files: one event object (or array) per line.")
  List<Path> files;

  @Option(names = "--events", required = true, paramLabel = "DIR", description = "Event log directory (created if missing).")
  Path events;

  @Option(names = "--skip-bad", description = "Skip malformed lines and report counts instead of stopping at the first.")
  boolean skipBad;

  @Option(names = "--batch", defaultValue = "1000", description = "Events per durable append (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the result JSON here.")
  Path json;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    try (FileEventLog log = FileEventLog.open(events)) {
      long before = log.size();
      for (Path f : files) {
        EventFiles.ImportResult r = EventFiles.importJsonLines(f, log, skipBad, Math.max(1, batch));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("imported", r.imported());
        one.put("skipped", r.skipped());
        one.put("skipped_by_field", r.skippedByReason());
        result.put(f.toString(), one);
      }
      result.put("stored_before", before);
      result.put("stored_after", log.size());
    }
    JsonOutput.emit(Map.of("events", events.toString(), "files", result), json, System.out);
    return 0;
  }
}
