package dev.funnel.spark;

import dev.funnel.core.EventType;
import dev.funnel.rank.FeatureSchema;
import dev.funnel.rank.LabelGrades;
import dev.funnel.rank.LambdaMartTrainer;
import dev.funnel.rank.PositionBiasEstimator;
import dev.funnel.rank.Propensities;
import dev.funnel.rank.TrainingRecord;
import dev.funnel.rank.TrainingSet;
import dev.funnel.rank.TrainingSetBuilder;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The ranker's training set on Spark: the training log joined with click, cart and purchase
 * events on (request id, item), one graded label per impression ({@link LabelGrades}), groups per
 * request in log order, the position-bias EM ({@link SparkPositionBias}), and the training
 * itself with {@link LambdaMartTrainer} on the driver, from the requests with feedback only (the
 * log's other impressions matter to the EM, which runs distributed). Same rules as
 * {@link TrainingSetBuilder}: the first record of a (request, item) wins, events that match no
 * logged impression are counted as unmatched, impressions in the event log are ignored.
 */
public final class RankerTrainingJob {
  /** A request's labelled impressions, in log order, and the line of its first record. */
  static final class RequestGroup implements Serializable {
    private static final long serialVersionUID = 1L;
    final long firstLine;
    final String requestId;
    final List<Impression> rows;

    RequestGroup(String requestId, List<Impression> rows) {
      List<Impression> sorted = new ArrayList<>(rows);
      sorted.sort(Comparator.comparingLong(i -> i.line));
      this.requestId = requestId;
      this.rows = sorted;
      this.firstLine = sorted.get(0).line;
    }

    boolean hasPositive() {
      return rows.stream().anyMatch(r -> r.label > 0);
    }

    TrainingSet.Group group() {
      List<TrainingRecord> records = new ArrayList<>();
      Map<String, Integer> labels = new HashMap<>();
      for (Impression i : rows) {
        records.add(i.record());
        if (i.label > 0) {
          labels.put(i.itemId, i.label);
        }
      }
      return TrainingSetBuilder.group(requestId, records, labels);
    }
  }

  /** The joined log: groups (distributed), join counts and the time span. */
  public static final class Joined {
    final FeatureSchema schema;
    final JavaRDD<RequestGroup> groups;
    public final long requests;
    public final long impressions;
    public final long matchedEvents;
    public final long unmatchedEvents;
    final Instant from;
    final Instant to;

    Joined(FeatureSchema schema, JavaRDD<RequestGroup> groups, long requests, long impressions, long matched, long unmatched, Instant from, Instant to) {
      this.schema = schema;
      this.groups = groups;
      this.requests = requests;
      this.impressions = impressions;
      this.matchedEvents = matched;
      this.unmatchedEvents = unmatched;
      this.from = from;
      this.to = to;
    }

    /** The training set of the requests kept by {@code withFeedbackOnly} (all or those with a positive label), in log order, on the driver. */
    public TrainingSet collect(boolean withFeedbackOnly) {
      JavaRDD<RequestGroup> g = withFeedbackOnly ? groups.filter(RequestGroup::hasPositive) : groups;
      List<TrainingSet.Group> out = g.sortBy(r -> r.firstLine, true, g.getNumPartitions()).collect().stream().map(RequestGroup::group).toList();
      return new TrainingSet(schema, out, matchedEvents, unmatchedEvents, from, to);
    }

    public void unpersist() {
      groups.unpersist(false);
    }
  }

  /** A trained model with its training set's counts and the EM's propensities. */
  public record Result(LambdaMartTrainer.Result trained, Joined joined, int emIterations) {}

  private RankerTrainingJob() {}

  /** Joins {@code trainingLog} (a training-log file) with {@code events} (event-log directory or JSON lines). */
  public static Joined join(JavaSparkContext sc, String trainingLog, String events, LabelGrades grades) {
    LogInputs.TrainingLogData log = LogInputs.trainingLog(sc, trainingLog);
    // First record of each (request, item) in log order.
    JavaPairRDD<String, Impression> first = log.impressions().mapToPair(i -> new Tuple2<>(i.key(), i)).reduceByKey((a, b) -> a.line <= b.line ? a : b);
    int click = grades.click();
    int cart = grades.cart();
    int purchase = grades.purchase();
    JavaPairRDD<String, Integer> feedback = LogInputs.<Tuple2<String, Integer>>events(sc, events, (line, index, e, out) -> {
      if (e.type() != EventType.IMPRESSION) {
        out.add(new Tuple2<>(Keys.of(e.requestId(), e.itemId()), new LabelGrades(click, cart, purchase).of(e.type())));
      }
    }).mapToPair(t -> t);
    // Per key: the number of feedback events and their strongest grade.
    JavaPairRDD<String, long[]> perKey = feedback.mapToPair(t -> new Tuple2<>(t._1(), new long[] {1, t._2()}))
        .reduceByKey((a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])});
    JavaPairRDD<String, Tuple2<Optional<Impression>, Optional<long[]>>> joined = first.fullOuterJoin(perKey).persist(StorageLevel.MEMORY_AND_DISK());
    long[] counts = joined.map(t -> {
      long n = t._2()._2().isPresent() ? t._2()._2().get()[0] : 0;
      return t._2()._1().isPresent() ? new long[] {n, 0} : new long[] {0, n};
    }).fold(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    JavaRDD<Impression> labelled = joined.filter(t -> t._2()._1().isPresent())
        .map(t -> t._2()._1().get().withLabel(t._2()._2().isPresent() ? (int) t._2()._2().get()[1] : 0));
    JavaRDD<RequestGroup> groups = labelled.groupBy(i -> i.requestId).map(t -> {
      List<Impression> rows = new ArrayList<>();
      t._2().forEach(rows::add);
      return new RequestGroup(t._1(), rows);
    }).persist(StorageLevel.MEMORY_AND_DISK());
    long[] sizes = groups.map(g -> new long[] {1, g.rows.size()}).fold(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    Instant[] span = groups.flatMap(g -> g.rows.stream().filter(i -> i.time != null).map(i -> new Instant[] {i.time, i.time}).iterator())
        .fold(new Instant[2], RankerTrainingJob::span);
    Instant from = span[0];
    Instant to = span[1];
    joined.unpersist(false);
    return new Joined(log.schema(), groups, sizes[0], sizes[1], counts[0], counts[1], from, to);
  }

  private static Instant[] span(Instant[] a, Instant[] b) {
    if (a[0] == null) {
      return b;
    }
    if (b[0] == null) {
      return a;
    }
    return new Instant[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]};
  }

  /** The per-pair EM on the joined log, as {@link LambdaMartTrainer} runs it for {@code config}. */
  public static SparkPositionBias.Result propensities(Joined j, LambdaMartTrainer.Config config) {
    return propensities(j, config, LambdaMartTrainer.pairEstimator(config), SparkPositionBias.DRIVER_PAIRS);
  }

  /** The per-pair EM of {@code estimator}; pair tables larger than {@code driverPairs} iterate on the executors. */
  static SparkPositionBias.Result propensities(Joined j, LambdaMartTrainer.Config config, PositionBiasEstimator estimator, long driverPairs) {
    if (config.propensityModel() != LambdaMartTrainer.PropensityModel.PAIRS) {
      throw new dev.funnel.core.InvalidInputException("propensity_model", config.propensityModel().name(),
          "expected PAIRS on Spark (regression-EM refits a LightGBM model each iteration and runs embedded)");
    }
    int maxPosition = estimator.maxPosition();
    int maxIterations = estimator.maxIterations();
    double tolerance = estimator.tolerance();
    JavaRDD<SparkPositionBias.Pair> pairs = j.groups.mapPartitionsToPair(part -> {
      PositionBiasEstimator e = new PositionBiasEstimator(maxPosition, maxIterations, tolerance);
      List<Tuple2<String, SparkPositionBias.Pair>> out = new ArrayList<>();
      part.forEachRemaining(g -> pairsOf(g, e, out));
      return out.iterator();
    }).reduceByKey(SparkPositionBias.Pair::merge).values();
    return SparkPositionBias.estimate(pairs, estimator, driverPairs);
  }

  private static void pairsOf(RequestGroup g, PositionBiasEstimator estimator, List<Tuple2<String, SparkPositionBias.Pair>> out) {
    String query = g.group().query(); // the group's query, as PositionBiasEstimator.observations uses it
    for (Impression i : g.rows) {
      out.add(new Tuple2<>(Keys.of(query, i.itemId), SparkPositionBias.Pair.of(estimator.positionIndex(i.position), i.label > 0, estimator.maxPosition())));
    }
  }

  /** Join, EM and training: the model {@code ./funnel train ranker} would write from the same files. */
  public static Result train(JavaSparkContext sc, String trainingLog, String events, LambdaMartTrainer.Config config, String source) {
    Joined j = join(sc, trainingLog, events, LabelGrades.DEFAULT);
    TrainingSet usable = j.collect(true);
    SparkPositionBias.Result em = null;
    Propensities p = null;
    if (config.correctPositionBias() && !usable.groups().isEmpty()) {
      em = propensities(j, config);
      p = em.propensities();
    }
    LambdaMartTrainer.Result r = LambdaMartTrainer.train(usable, config, source, p, j.requests);
    return new Result(r, j, em == null ? 0 : em.iterations());
  }

  /**
   * The labelled training set as Parquet (one row per impression: request, query, item,
   * position, label, the propensity of its position or null, features), for other tools.
   */
  public static void writeParquet(SparkSession spark, Joined j, Propensities p, String dir) {
    StructType type = new StructType()
        .add("request_id", DataTypes.StringType, false)
        .add("query", DataTypes.StringType, false)
        .add("time", DataTypes.TimestampType, true)
        .add("item_id", DataTypes.StringType, false)
        .add("position", DataTypes.IntegerType, false)
        .add("label", DataTypes.IntegerType, false)
        .add("propensity", DataTypes.DoubleType, true)
        .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    double[] rel = p == null ? null : p.relative();
    JavaRDD<Row> rows = j.groups.flatMap(g -> {
      TrainingSet.Group grp = g.group();
      List<Row> out = new ArrayList<>();
      Map<String, Instant> times = new HashMap<>();
      g.rows.forEach(i -> times.putIfAbsent(i.itemId, i.time));
      for (TrainingSet.Row r : grp.rows()) {
        float[] f = r.features();
        Float[] boxed = new Float[f.length];
        for (int k = 0; k < f.length; k++) {
          boxed[k] = f[k];
        }
        Instant t = times.get(r.itemId());
        out.add(RowFactory.create(grp.requestId(), grp.query(), t == null ? null : java.sql.Timestamp.from(t), r.itemId(), r.position(), r.label(),
            rel == null ? null : new Propensities(rel).at(r.position()), boxed));
      }
      return out.iterator();
    });
    Dataset<Row> df = spark.createDataFrame(rows, type);
    df.write().mode(SaveMode.Overwrite).parquet(dir);
  }
}
