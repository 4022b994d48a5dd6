package dev.funnel.cli.graph;

import dev.funnel.core.InvalidInputException;
import dev.funnel.events.FileEventLog;
import dev.funnel.graph.AmazonAlsoBuy;
import dev.funnel.graph.EdgeListReader;
import dev.funnel.graph.EventEdges;
import dev.funnel.graph.Graph;
import dev.funnel.graph.SyntheticGraph;
import dev.funnel.retrieval.CatalogReaders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a graph comes from: an edge list, Amazon metadata ({@code also_buy}) or the event log. */
public final class GraphInput {
  @Option(names = "--edges", description = "Directed edge list (TSV/CSV, optional weight column).")
  Path edges;

  @Option(names = "--amazon", description = "Amazon product metadata (JSON lines, .gz ok), read as `funnel index --format amazon` reads it: also_buy edges between its items.")
  Path amazon;

  @Option(names = "--events", description = "Event log directory: user bought U, then V within --window.")
  Path events;

  @Option(names = "--window", defaultValue = "P30D",
      description = "Window for event-log edges, ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--synthetic", description = "Seeded synthetic co-purchase graph, e.g. "
      + "reciprocity=0.3,nodes=3000,edges=12000,noise=0.1,seed=1 (one-way complement edges, two-way similar-item pairs, counts as weights).")
  String synthetic;

  public String describe() {
    return synthetic != null ? "synthetic:" + synthetic : edges != null ? edges.toString() : amazon != null ? "amazon:" + amazon : "events:" + events + " window " + window;
  }

  public Graph read() throws IOException {
    int given = (edges != null ? 1 : 0) + (amazon != null ? 1 : 0) + (events != null ? 1 : 0) + (synthetic != null ? 1 : 0);
    if (given != 1) {
      throw new InvalidInputException("--edges/--amazon/--events/--synthetic", given, "expected exactly one graph source");
    }
    if (synthetic != null) {
      return synthetic(synthetic);
    }
    if (edges != null) {
      return EdgeListReader.read(edges);
    }
    if (amazon != null) {
      return AmazonAlsoBuy.fromItems(CatalogReaders.readAmazon(amazon));
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

  /** Parses {@code key=value,...} (reciprocity, nodes, edges, noise, seed) into {@link SyntheticGraph#copurchase}. */
  static Graph synthetic(String spec) {
    java.util.Map<String, String> kv = new java.util.LinkedHashMap<>(java.util.Map.of("reciprocity", "0.3", "nodes", "3000",
        "edges", "12000", "noise", "0.1", "seed", "1"));
    for (String part : spec.split(",")) {
      String[] p = part.split("=", 2);
      String key = p[0].strip();
      if (p.length != 2 || !kv.containsKey(key)) {
        throw new InvalidInputException("synthetic", part, "expected key=value with key one of " + kv.keySet());
      }
      kv.put(key, p[1].strip());
    }
    try {
      return SyntheticGraph.copurchase(Integer.parseInt(kv.get("nodes")), Integer.parseInt(kv.get("edges")),
          Double.parseDouble(kv.get("reciprocity")), Double.parseDouble(kv.get("noise")), Long.parseLong(kv.get("seed")));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("synthetic", spec, "expected numbers: " + e.getMessage());
    }
  }
}
