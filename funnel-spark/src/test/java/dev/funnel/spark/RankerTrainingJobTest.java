package dev.funnel.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.events.EventCodec;
import dev.funnel.events.FileEventLog;
import dev.funnel.rank.ClickSimulation;
import dev.funnel.rank.LabelGrades;
import dev.funnel.rank.LambdaMartTrainer;
import dev.funnel.rank.ModelProvenance;
import dev.funnel.rank.PositionBiasEstimator;
import dev.funnel.rank.Propensities;
import dev.funnel.rank.RankerFile;
import dev.funnel.rank.TrainingLog;
import dev.funnel.rank.TrainingRecord;
import dev.funnel.rank.TrainingSet;
import dev.funnel.rank.TrainingSetBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ranker's training set and model on Spark (local[2]) against the embedded path, on the same files. */
class RankerTrainingJobTest {
  static SparkSession spark;
  static JavaSparkContext sc;
  @TempDir static Path dir;
  static Path logFile;
  static Path eventsFile;
  static Path eventsDir;
  static TrainingLog log;
  static List<Event> events;

  @BeforeAll
  static void setUp() throws Exception {
    spark = TestSpark.session();
    sc = SparkRuntime.context(spark);
    ClickSimulation sim = new ClickSimulation(7, 40, 8, 1200, ClickSimulation.powerLawPropensities(8, 1.0), 0.3);
    List<TrainingRecord> records = new ArrayList<>(sim.trainingLog().records());
    // A duplicate (request, item) record at another position: the first one wins on both paths.
    TrainingRecord r0 = records.get(3);
    records.add(new TrainingRecord(r0.requestId(), r0.query(), r0.time(), "seg", r0.itemId(), 7, new float[] {0.5f, 0.5f}));
    log = new TrainingLog(ClickSimulation.SCHEMA, records);
    events = new ArrayList<>(sim.events());
    // Carts and purchases on some clicked items (grades 2 and 3), an impression event (ignored) and unmatched events.
    for (int i = 0; i < events.size(); i += 5) {
      Event c = events.get(i);
      events.add(new Event(i % 10 == 0 ? EventType.PURCHASE : EventType.ADD_TO_CART, c.requestId(), c.itemId(), c.position(), c.timestamp().plusSeconds(30), null, null, null));
    }
    events.add(new Event(EventType.IMPRESSION, "r1", "q0-i0", 1, records.get(0).time(), null, null, null));
    events.add(new Event(EventType.CLICK, "nope", "q0-i0", 1, records.get(0).time(), null, null, null));
    events.add(new Event(EventType.PURCHASE, "r1", "not-shown", 1, records.get(0).time(), null, null, null));
    logFile = dir.resolve("training.log");
    log.write(logFile);
    // A torn last line, as a crashed writer leaves it: skipped by both readers.
    Files.writeString(logFile, "{\"request_id\": \"r9", StandardOpenOption.APPEND);
    eventsFile = dir.resolve("events.jsonl");
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      sb.append(EventCodec.toJson(e)).append('\n');
    }
    Files.writeString(eventsFile, sb);
    eventsDir = dir.resolve("events");
    try (FileEventLog el = FileEventLog.open(eventsDir)) {
      for (int i = 0; i < events.size(); i += 100) {
        el.append(events.subList(i, Math.min(events.size(), i + 100)));
      }
    }
  }

  @Test
  void joinedTrainingSetEqualsTheEmbeddedOne() throws Exception {
    TrainingSet embedded = new TrainingSetBuilder(LabelGrades.DEFAULT).build(TrainingLog.read(logFile), events);
    RankerTrainingJob.Joined j = RankerTrainingJob.join(sc, logFile.toString(), eventsFile.toString(), LabelGrades.DEFAULT);
    TrainingSet onSpark = j.collect(false);
    assertSameSet(embedded, onSpark);
    assertEquals(embedded.rows(), j.impressions);
    assertTrue(embedded.unmatchedEvents() >= 2, "the unmatched events are counted");
    assertTrue(embedded.groups().stream().flatMap(g -> g.rows().stream()).anyMatch(r -> r.label() == 3), "purchases grade 3");
    j.unpersist();
  }

  @Test
  void eventLogDirectoryStopsAtATornRecordAsTheLogDoes() throws Exception {
    Path torn = dir.resolve("events-torn");
    Files.createDirectories(torn);
    Files.copy(eventsDir.resolve(FileEventLog.FILE_NAME), torn.resolve(FileEventLog.FILE_NAME));
    // A record with a wrong checksum, then a valid-looking one after it: nothing from the bad one on is read.
    List<String> lines = Files.readAllLines(torn.resolve(FileEventLog.FILE_NAME), StandardCharsets.UTF_8);
    Files.writeString(torn.resolve(FileEventLog.FILE_NAME), "00000000 []\n" + lines.get(0) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    RankerTrainingJob.Joined j = RankerTrainingJob.join(sc, logFile.toString(), torn.toString(), LabelGrades.DEFAULT);
    TrainingSet onSpark = j.collect(false);
    List<Event> read = new ArrayList<>();
    try (FileEventLog el = FileEventLog.open(torn)) {
      el.scan(read::add);
    }
    assertEquals(events.size(), read.size());
    assertSameSet(new TrainingSetBuilder(LabelGrades.DEFAULT).build(TrainingLog.read(logFile), read), onSpark);
    j.unpersist();
  }

  @Test
  void propensitiesAndModelEqualTheEmbeddedTraining() throws Exception {
    LambdaMartTrainer.Config d = LambdaMartTrainer.Config.defaults(3);
    LambdaMartTrainer.Config c = new LambdaMartTrainer.Config(d.params().withRounds(30), true, d.propensityModel(), d.minPropensity(), d.maxPosition(), d.validationFraction());
    TrainingSet embeddedSet = new TrainingSetBuilder(LabelGrades.DEFAULT).build(TrainingLog.read(logFile), events);
    LambdaMartTrainer.Result embedded = LambdaMartTrainer.train(embeddedSet, c, "logs");
    RankerTrainingJob.Result onSpark = RankerTrainingJob.train(sc, logFile.toString(), eventsDir.toString(), c, "logs");
    assertArrayEquals(embedded.propensities().relative(), onSpark.trained().propensities().relative(), 1e-9);
    ModelProvenance pe = embedded.ranker().provenance();
    ModelProvenance ps = onSpark.trained().ranker().provenance();
    assertEquals(pe.rows(), ps.rows());
    assertEquals(pe.groups(), ps.groups());
    assertEquals(pe.source(), ps.source());
    assertEquals(pe.validation().keySet(), ps.validation().keySet());
    for (String k : pe.validation().keySet()) {
      assertEquals(pe.validation().get(k), ps.validation().get(k), 1e-9, k);
    }
    // The same model file, so serve loads it unchanged.
    Path a = dir.resolve("embedded.json");
    Path b = dir.resolve("spark.json");
    RankerFile.write(embedded.ranker(), a);
    RankerFile.write(onSpark.trained().ranker(), b);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    var ja = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(a.toFile());
    var jb = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(b.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) ja.get("payload").get("training")).remove("validation");
    ((com.fasterxml.jackson.databind.node.ObjectNode) jb.get("payload").get("training")).remove("validation");
    assertEquals(ja, jb, "the same model, schema and provenance (validation metrics compared above)");
    RankerFile.read(b, ClickSimulation.SCHEMA).close();
    // And the labelled set as Parquet, one row per impression.
    Path parquet = dir.resolve("training.parquet");
    RankerTrainingJob.writeParquet(spark, onSpark.joined(), onSpark.trained().propensities(), parquet.toString());
    List<Row> rows = spark.read().parquet(parquet.toString()).where("label > 0").collectAsList();
    long positives = embeddedSet.groups().stream().flatMap(g -> g.rows().stream()).filter(r -> r.label() > 0).count();
    assertEquals(positives, rows.size());
    embedded.ranker().close();
    onSpark.trained().ranker().close();
    onSpark.joined().unpersist();
  }

  @Test
  void emOnTheExecutorsMatchesTheEmbeddedEm() throws Exception {
    // 25 iterations at most: each is one Spark job; the driver-side EM above runs the same steps to convergence.
    PositionBiasEstimator estimator = new PositionBiasEstimator(10, 25, 1e-6);
    TrainingSet set = new TrainingSetBuilder(LabelGrades.DEFAULT).build(TrainingLog.read(logFile), events);
    Propensities embedded = estimator.estimate(PositionBiasEstimator.observations(set));
    RankerTrainingJob.Joined j = RankerTrainingJob.join(sc, logFile.toString(), eventsFile.toString(), LabelGrades.DEFAULT);
    SparkPositionBias.Result distributed = RankerTrainingJob.propensities(j, LambdaMartTrainer.Config.defaults(1), estimator, 0);
    assertArrayEquals(embedded.relative(), distributed.propensities().relative(), 1e-9);
    j.unpersist();
  }

  static void assertSameSet(TrainingSet e, TrainingSet s) {
    assertEquals(e.schema(), s.schema());
    assertEquals(e.matchedEvents(), s.matchedEvents());
    assertEquals(e.unmatchedEvents(), s.unmatchedEvents());
    assertEquals(e.from(), s.from());
    assertEquals(e.to(), s.to());
    assertEquals(e.groups().size(), s.groups().size());
    for (int g = 0; g < e.groups().size(); g++) {
      TrainingSet.Group ge = e.groups().get(g);
      TrainingSet.Group gs = s.groups().get(g);
      assertEquals(ge.requestId(), gs.requestId());
      assertEquals(ge.query(), gs.query());
      assertEquals(ge.rows().size(), gs.rows().size(), ge.requestId());
      for (int i = 0; i < ge.rows().size(); i++) {
        TrainingSet.Row re = ge.rows().get(i);
        TrainingSet.Row rs = gs.rows().get(i);
        assertEquals(re.itemId(), rs.itemId());
        assertEquals(re.position(), rs.position());
        assertEquals(re.label(), rs.label());
        assertArrayEquals(re.features(), rs.features());
      }
    }
  }
}
