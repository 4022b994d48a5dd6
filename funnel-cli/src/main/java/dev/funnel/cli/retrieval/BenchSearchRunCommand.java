package dev.funnel.cli.retrieval;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.SearchSettings;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code funnel bench search-run}: the Funnel side of {@code bench anserini}'s search step. Runs
 * every topic of a TSV file ({@code id<TAB>query}) once through one strategy, one query at a time
 * on one thread, and writes a TREC run file, like Anserini's {@code SearchCollection}: no warm-up
 * pass, the index opened once. Prints the query rate of the loop on standard error.
 */
@Command(
    name = "search-run",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Search every topic of a TSV file once and write a TREC run file (used by bench anserini).")
public final class BenchSearchRunCommand implements Callable<Integer> {
  /** The line this command prints on standard error, parsed by {@code bench anserini}. */
  static final String RATE_LINE = "funnel: %d queries in %.3f s = %.2f q/s%n";

  @Option(names = "--index", required = true, description = "Index folder.")
  Path index;

  @Option(names = "--topics", required = true, description = "Topics: one 'id<TAB>query' per line.")
  Path topics;

  @Option(names = "--output", required = true, description = "TREC run file to write.")
  Path output;

  @Option(names = "--strategy", defaultValue = "bm25", description = "Strategy (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(names = "--hits", defaultValue = "100", description = "Results per topic (default: ${DEFAULT-VALUE}).")
  int hits;

  @Override
  public Integer call() throws Exception {
    List<String[]> rows = Files.readAllLines(topics, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t", 2))
        .toList();
    for (String[] r : rows) {
      if (r.length != 2) {
        throw new InvalidInputException("topics", r[0], "expected 'id<TAB>query' on every line of " + topics);
      }
    }
    try (CatalogIndex idx = CatalogIndex.open(index, SearchSettings.DEFAULTS);
        BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      Retriever retriever = idx.retriever(strategy);
      long t0 = System.nanoTime();
      for (String[] r : rows) {
        List<Candidate> found = retriever.retrieve(Query.of(r[1]), hits);
        for (int i = 0; i < found.size(); i++) {
          Candidate c = found.get(i);
          w.write(String.format(Locale.ROOT, "%s Q0 %s %d %.6f Funnel%n", r[0], c.itemId(), i + 1, c.score()));
        }
      }
      w.flush();
      double secs = (System.nanoTime() - t0) / 1e9;
      System.err.printf(Locale.ROOT, RATE_LINE, rows.size(), secs, rows.size() / Math.max(1e-9, secs));
    }
    return 0;
  }
}
