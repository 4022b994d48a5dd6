package dev.funnel.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnel.core.InvalidInputException;
import dev.funnel.rank.LambdaMartTrainer;
import dev.funnel.rank.RankerFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark side of the command line, in its own JVM and class path so that the default
 * launcher stays free of Spark: {@code ./funnel spark train ranker}, {@code ./funnel spark eval
 * ope} and {@code ./funnel bench offline}. With {@code --master local[N]} (the default) Spark runs
 * inside this process; on a cluster, spark-submit the module's jar with this class as main.
 */
@Command(name = "funnel", subcommands = {SparkCli.Spark.class, SparkCli.Bench.class}, mixinStandardHelpOptions = true)
public final class SparkCli {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line; bad input exits with 2 and a message naming the field and the value. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SparkCli());
    cl.setExecutionExceptionHandler((e, c, p) -> {
      if (e instanceof InvalidInputException) {
        c.getErr().println("funnel: " + e.getMessage());
        c.getErr().flush();
        return 2;
      }
      throw e;
    });
    return cl;
  }

  static void emit(Map<String, Object> result, Path json) throws Exception {
    String text = JSON.writeValueAsString(result);
    System.out.println(text);
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      dev.funnel.core.util.AtomicFiles.write(json, (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  static void header(String command, Map<String, Object> config) throws Exception {
    System.err.println("funnel " + command + " " + new ObjectMapper().writeValueAsString(config));
  }

  @Command(name = "spark", description = "Offline jobs on Apache Spark.", subcommands = {TrainGroup.class, EvalOpe.class, GraphEdges.class})
  static final class Spark {}

  @Command(name = "train", description = "Training on Spark.", subcommands = {TrainRanker.class, TrainConversion.class})
  static final class TrainGroup {}

  @Command(name = "graph-edges", description = "Edges from purchase sequences (user bought U, then V within --window), as the TSV edge list train graph --edges reads.")
  static final class GraphEdges extends SparkOptions implements Callable<Integer> {
    @Option(names = "--events", required = true, description = "event-log directory or JSON-lines file")
    String events;

    @Option(names = "--window", defaultValue = "P30D", description = "ISO-8601 duration (default ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--out", required = true, description = "edge list to write (source, target, weight; tab-separated)")
    Path out;

    @Option(names = "--json", description = "also write the JSON result to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
      java.time.Duration w;
      try {
        w = java.time.Duration.parse(window);
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidInputException("window", window, "expected an ISO-8601 duration such as P30D or PT2H");
      }
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("events", events);
      config.put("window", window);
      config.put("out", out.toString());
      config.put("master", master);
      header("spark graph-edges", config);
      SparkSession spark = SparkRuntime.session(master, partitions);
      try {
        List<GraphEdgesJob.Edge> edges = GraphEdgesJob.edges(SparkRuntime.context(spark), events, w);
        GraphEdgesJob.write(edges, out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("edges", edges.size());
        result.put("weight", edges.stream().mapToDouble(GraphEdgesJob.Edge::weight).sum());
        result.put("out", out.toString());
        emit(result, json);
      } finally {
        spark.stop();
      }
      return 0;
    }
  }

  @Command(name = "bench", description = "Benchmarks of the offline jobs.", subcommands = {BenchOffline.class})
  static final class Bench {}

  /** Options shared by the Spark commands. */
  static class SparkOptions {
    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE}: in this process)")
    String master;

    @Option(names = "--partitions", defaultValue = "8", description = "shuffle partitions (default ${DEFAULT-VALUE})")
    int partitions;
  }

  @Command(name = "ranker", description = "LambdaMART from a training log and events, the join and the EM on Spark; writes the model file train ranker writes.")
  static final class TrainRanker extends SparkOptions implements Callable<Integer> {
    @Option(names = "--logs", required = true, description = "training log file (serve's state/training.log)")
    String logs;

    @Option(names = "--events", required = true, description = "event-log directory or JSON-lines file")
    String events;

    @Option(names = "--out", required = true, description = "model file to write")
    Path out;

    @Option(names = "--parquet", description = "also write the labelled training set here as Parquet")
    String parquet;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--rounds", defaultValue = "200")
    int rounds;

    @Option(names = "--no-position-bias", description = "train on the logged requests without propensity weighting")
    boolean noPositionBias;

    @Option(names = "--json", description = "also write the JSON result to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("logs", logs);
      config.put("events", events);
      config.put("out", out.toString());
      config.put("seed", seed);
      config.put("rounds", rounds);
      config.put("position_bias", !noPositionBias);
      config.put("master", master);
      header("spark train ranker", config);
      LambdaMartTrainer.Config d = LambdaMartTrainer.Config.defaults(seed);
      LambdaMartTrainer.Config c = new LambdaMartTrainer.Config(d.params().withRounds(rounds), !noPositionBias, d.propensityModel(), d.minPropensity(),
          d.maxPosition(), d.validationFraction());
      SparkSession spark = SparkRuntime.session(master, partitions);
      try {
        RankerTrainingJob.Result r = RankerTrainingJob.train(SparkRuntime.context(spark), logs, events, c, logs + " + " + events);
        Map<String, Object> result = new LinkedHashMap<>();
        try (var ranker = r.trained().ranker()) {
          RankerFile.write(ranker, out);
          if (parquet != null) {
            RankerTrainingJob.writeParquet(spark, r.joined(), r.trained().propensities(), parquet);
          }
          result.put("model", out.toString());
          result.put("requests", r.joined().requests);
          result.put("impressions", r.joined().impressions);
          result.put("events_joined", r.joined().matchedEvents);
          result.put("events_unmatched", r.joined().unmatchedEvents);
          result.put("training_rows", ranker.provenance().rows());
          result.put("training_groups", ranker.provenance().groups());
          result.put("propensities", r.trained().propensities() == null ? null : r.trained().propensities().relative());
          result.put("em_iterations", r.emIterations());
          result.put("validation", ranker.provenance().validation());
          result.put("parquet", parquet);
        }
        emit(result, json);
      } finally {
        spark.stop();
      }
      return 0;
    }
  }

  @Command(name = "conversion", description = "Conversion model with delayed-feedback weights: the click journeys built on Spark, weighed and trained as train conversion does; writes the same model file.")
  static final class TrainConversion extends SparkOptions implements Callable<Integer> {
    @Option(names = "--events", required = true, description = "event-log directory or JSON-lines file")
    String events;

    @Option(names = "--method", defaultValue = "engagement", description = "vanilla, waiting, fnw, fsiw, esdfm or engagement (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--as-of", description = "train on what was observable at this time (epoch seconds or ISO-8601); default: just after the last click")
    String asOf;

    @Option(names = "--attribution-window", defaultValue = "7d")
    String attribution;

    @Option(names = "--train-span", defaultValue = "28d")
    String trainSpan;

    @Option(names = "--validation-span", defaultValue = "1d")
    String validationSpan;

    @Option(names = "--wait", defaultValue = "1d", description = "waiting window of --method waiting")
    String wait;

    @Option(names = "--esdfm-window", defaultValue = "1h", description = "ES-DFM's c_w")
    String esdfmWindow;

    @Option(names = "--rounds", defaultValue = "100")
    int rounds;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--out", required = true, description = "model file to write")
    Path out;

    @Option(names = "--json", description = "also write the JSON result to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (rounds < 1) {
        throw new InvalidInputException("--rounds", rounds, "expected an integer >= 1");
      }
      long window = dev.funnel.delayed.Durations.seconds("--attribution-window", attribution);
      var scheme = dev.funnel.delayed.Weightings.create(method, new dev.funnel.delayed.Weightings.Settings(
          dev.funnel.delayed.Durations.seconds("--wait", wait), dev.funnel.delayed.Durations.seconds("--esdfm-window", esdfmWindow)));
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("events", events);
      config.put("method", method);
      config.put("attribution_window", attribution);
      config.put("train_span", trainSpan);
      config.put("rounds", rounds);
      config.put("seed", seed);
      config.put("master", master);
      header("spark train conversion", config);
      SparkSession spark = SparkRuntime.session(master, partitions);
      try {
        var data = ConversionJob.clickData(SparkRuntime.context(spark), events, window);
        if (data.journeys().isEmpty()) {
          throw new InvalidInputException("--events", events, "expected a log with click events");
        }
        long t;
        if (asOf == null) {
          t = data.lastObservedTime() + 1;
        } else {
          try {
            t = asOf.chars().allMatch(Character::isDigit) ? Long.parseLong(asOf) : java.time.Instant.parse(asOf).getEpochSecond();
          } catch (RuntimeException e) {
            throw new InvalidInputException("--as-of", asOf, "expected an ISO-8601 instant (2026-11-22T00:00:00Z) or epoch seconds");
          }
        }
        var s = new dev.funnel.delayed.ConversionTraining.Settings(t, dev.funnel.delayed.Durations.seconds("--train-span", trainSpan),
            dev.funnel.delayed.Durations.seconds("--validation-span", validationSpan),
            dev.funnel.delayed.ConversionTrainer.defaultParams(seed).withRounds(rounds), seed);
        Map<String, Object> result = new LinkedHashMap<>();
        try (var m = dev.funnel.delayed.ConversionTraining.train(data, scheme, s)) {
          m.save(out);
          result.put("model", out.toString());
          result.put("journeys", data.journeys().size());
          result.put("features", m.spec().names());
          result.put("provenance", m.provenance());
        }
        emit(result, json);
      } finally {
        spark.stop();
      }
      return 0;
    }
  }

  @Command(name = "eval", description = "Evaluations on Spark.", subcommands = {OpeOnSpark.class})
  static final class EvalOpe {}

  @Command(name = "ope", description = "IPS, SNIPS, doubly-robust, self-normalised DR and switch-DR estimates (clipped to the reward range) and weight diagnostics of a bandit policy over a decision log, on Spark.")
  static final class OpeOnSpark extends SparkOptions implements Callable<Integer> {
    @Option(names = "--logs", required = true, description = "decision log (serve's state/decisions.jsonl)")
    String logs;

    @Option(names = "--policy", required = true, description = "a bandit state JSON file, or random")
    String policy;

    @Option(names = "--state", description = "bandit state defining the action space for --policy random")
    String state;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the cross-fitting folds and of stochastic target policies (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "cross-fitting folds of the DR reward model (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--switch-tau", defaultValue = "10", description = "switch-DR: rounds with an importance weight above this use the reward model only (default ${DEFAULT-VALUE})")
    double switchTau;

    @Option(names = "--reward-range", split = ",", description = "lo,hi: the range a reward can take; estimates are clipped to it (default: [0, 1] widened to every logged reward)")
    List<Double> rewardRange;

    @Option(names = "--json", description = "also write the JSON result to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (rewardRange != null && rewardRange.size() != 2) {
        throw new InvalidInputException("--reward-range", rewardRange, "expected lo,hi");
      }
      OffPolicyJob.Options options = new OffPolicyJob.Options(folds, switchTau,
          rewardRange == null ? null : new dev.funnel.bandit.ope.OffPolicyEvaluation.RewardRange(rewardRange.get(0), rewardRange.get(1)), seed);
      if (policy.equals("random") && state == null) {
        throw new InvalidInputException("--state", null, "expected a bandit state JSON defining the action space for --policy random");
      }
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("logs", logs);
      config.put("policy", policy);
      config.put("state", state);
      config.put("folds", folds);
      config.put("switch_tau", switchTau);
      config.put("reward_range", rewardRange);
      config.put("seed", seed);
      config.put("master", master);
      header("spark eval ope", config);
      SparkSession spark = SparkRuntime.session(master, partitions);
      try {
        emit(OffPolicyJob.run(SparkRuntime.context(spark), logs, policy, state, options), json);
      } finally {
        spark.stop();
      }
      return 0;
    }
  }

  @Command(name = "offline", description = "Seeded event logs of N impressions and decision logs of N/10 decisions; the ranker's training-set job and the off-policy estimates embedded and on Spark, each in a JVM with a bounded heap.")
  static final class BenchOffline extends SparkOptions implements Callable<Integer> {
    @Option(names = "--events", required = true, split = ",", description = "impressions per log, e.g. 100000,1000000,10000000")
    List<Long> events = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--jobs", split = ",", defaultValue = "ranker,ope",
        description = "jobs to run: ranker (training set: join, labels, position-bias EM) and ope (off-policy estimates over N/10 decisions) (default ${DEFAULT-VALUE})")
    List<String> jobs;

    @Option(names = "--xmx", defaultValue = "1g", description = "heap of each run's JVM (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--dir", defaultValue = ".funnel/bench-offline", description = "where the generated logs go (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--json", description = "also write the JSON result to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("events", events);
      config.put("seed", seed);
      config.put("jobs", jobs);
      config.put("xmx", xmx);
      config.put("master", master);
      config.put("partitions", partitions);
      config.put("dir", dir.toString());
      header("bench offline", config);
      emit(OfflineBench.run(events, jobs, seed, xmx, master, partitions, dir), json);
      return 0;
    }
  }
}
