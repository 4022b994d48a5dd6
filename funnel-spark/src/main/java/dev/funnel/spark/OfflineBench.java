package dev.funnel.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.ope.Estimator;
import dev.funnel.bandit.ope.FunnelLog;
import dev.funnel.bandit.ope.OpeData;
import dev.funnel.core.Event;
import dev.funnel.events.FileEventLog;
import dev.funnel.rank.LabelGrades;
import dev.funnel.rank.LambdaMartTrainer;
import dev.funnel.rank.PositionBiasEstimator;
import dev.funnel.rank.Propensities;
import dev.funnel.rank.TrainingLog;
import dev.funnel.rank.TrainingSet;
import dev.funnel.rank.TrainingSetBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./funnel bench offline}: for each size, a seeded log of N impressions
 * ({@link OfflineLogGenerator}), then the ranker's training-set job (join with the events,
 * labels, position-bias EM) run embedded ({@link TrainingSetBuilder} and
 * {@link PositionBiasEstimator} in one JVM) and on Spark ({@link RankerTrainingJob}, local
 * master), each in its own JVM with the same bounded heap, so an out-of-memory ends that run only.
 * Reports seconds, impressions per second, peak heap and peak resident memory, and checks that
 * both paths found the same counts and propensities. Then, over a decision log of one decision
 * per request ({@link DecisionLogGenerator}), the off-policy estimates (IPS, SNIPS, DR, SNDR,
 * switch-DR) embedded and on Spark ({@link OffPolicyJob}), in the same way.
 */
public final class OfflineBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OfflineBench() {}

  /** The jobs the bench can run: the ranker's training set and the off-policy estimates. */
  public static final List<String> JOBS = List.of("ranker", "ope");

  /**
   * The bench over {@code sizes} impressions, for the {@code jobs} named (of {@link #JOBS}); each
   * run in a child JVM with {@code -Xmx xmx}. The off-policy job's log has one decision per
   * request of the impressions' log: N / 10.
   */
  public static Map<String, Object> run(List<Long> sizes, List<String> jobs, long seed, String xmx, String master, int partitions, Path dir)
      throws Exception {
    if (jobs.isEmpty() || !JOBS.containsAll(jobs)) {
      throw new dev.funnel.core.InvalidInputException("--jobs", jobs, "expected some of " + String.join(", ", JOBS));
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    for (long n : sizes) {
      Path d = dir.resolve(n + "-" + seed);
      if (!jobs.contains("ranker")) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("impressions", n);
        run.put("ope", ope(d, n / OfflineLogGenerator.SHOWN, seed, xmx, master, partitions));
        runs.add(run);
        System.err.println("bench offline: " + JSON.writeValueAsString(run));
        continue;
      }
      long t = System.nanoTime();
      OfflineLogGenerator.Written w = OfflineLogGenerator.write(d, n, seed);
      System.err.printf("bench offline: %d impressions, %d events, %d queries in %s (%.1f s)%n", w.impressions(), w.events(), w.queries(), d, (System.nanoTime() - t) / 1e9);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("impressions", w.impressions());
      run.put("requests", w.requests());
      run.put("events", w.events());
      run.put("queries", w.queries());
      run.put("training_log_bytes", Files.size(w.trainingLog()));
      run.put("event_log_bytes", Files.size(w.eventLog().resolve(FileEventLog.FILE_NAME)));
      Map<String, Object> e = child("embedded", d, xmx, master, partitions, seed);
      Map<String, Object> s = child("spark", d, xmx, master, partitions, seed);
      run.put("embedded", e);
      run.put("spark", s);
      if ("ok".equals(e.get("status")) && "ok".equals(s.get("status"))) {
        run.put("same_counts", e.get("rows").equals(s.get("rows")) && e.get("requests").equals(s.get("requests"))
            && e.get("events_joined").equals(s.get("events_joined")));
        run.put("propensity_max_abs_diff", maxDiff(e.get("propensities"), s.get("propensities")));
      }
      if (jobs.contains("ope")) {
        run.put("ope", ope(d, w.requests(), seed, xmx, master, partitions));
      }
      runs.add(run);
      System.err.println("bench offline: " + JSON.writeValueAsString(run));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("sizes", sizes);
    config.put("jobs", jobs);
    config.put("seed", seed);
    config.put("xmx", xmx);
    config.put("master", master);
    config.put("shuffle_partitions", partitions);
    config.put("java", System.getProperty("java.version"));
    config.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    config.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("config", config);
    if (jobs.contains("ranker")) {
      out.put("job", "ranker training set: training log joined with the event log, graded labels, per-pair position-bias EM (LightGBM training excluded)");
    }
    if (jobs.contains("ope")) {
      out.put("ope_job", "off-policy estimates over a decision log of one decision per request (impressions / 10): IPS, SNIPS, DR, SNDR and switch-DR"
          + " point estimates of a LinUCB target, with the 5-fold cross-fitted ridge reward model (no bootstrap intervals)");
    }
    out.put("runs", runs);
    if (jobs.contains("ranker")) {
      out.put("growth", growth(runs, r -> r));
    }
    if (jobs.contains("ope")) {
      out.put("ope_growth", growth(runs, r -> (Map<?, ?>) r.get("ope")));
    }
    return out;
  }

  /**
   * The off-policy job at one size: a seeded decision log of {@code decisions} decisions
   * ({@link DecisionLogGenerator}), then the embedded estimators and {@link OffPolicyJob}, each in
   * its own JVM, and the largest difference between their estimates.
   */
  private static Map<String, Object> ope(Path d, long decisions, long seed, String xmx, String master, int partitions) throws Exception {
    long t = System.nanoTime();
    DecisionLogGenerator.Written w = DecisionLogGenerator.write(d.resolve("ope"), decisions, seed);
    System.err.printf("bench offline: %d decisions in %s (%.1f s)%n", w.decisions(), w.log(), (System.nanoTime() - t) / 1e9);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("decisions", w.decisions());
    run.put("decision_log_bytes", Files.size(w.log()));
    Map<String, Object> e = child("ope-embedded", d.resolve("ope"), xmx, master, partitions, seed);
    Map<String, Object> s = child("ope-spark", d.resolve("ope"), xmx, master, partitions, seed);
    run.put("embedded", e);
    run.put("spark", s);
    if ("ok".equals(e.get("status")) && "ok".equals(s.get("status"))) {
      Map<?, ?> a = (Map<?, ?>) e.get("estimates");
      Map<?, ?> b = (Map<?, ?>) s.get("estimates");
      double m = 0;
      for (Object k : a.keySet()) {
        m = Math.max(m, Math.abs(((Number) a.get(k)).doubleValue() - ((Number) b.get(k)).doubleValue()));
      }
      run.put("estimate_max_abs_diff", m);
    }
    return run;
  }

  /** Time ratio between consecutive sizes, per path: 10 means linear in a tenfold size step. */
  private static Map<String, Object> growth(List<Map<String, Object>> runs, java.util.function.Function<Map<String, Object>, Map<?, ?>> job) {
    Map<String, Object> g = new LinkedHashMap<>();
    for (String mode : List.of("embedded", "spark")) {
      List<Object> steps = new ArrayList<>();
      for (int i = 1; i < runs.size(); i++) {
        Map<?, ?> a = (Map<?, ?>) job.apply(runs.get(i - 1)).get(mode);
        Map<?, ?> b = (Map<?, ?>) job.apply(runs.get(i)).get(mode);
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("from", runs.get(i - 1).get("impressions"));
        st.put("to", runs.get(i).get("impressions"));
        st.put("time_ratio", "ok".equals(a.get("status")) && "ok".equals(b.get("status"))
            ? ((Number) b.get("seconds")).doubleValue() / ((Number) a.get("seconds")).doubleValue() : null);
        steps.add(st);
      }
      g.put(mode, steps);
    }
    return g;
  }

  private static Double maxDiff(Object a, Object b) {
    List<?> x = (List<?>) a;
    List<?> y = (List<?>) b;
    if (x.size() != y.size()) {
      return null;
    }
    double m = 0;
    for (int i = 0; i < x.size(); i++) {
      m = Math.max(m, Math.abs(((Number) x.get(i)).doubleValue() - ((Number) y.get(i)).doubleValue()));
    }
    return m;
  }

  /** Runs one mode in a child JVM (same flags, {@code -Xmx xmx}) and reads its JSON line. */
  private static Map<String, Object> child(String mode, Path dir, String xmx, String master, int partitions, long seed) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Xmx") && !a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx" + xmx);
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(OfflineBench.class.getName());
    cmd.addAll(List.of(mode, dir.toString(), master, Integer.toString(partitions), Long.toString(seed)));
    Path out = Files.createTempFile(dir, mode, ".json");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    long t = System.nanoTime();
    int rc = pb.start().waitFor();
    double wall = (System.nanoTime() - t) / 1e9;
    String text = Files.readString(out).trim();
    Files.delete(out);
    Map<String, Object> m = new LinkedHashMap<>();
    if (rc != 0 || text.isEmpty()) {
      m.put("status", rc == 3 ? "out_of_memory" : "failed (exit " + rc + ")");
      m.put("seconds_until_failure", wall);
      return m;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> r = JSON.readValue(text.substring(text.lastIndexOf('\n') + 1), Map.class);
    m.put("status", "ok");
    m.putAll(r);
    m.put("jvm_wall_seconds", wall);
    return m;
  }

  /** Child entry point: {@code embedded|spark|ope-embedded|ope-spark DIR MASTER PARTITIONS SEED}; prints one JSON line. */
  public static void main(String[] args) throws Exception {
    watchGc();
    String mode = args[0];
    Path dir = Path.of(args[1]);
    if (mode.startsWith("ope-")) {
      opeChild(mode, dir, args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
      return;
    }
    Path log = dir.resolve("training.log");
    Path events = dir.resolve("events");
    LambdaMartTrainer.Config config = LambdaMartTrainer.Config.defaults(1);
    Map<String, Object> r = new LinkedHashMap<>();
    long t = System.nanoTime();
    long rows;
    long requests;
    long joined;
    Propensities p;
    if (mode.equals("embedded")) {
      TrainingLog tl = TrainingLog.read(log);
      List<Event> ev = new ArrayList<>();
      try (FileEventLog el = FileEventLog.open(events)) {
        el.scan(ev::add);
      }
      TrainingSet set = new TrainingSetBuilder(LabelGrades.DEFAULT).build(tl, ev);
      p = LambdaMartTrainer.pairEstimator(config).estimate(PositionBiasEstimator.observations(set));
      rows = set.rows();
      requests = set.groups().size();
      joined = set.matchedEvents();
    } else {
      long s0 = System.nanoTime();
      SparkSession spark = SparkRuntime.session(args[2], Integer.parseInt(args[3]));
      r.put("spark_start_seconds", (System.nanoTime() - s0) / 1e9);
      RankerTrainingJob.Joined j = RankerTrainingJob.join(SparkRuntime.context(spark), log.toString(), events.toString(), LabelGrades.DEFAULT);
      p = RankerTrainingJob.propensities(j, config).propensities();
      rows = j.impressions;
      requests = j.requests;
      joined = j.matchedEvents;
      spark.stop();
    }
    double sec = (System.nanoTime() - t) / 1e9;
    r.put("seconds", sec);
    r.put("impressions_per_second", rows / sec);
    r.put("rows", rows);
    r.put("requests", requests);
    r.put("events_joined", joined);
    r.put("propensities", p.relative());
    printWithMemory(r);
  }

  /** The off-policy child: every eval ope estimator's point estimate, embedded ({@link FunnelLog#data}) or on Spark. */
  private static void opeChild(String mode, Path dir, String master, int partitions, long seed) throws Exception {
    Path log = dir.resolve("decisions.jsonl");
    Path targetState = dir.resolve("target-bandit.json");
    Map<String, Object> r = new LinkedHashMap<>();
    long t = System.nanoTime();
    Map<String, Double> estimates = new LinkedHashMap<>();
    long rows;
    if (mode.equals("ope-embedded")) {
      BanditService target = BanditService.load(targetState);
      OpeData data = FunnelLog.data(FunnelLog.read(log), target.policy(), target.featurizer(), OffPolicyJob.DEFAULT_FOLDS, seed);
      int[] all = data.allRows();
      for (Estimator e : List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR, Estimator.SNDR, Estimator.switchDr(OffPolicyJob.DEFAULT_SWITCH_TAU))) {
        estimates.put(e.name(), e.estimate(data, all));
      }
      rows = data.size();
    } else {
      long s0 = System.nanoTime();
      SparkSession spark = SparkRuntime.session(master, partitions);
      r.put("spark_start_seconds", (System.nanoTime() - s0) / 1e9);
      Map<String, Object> out = OffPolicyJob.run(SparkRuntime.context(spark), log.toString(), targetState.toString(), null, seed);
      ((Map<?, ?>) out.get("estimators")).forEach((k, v) -> estimates.put((String) k, ((Number) ((Map<?, ?>) v).get("unclipped")).doubleValue()));
      rows = ((Number) out.get("rounds")).longValue();
      spark.stop();
    }
    double sec = (System.nanoTime() - t) / 1e9;
    r.put("seconds", sec);
    r.put("decisions_per_second", rows / sec);
    r.put("rows", rows);
    r.put("estimates", estimates);
    printWithMemory(r);
  }

  private static void printWithMemory(Map<String, Object> r) throws IOException {
    long heap = 0;
    for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
      if (b.getType() == MemoryType.HEAP) {
        heap += b.getPeakUsage().getUsed();
      }
    }
    r.put("peak_heap_mb", heap / 1048576.0);
    r.put("peak_rss_mb", peakRssMb());
    System.out.println(JSON.writeValueAsString(r));
  }

  /**
   * G1 has no GC-overhead limit: a heap that is almost full makes it run back-to-back full
   * collections for many minutes before an allocation finally fails. A run that spends more than
   * 90% of a minute collecting is out of memory for the purpose of the bench: exit 3, as
   * {@code -XX:+ExitOnOutOfMemoryError} does.
   */
  private static void watchGc() {
    Thread t = new Thread(() -> {
      long[] gc = new long[13];
      long[] wall = new long[13];
      for (int i = 0; ; i = (i + 1) % 13) {
        long sum = 0;
        for (var b : ManagementFactory.getGarbageCollectorMXBeans()) {
          sum += Math.max(0, b.getCollectionTime());
        }
        gc[i] = sum;
        wall[i] = System.nanoTime() / 1_000_000;
        int oldest = (i + 1) % 13;
        if (wall[oldest] > 0 && wall[i] - wall[oldest] >= 55_000 && gc[i] - gc[oldest] > 0.9 * (wall[i] - wall[oldest])) {
          System.err.println("bench offline: more than 90% of the last minute in garbage collection: out of memory");
          Runtime.getRuntime().halt(3);
        }
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "gc-watch");
    t.setDaemon(true);
    t.start();
  }

  private static Double peakRssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return null;
    }
    return null;
  }
}
