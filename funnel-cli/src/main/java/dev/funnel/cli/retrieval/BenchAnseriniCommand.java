package dev.funnel.cli.retrieval;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.RankingMetrics;
import dev.funnel.core.metrics.Summary;
import dev.funnel.retrieval.BeirDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code funnel bench anserini}: Funnel and Anserini side by side on one BEIR corpus, same JDK,
 * one thread each, interleaved. Each round runs, as separate processes, Anserini's {@code
 * IndexCollection} and {@code funnel index}, then Anserini's {@code SearchCollection} and {@code
 * funnel bench search-run} over the split's topics (BM25, k1 0.9, b 0.4, 100 hits), alternating
 * which tool goes first. The Anserini fat jar is a Maven Central artifact, fetched into the local
 * Maven repository on first use; no Anserini code is part of Funnel. Both run files are scored
 * by the same code ({@link RankingMetrics}), and the command exits 1 when the metrics differ.
 */
@Command(
    name = "anserini",
    mixinStandardHelpOptions = true,
    description = {
      "Index and search a BEIR corpus with Anserini (fat jar from Maven Central) and with Funnel, interleaved, several",
      "rounds, same JDK, one thread: prints the time ratios (Funnel / Anserini, median of the per-round ratios) and checks",
      "that nDCG@10 and Recall@100 are equal. Exit 1 when they differ."
    })
public final class BenchAnseriniCommand implements Callable<Integer> {
  static final String ANSERINI = "io.anserini:anserini:1.5.0:jar:fatjar";
  private static final Pattern ANSERINI_RATE = Pattern.compile("queries processed in \\S+ = ~([0-9.]+) q/s");
  private static final Pattern FUNNEL_RATE = Pattern.compile("funnel: \\d+ queries in \\S+ s = ([0-9.]+) q/s");
  private static final long TIMEOUT_MINUTES = 60;
  /** Set by the launcher to its own path. */
  static final String LAUNCHER_ENV = "FUNNEL_LAUNCHER";

  @Option(names = "--beir", required = true, description = "BEIR folder (corpus.jsonl, queries.jsonl, qrels/).")
  Path beir;

  @Option(names = "--split", defaultValue = "test", description = "qrels split whose queries are searched (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--runs", defaultValue = "3", description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--anserini-jar", description = "Anserini fat jar (default: the local Maven repository's, fetched with ./mvnw when missing).")
  Path anseriniJar;

  @Option(names = "--dir", description = "Working folder (default: a temporary folder, deleted after).")
  Path dir;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new InvalidInputException("runs", runs, "expected at least 1");
    }
    BeirDataset data = BeirDataset.load(beir, split);
    Path jar = anseriniJar == null ? AnseriniJar.resolve() : anseriniJar;
    if (!Files.isRegularFile(jar)) {
      throw new InvalidInputException("anserini-jar", jar, "expected the Anserini fat jar");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("beir", beir.toString());
    config.put("split", split);
    config.put("runs", runs);
    config.put("anserini", ANSERINI);
    config.put("anserini_jar", jar.toString());
    config.put("java", javaBinary());
    config.put("jvm_options", jvmOptions());
    config.put("threads", 1);
    config.put("hits", RetrievalEvaluationDepth.HITS);
    JsonOutput.header("bench anserini", config);
    boolean temp = dir == null;
    Path work = temp ? Files.createTempDirectory("funnel-vs-anserini") : dir;
    try {
      return run(work, jar, data, config);
    } finally {
      if (temp) {
        deleteTree(work);
      }
    }
  }

  private int run(Path work, Path jar, BeirDataset data, Map<String, Object> config) throws IOException, InterruptedException {
    Files.createDirectories(work);
    // Anserini indexes every file of its input folder: give it a folder holding only the corpus.
    Path corpusDir = work.resolve("corpus");
    deleteTree(corpusDir);
    Files.createDirectories(corpusDir);
    Files.createSymbolicLink(corpusDir.resolve("corpus.jsonl"), data.corpus().toAbsolutePath());
    Path topics = work.resolve("topics.tsv");
    List<String> lines = new ArrayList<>();
    data.queries().forEach((id, text) -> lines.add(id + "\t" + text.replace('\t', ' ').replace('\n', ' ')));
    Files.write(topics, lines, StandardCharsets.UTF_8);

    Map<String, Object> classData = classDataCheck(work, funnel("index", "--input", data.dir().toString(), "--format", "beir",
        "--index", work.resolve("funnel-index-check").toString(), "--no-vectors", "--threads", "1"));
    deleteTree(work.resolve("funnel-index-check"));
    System.err.println("bench anserini: Funnel's class-data archive: " + classData);

    List<Map<String, Object>> rounds = new ArrayList<>();
    Map<String, Object> lastMetrics = null;
    for (int r = 0; r < runs; r++) {
      boolean anseriniFirst = r % 2 == 0;
      Path aIndex = work.resolve("anserini-index");
      Path fIndex = work.resolve("funnel-index");
      deleteTree(aIndex);
      deleteTree(fIndex);
      Step aIdx = null;
      Step fIdx = null;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == anseriniFirst) {
          aIdx = Step.run(work, "anserini-index-" + r, anserini(jar, "io.anserini.index.IndexCollection",
              "-collection", "BeirFlatCollection", "-input", corpusDir.toString(), "-index", aIndex.toString(),
              "-generator", "DefaultLuceneDocumentGenerator", "-threads", "1"));
        } else {
          fIdx = Step.run(work, "funnel-index-" + r, funnel("index", "--input", data.dir().toString(), "--format", "beir",
              "--index", fIndex.toString(), "--no-vectors", "--threads", "1"));
        }
      }
      Path aRun = work.resolve("anserini-run-" + r + ".txt");
      Path fRun = work.resolve("funnel-run-" + r + ".txt");
      Step aSearch = null;
      Step fSearch = null;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == anseriniFirst) {
          aSearch = Step.run(work, "anserini-search-" + r, anserini(jar, "io.anserini.search.SearchCollection",
              "-index", aIndex.toString(), "-topics", topics.toString(), "-topicReader", "TsvString",
              "-output", aRun.toString(), "-bm25", "-bm25.k1", "0.9", "-bm25.b", "0.4", "-removeQuery",
              "-hits", Integer.toString(RetrievalEvaluationDepth.HITS), "-parallelism", "1"));
        } else {
          fSearch = Step.run(work, "funnel-search-" + r, funnel("bench", "search-run", "--index", fIndex.toString(),
              "--topics", topics.toString(), "--output", fRun.toString(), "--strategy", "bm25",
              "--hits", Integer.toString(RetrievalEvaluationDepth.HITS)));
        }
      }
      Map<String, Object> aMetrics = TrecRun.metrics(TrecRun.read(aRun), data);
      Map<String, Object> fMetrics = TrecRun.metrics(TrecRun.read(fRun), data);
      Map<String, Object> round = new LinkedHashMap<>();
      round.put("round", r + 1);
      round.put("first", anseriniFirst ? "anserini" : "funnel");
      round.put("anserini", Map.of("index", aIdx.toMap(), "search", withRate(aSearch, ANSERINI_RATE),
          "index_bytes", size(aIndex), "metrics", aMetrics));
      round.put("funnel", Map.of("index", fIdx.toMap(), "search", withRate(fSearch, FUNNEL_RATE),
          "index_bytes", size(fIndex), "metrics", fMetrics));
      rounds.add(round);
      System.err.printf(java.util.Locale.ROOT,
          "bench anserini: round %d/%d: index %.2f s vs %.2f s, search %.2f s vs %.2f s (Funnel vs Anserini, wall)%n",
          r + 1, runs, fIdx.wallSeconds, aIdx.wallSeconds, fSearch.wallSeconds, aSearch.wallSeconds);
      if (!aMetrics.equals(fMetrics)) {
        round.put("metrics_equal", false);
      }
      lastMetrics = Map.of("anserini", aMetrics, "funnel", fMetrics);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config);
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("ratios", ratios(rounds));
    out.put("funnel_class_data", classData);
    boolean equal = rounds.stream().noneMatch(m -> Boolean.FALSE.equals(m.get("metrics_equal")));
    out.put("metrics_equal", equal);
    out.put("metrics", lastMetrics);
    out.put("rounds", rounds);
    JsonOutput.emit(out, json, System.out);
    if (!equal) {
      System.err.println("bench anserini: the metrics of the two run files differ (see \"rounds\")");
      return 1;
    }
    return 0;
  }

  /** Medians over rounds of Funnel / Anserini for each timing; per-round ratios keep drift out. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> ratios(List<Map<String, Object>> rounds) {
    Map<String, Object> out = new LinkedHashMap<>();
    String[][] keys = {
      {"index", "wall_s", "indexing_wall"},
      {"index", "cpu_s", "indexing_cpu"},
      {"search", "wall_s", "search_process_wall"},
      {"search", "cpu_s", "search_process_cpu"},
    };
    for (String[] k : keys) {
      double[] r = new double[rounds.size()];
      boolean defined = true;
      for (int i = 0; i < rounds.size(); i++) {
        Object f = ((Map<String, Object>) ((Map<String, Object>) rounds.get(i).get("funnel")).get(k[0])).get(k[1]);
        Object a = ((Map<String, Object>) ((Map<String, Object>) rounds.get(i).get("anserini")).get(k[0])).get(k[1]);
        if (!(f instanceof Double fd) || !(a instanceof Double ad) || ad <= 0) {
          defined = false;
          break;
        }
        r[i] = fd / ad;
      }
      out.put(k[2] + "_funnel_over_anserini", defined ? Summary.median(r) : null);
    }
    // Query throughput inside each process (the rate the tool reports for its search loop): Funnel / Anserini.
    double[] q = new double[rounds.size()];
    boolean defined = true;
    for (int i = 0; i < rounds.size(); i++) {
      Object f = ((Map<String, Object>) ((Map<String, Object>) rounds.get(i).get("funnel")).get("search")).get("queries_per_s");
      Object a = ((Map<String, Object>) ((Map<String, Object>) rounds.get(i).get("anserini")).get("search")).get("queries_per_s");
      if (!(f instanceof Double fd) || !(a instanceof Double ad) || ad <= 0) {
        defined = false;
        break;
      }
      q[i] = fd / ad;
    }
    out.put("query_throughput_funnel_over_anserini", defined ? Summary.median(q) : null);
    if (!defined) {
      out.put("query_throughput_reason", "a search log lacked its queries-per-second line");
    }
    out.put("note", "times: Funnel / Anserini (below 1: Funnel faster); throughput: Funnel / Anserini (above 1: Funnel faster)");
    return out;
  }

  private static Map<String, Object> withRate(Step s, Pattern rate) throws IOException {
    Map<String, Object> m = s.toMap();
    Matcher x = rate.matcher(Files.readString(s.log, StandardCharsets.UTF_8));
    Double qps = null;
    while (x.find()) {
      qps = Double.parseDouble(x.group(1));
    }
    m.put("queries_per_s", qps);
    return m;
  }

  private static List<String> anserini(Path jar, String main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmOptions());
    cmd.add("-cp");
    cmd.add(jar.toString());
    cmd.add(main);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * A Funnel command as a user runs it: through the {@code ./funnel} launcher that started this
   * process (its JDK, JVM options and class-data archive), or, when this process was not started
   * by the launcher, the same JVM with this process's class path.
   */
  private static List<String> funnel(String... args) {
    List<String> cmd = new ArrayList<>();
    String launcher = System.getenv(LAUNCHER_ENV);
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      cmd.add(launcher);
    } else {
      cmd.add(javaBinary());
      cmd.addAll(jvmOptions());
      cmd.add("-Dai.djl.offline=true");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("dev.funnel.cli.FunnelCli");
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Which classes a Funnel index run, started as the rounds start it, took from the launcher's
   * class-data archive: one untimed run of the same command with class-load logging (passed
   * through {@code FUNNEL_JAVA_OPTS}, which the launcher appends to its own options).
   */
  static Map<String, Object> classDataCheck(Path work, List<String> indexCommand) throws IOException, InterruptedException {
    Map<String, Object> m = new LinkedHashMap<>();
    String launcher = System.getenv(LAUNCHER_ENV);
    m.put("launcher", launcher);
    m.put("archive", System.getenv("FUNNEL_CDS_ARCHIVE"));
    if (launcher == null) {
      m.put("reason", "not started by ./funnel: Funnel's side runs java directly, without the launcher's archive");
      return m;
    }
    Path log = work.resolve("class-load.log");
    Files.deleteIfExists(log);
    ProcessBuilder pb = new ProcessBuilder(indexCommand).redirectErrorStream(true)
        .redirectOutput(work.resolve("class-data-check.log").toFile());
    String opts = System.getenv("FUNNEL_JAVA_OPTS");
    pb.environment().put("FUNNEL_JAVA_OPTS", (opts == null ? "" : opts + " ") + "-Xlog:class+load=info:file=" + log);
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("the class-data check run failed; log: " + work.resolve("class-data-check.log"));
    }
    m.putAll(ClassLoadLog.read(log).toMap());
    return m;
  }

  /** The same JVM options for both tools: Lucene's vector module, as the launcher passes it. */
  private static List<String> jvmOptions() {
    return List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static long size(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** Holder of the search depth both tools use: the depth of Recall@100. */
  static final class RetrievalEvaluationDepth {
    static final int HITS = dev.funnel.retrieval.RetrievalEvaluation.DEPTH;

    private RetrievalEvaluationDepth() {}
  }

  /** One child process: its command, wall seconds, CPU seconds and log. */
  static final class Step {
    final List<String> command;
    final double wallSeconds;
    final Double cpuSeconds;
    final Path log;

    private Step(List<String> command, double wallSeconds, Double cpuSeconds, Path log) {
      this.command = command;
      this.wallSeconds = wallSeconds;
      this.cpuSeconds = cpuSeconds;
      this.log = log;
    }

    static Step run(Path work, String name, List<String> command) throws IOException, InterruptedException {
      Path log = work.resolve(name + ".log");
      Double cpu0 = ChildCpu.seconds();
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(name + " did not finish within " + TIMEOUT_MINUTES + " minutes; log: " + log);
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      Double cpu1 = ChildCpu.seconds();
      if (p.exitValue() != 0) {
        throw new IllegalStateException(name + " exited with " + p.exitValue() + "; log: " + log + "\n" + tail(log));
      }
      return new Step(command, wall, cpu0 == null || cpu1 == null ? null : cpu1 - cpu0, log);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("wall_s", wallSeconds);
      m.put("cpu_s", cpuSeconds);
      if (cpuSeconds == null) {
        m.put("cpu_s_reason", "the CPU time of finished child processes is read from /proc/self/stat (Linux only)");
      }
      m.put("command", String.join(" ", command));
      return m;
    }

    private static String tail(Path log) throws IOException {
      List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", l.subList(Math.max(0, l.size() - 20), l.size()));
    }
  }

  /**
   * CPU seconds (user + system) of this process's finished, reaped children: fields cutime and
   * cstime of {@code /proc/self/stat}, in clock ticks of 1/100 s. {@code null} where there is no
   * such file.
   */
  static final class ChildCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private ChildCpu() {}

    static Double seconds() {
      Path stat = Path.of("/proc/self/stat");
      if (!Files.isReadable(stat)) {
        return null;
      }
      try {
        String s = Files.readString(stat, StandardCharsets.US_ASCII);
        // Fields after the command name (which is in parentheses and may hold spaces).
        String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state); cutime and cstime are fields 16 and 17.
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
