package dev.funnel.cli.graph;

import dev.funnel.core.InvalidInputException;
import dev.funnel.events.FileEventLog;
import dev.funnel.graph.AmazonAlsoBuy;
import dev.funnel.graph.EdgeListReader;
import dev.funnel.graph.EventEdges;
import dev.funnel.graph.Graph;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a graph comes from: an edge list, Amazon metadata ({@code also_buy}) or the event log. */
public final class GraphInput {
  @Option(names = "--edges", description = "Directed edge list (TSV/CSV, optional weight column).")
  Path edges;

  @Option(names = "--amazon", description = "Amazon product metadata (JSON lines, .gz ok): also_buy edges.")
  Path amazon;

  @Option(names = "--events", description = "Event log directory: user bought U, then V within --window.")
  Path events;

  @Option(names = "--window", defaultValue = "P30D",
      description = "Window for event-log edges, ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  String window;

  public String describe() {
    return edges != null ? edges.toString() : amazon != null ? "amazon:" + amazon : "events:" + events + " window " + window;
  }

  public Graph read() throws IOException {
    int given = (edges != null ? 1 : 0) + (amazon != null ? 1 : 0) + (events != null ? 1 : 0);
    if (given != 1) {
      throw new InvalidInputException("--edges/--amazon/--events", given, "expected exactly one graph source");
    }
    if (edges != null) {
      return EdgeListReader.read(edges);
    }
    if (amazon != null) {
      return AmazonAlsoBuy.read(amazon);
    }
    Duration w;
    try {
      w = Duration.parse(window);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException("window", window, "expected an ISO-8601 duration such as P30D or PT2H");
    }
    try (FileEventLog log = FileEventLog.open(events)) {
      return EventEdges.read(log, w);
    }
  }
}
