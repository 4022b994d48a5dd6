package dev.funnel.cli.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.core.Item;
import dev.funnel.retrieval.SyntheticCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The workload the launcher runs once per build and JDK with {@code -XX:ArchiveClassesAtExit}:
 * the classes it loads become the application class-data archive that every later command maps.
 * It indexes a small seeded synthetic corpus in BEIR form (as {@code funnel index --format beir
 * --no-vectors} does), runs a bm25 search run over it (as {@code funnel bench search-run}), and
 * builds the whole command tree and its usage text. Output goes nowhere; the temporary folder is
 * deleted. Exits 0 only when every step succeeded, so the launcher never publishes the archive of
 * a failed run.
 */
public final class ClassDataTraining {
  /** Documents of the training corpus: enough for every indexing and search path, fast to index. */
  static final int DOCS = 300;

  static final int QUERIES = 30;
  private static final long SEED = 1;
  private static final int VOCABULARY = 2000;

  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    System.exit(run());
  }

  /** Runs the workload in a temporary folder; returns 0 when every step succeeded. */
  static int run() throws IOException {
    Path work = Files.createTempDirectory("funnel-class-data");
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    System.setOut(sink);
    System.setErr(sink);
    try {
      Path beir = corpus(work.resolve("beir"));
      Path index = work.resolve("index");
      int rc = execute("index", "--input", beir.toString(), "--format", "beir", "--index", index.toString(),
          "--no-vectors", "--threads", "1");
      if (rc == 0) {
        rc = execute("bench", "search-run", "--index", index.toString(), "--topics", beir.resolve("topics.tsv").toString(),
            "--output", work.resolve("run.txt").toString(), "--strategy", "bm25", "--hits", "100");
      }
      if (rc == 0) {
        Writer usage = new StringWriter();
        FunnelCli.commandLine().usage(new PrintWriter(usage));
      }
      return rc;
    } finally {
      System.setOut(out);
      System.setErr(err);
      deleteTree(work);
    }
  }

  private static int execute(String... args) {
    CommandLine cl = FunnelCli.commandLine(args);
    cl.setOut(new PrintWriter(Writer.nullWriter()));
    cl.setErr(new PrintWriter(Writer.nullWriter()));
    return cl.execute(args);
  }

  /** A BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv) and a topics file of the synthetic catalog. */
  static Path corpus(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("qrels"));
    SyntheticCatalog catalog = new SyntheticCatalog(SEED, VOCABULARY);
    ObjectMapper json = new ObjectMapper();
    List<String> docs = new ArrayList<>(DOCS);
    List<String> ids = new ArrayList<>(DOCS);
    for (Iterator<Item> it = catalog.items(DOCS); it.hasNext(); ) {
      Item item = it.next();
      Map<String, String> doc = new LinkedHashMap<>();
      doc.put("_id", item.id());
      doc.put("title", item.text().getOrDefault("title", ""));
      doc.put("text", item.text().getOrDefault("description", ""));
      docs.add(json.writeValueAsString(doc));
      ids.add(item.id());
    }
    Files.write(dir.resolve("corpus.jsonl"), docs, StandardCharsets.UTF_8);
    List<String> queries = catalog.queries(QUERIES);
    List<String> queryLines = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    List<String> qrels = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
    for (int q = 0; q < queries.size(); q++) {
      String id = "q" + q;
      queryLines.add(json.writeValueAsString(Map.of("_id", id, "text", queries.get(q))));
      topics.add(id + "\t" + queries.get(q));
      qrels.add(id + "\t" + ids.get(q % ids.size()) + "\t1");
    }
    Files.write(dir.resolve("queries.jsonl"), queryLines, StandardCharsets.UTF_8);
    Files.write(dir.resolve("qrels").resolve("test.tsv"), qrels, StandardCharsets.UTF_8);
    Files.write(dir.resolve("topics.tsv"), topics, StandardCharsets.UTF_8);
    return dir;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
