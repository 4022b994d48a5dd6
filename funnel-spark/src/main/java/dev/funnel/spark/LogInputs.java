package dev.funnel.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Event;
import dev.funnel.core.InvalidInputException;
import dev.funnel.events.EventCodec;
import dev.funnel.events.FileEventLog;
import dev.funnel.rank.FeatureSchema;
import dev.funnel.rank.TrainingLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Funnel's log formats read as Spark datasets, line by line with the embedded readers' own
 * parsers ({@link TrainingLog#parseRecord}, {@link FileEventLog#decodeRecord},
 * {@link EventCodec#parseMany}), so both paths accept and reject exactly the same lines.
 */
final class LogInputs {
  private LogInputs() {}

  /** A training log: its header schema and its records with their 1-based line numbers. */
  record TrainingLogData(FeatureSchema schema, JavaRDD<Impression> impressions) {}

  static TrainingLogData trainingLog(JavaSparkContext sc, String path) {
    JavaPairRDD<String, Long> lines = sc.textFile(path).zipWithIndex();
    List<Tuple2<String, Long>> first = lines.take(1);
    String header = first.isEmpty() ? null : first.get(0)._1();
    FeatureSchema schema = TrainingLog.parseHeader(header, path + ":1");
    long last = lines.count() - 1;
    int version = schema.version();
    List<String> names = List.copyOf(schema.names());
    JavaRDD<Impression> imps = lines.flatMap(t -> {
      long idx = t._2();
      String line = t._1();
      if (idx == 0 || line.isBlank()) {
        return List.<Impression>of().iterator();
      }
      // The last line of a log whose writer crashed may be cut short: skipped, as the embedded reader does.
      if (idx == last && !TrainingLog.isJson(line)) {
        return List.<Impression>of().iterator();
      }
      FeatureSchema s = new FeatureSchema(version, names);
      return List.of(new Impression(idx + 1, TrainingLog.parseRecord(line, path + ":" + (idx + 1), s))).iterator();
    });
    return new TrainingLogData(schema, imps);
  }

  /** Turns one event (its record's 0-based line and its index in the record) into what a job keeps of it; runs in the tasks. */
  interface EventMapper<R> extends java.io.Serializable {
    void map(long line, int index, Event e, List<R> out);
  }

  /**
   * What {@code f} keeps of the events of an event-log directory ({@code events.log} of
   * {@link FileEventLog}: only records before the first torn or corrupt one, as the log itself
   * reads) or of a JSON-lines file (one event or array of events per line). {@link Event} itself
   * never leaves a task.
   */
  static <R> JavaRDD<R> events(JavaSparkContext sc, String path, EventMapper<R> f) {
    Path local = Path.of(path);
    if (Files.isDirectory(local)) {
      String file = local.resolve(FileEventLog.FILE_NAME).toString();
      JavaRDD<Tuple2<Long, ArrayList<R>>> records = sc.textFile(file).zipWithIndex().map(t -> {
        List<Event> events;
        try {
          events = FileEventLog.decodeRecord(t._1().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (events == null) {
          return new Tuple2<>(t._2(), null);
        }
        ArrayList<R> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
          f.map(t._2(), i, events.get(i), out);
        }
        return new Tuple2<>(t._2(), out);
      });
      records = records.cache();
      List<Long> bad = records.filter(t -> t._2() == null).map(Tuple2::_1).takeOrdered(1);
      long stop = bad.isEmpty() ? Long.MAX_VALUE : bad.get(0);
      return records.filter(t -> t._1() < stop).flatMap(t -> t._2().iterator());
    }
    return sc.textFile(path).zipWithIndex().flatMap(t -> {
      String line = t._1();
      List<R> out = new ArrayList<>();
      if (line.isBlank()) {
        return out.iterator();
      }
      String where = path + ":" + (t._2() + 1);
      JsonNode n;
      try {
        n = EventCodec.JSON.readTree(line);
      } catch (IOException e) {
        throw new InvalidInputException(where, "line", line, "expected a JSON event or array of events");
      }
      List<Event> events;
      try {
        events = EventCodec.parseMany(n);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where, e.field(), e.value(), "expected a valid event (" + e.getMessage() + ")");
      }
      for (int i = 0; i < events.size(); i++) {
        f.map(t._2(), i, events.get(i), out);
      }
      return out.iterator();
    });
  }
}
