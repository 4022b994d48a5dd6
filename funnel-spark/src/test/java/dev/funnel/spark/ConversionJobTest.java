package dev.funnel.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.delayed.ClickData;
import dev.funnel.delayed.ConversionModel;
import dev.funnel.delayed.ConversionTrainer;
import dev.funnel.delayed.ConversionTraining;
import dev.funnel.delayed.EventLogSource;
import dev.funnel.delayed.Journey;
import dev.funnel.delayed.WeightedSet;
import dev.funnel.delayed.WeightingScheme;
import dev.funnel.delayed.Weightings;
import dev.funnel.events.FileEventLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion training set on Spark (local[2]) against {@link EventLogSource#read} over the
 * same event log: the same click journeys (ids, times, click-time features, engagement,
 * conversions), the same delayed-feedback weighted training set for the engagement-aware and
 * ES-DFM schemes, and the same trained model (provenance with counts, weights and validation
 * metrics, and predictions).
 */
class ConversionJobTest {
  static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  static final long WINDOW = 3 * 86_400L;
  @TempDir Path dir;

  /** 14 days of clicks of 300 users on 40 items, repeated clicks, equal timestamps, carts, delayed purchases, orphan purchases, impressions. */
  static List<Event> events(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      Instant click = T0.plusSeconds(r.nextLong(14 * 86_400L) / 60 * 60); // whole minutes: many equal times
      String user = i % 17 == 0 ? null : "u" + r.nextInt(300);
      String session = user == null && i % 2 == 0 ? "s" + r.nextInt(50) : null;
      String item = "i" + r.nextInt(40);
      int pos = 1 + r.nextInt(10);
      String req = "q" + i;
      String query = i % 5 == 0 ? null : "shoes";
      events.add(new Event(EventType.IMPRESSION, req, item, pos, click, user, session, query));
      events.add(new Event(EventType.CLICK, req, item, pos, click, user, session, query));
      double p = 0.2 / pos;
      if (r.nextDouble() < p) {
        long delay = Math.min((long) (3600 * Math.exp(2 * r.nextGaussian())), 5 * 86_400L);
        events.add(new Event(EventType.ADD_TO_CART, req, item, pos, click.plusSeconds(delay / 3), user, session, null));
        events.add(new Event(EventType.PURCHASE, req, item, pos, click.plusSeconds(delay + 1), user, session, null));
      } else if (r.nextDouble() < 0.05) {
        events.add(new Event(EventType.ADD_TO_CART, req, item, pos, click.plusSeconds(600), user, session, null));
      } else if (r.nextDouble() < 0.01) {
        events.add(new Event(EventType.PURCHASE, "x" + i, "i" + r.nextInt(40), 1, click, "nobody" + i, null, null)); // orphan
      }
    }
    return events;
  }

  @Test
  void journeysWeightsAndModelEqualTheEmbeddedPath() throws Exception {
    List<Event> events = events(3);
    Path log = dir.resolve("events");
    try (FileEventLog el = FileEventLog.open(log)) {
      for (int i = 0; i < events.size(); i += 400) {
        el.append(events.subList(i, Math.min(events.size(), i + 400)));
      }
    }
    ClickData embedded;
    try (FileEventLog el = FileEventLog.open(log)) {
      embedded = EventLogSource.read(el, WINDOW);
    }
    ClickData spark = ConversionJob.clickData(SparkRuntime.context(TestSpark.session()), log.toString(), WINDOW);
    assertTrue(embedded.journeys().size() > 2000, "journeys " + embedded.journeys().size());
    assertTrue(embedded.conversions() > 50, "conversions " + embedded.conversions());
    assertEquals(embedded.journeys().size(), spark.journeys().size());
    for (int i = 0; i < embedded.journeys().size(); i++) {
      Journey a = embedded.journeys().get(i);
      Journey b = spark.journeys().get(i);
      assertEquals(a.id(), b.id(), "journey " + i);
      assertEquals(a.clickTime(), b.clickTime(), a.id());
      assertArrayEquals(a.features(), b.features(), a.id());
      assertArrayEquals(a.engagementTimes(), b.engagementTimes(), a.id());
      assertArrayEquals(a.engagementKinds(), b.engagementKinds(), a.id());
      assertEquals(a.conversionTime(), b.conversionTime(), a.id());
    }
    assertEquals(embedded.spec(), spark.spec());
    assertEquals(embedded.source(), spark.source());

    long asOf = T0.getEpochSecond() + 14 * 86_400L;
    ConversionTraining.Settings s = new ConversionTraining.Settings(asOf, 10 * 86_400L, 86_400L, ConversionTrainer.defaultParams(1).withRounds(20), 1);
    for (String method : List.of("engagement", "esdfm")) {
      WeightingScheme scheme = Weightings.create(method, new Weightings.Settings(86_400L, 3600L));
      WeightedSet a = ConversionTraining.trainingSet(embedded, scheme, s);
      WeightedSet b = ConversionTraining.trainingSet(spark, scheme, s);
      assertEquals(a.size(), b.size(), method);
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals(a.features()[i], b.features()[i], method + " row " + i);
      }
      assertArrayEquals(a.labels(), b.labels(), method);
      assertArrayEquals(a.weights(), b.weights(), 1e-6f, method);
      try (ConversionModel ma = ConversionTraining.train(embedded, scheme, s); ConversionModel mb = ConversionTraining.train(spark, scheme, s)) {
        assertEquals(provenance(ma), provenance(mb), method);
        float[][] probe = {{1, 12, 0, 0, 1}, {10, 3, 5, 2, 0}, {2, 20, 30, 1, 1}};
        assertArrayEquals(ma.predict(probe), mb.predict(probe), 1e-9, method);
      }
    }
  }

  @Test
  void sparkTrainConversionWritesTheModelTrainConversionWrites() throws Exception {
    Path log = dir.resolve("events");
    try (FileEventLog el = FileEventLog.open(log)) {
      el.append(events(4));
    }
    Path out = dir.resolve("conversion.json");
    assertEquals(0, SparkCli.commandLine().execute("spark", "train", "conversion", "--events", log.toString(), "--method", "esdfm",
        "--attribution-window", "3d", "--train-span", "10d", "--rounds", "20", "--seed", "2", "--out", out.toString(), "--master", "local[2]"));
    ClickData embedded;
    try (FileEventLog el = FileEventLog.open(log)) {
      embedded = EventLogSource.read(el, WINDOW);
    }
    // what train conversion does with the same options (its default --as-of: just after the last observed event)
    ConversionTraining.Settings s = new ConversionTraining.Settings(embedded.lastObservedTime() + 1, 10 * 86_400L, 86_400L,
        ConversionTrainer.defaultParams(2).withRounds(20), 2);
    try (ConversionModel expected = ConversionTraining.train(embedded, Weightings.create("esdfm", new Weightings.Settings(86_400L, 3600L)), s);
        ConversionModel written = ConversionModel.load(out)) {
      assertEquals(JSON.writeValueAsString(expected.provenance()), JSON.writeValueAsString(written.provenance())); // as text: a loaded file has longs where the trainer has ints
      float[][] probe = {{1, 12, 0, 0, 1}, {10, 3, 5, 2, 0}};
      assertArrayEquals(expected.predict(probe), written.predict(probe), 1e-9);
    }
    assertEquals(2, SparkCli.commandLine().execute("spark", "train", "conversion", "--events", log.toString(), "--rounds", "0", "--out", out.toString()));
  }

  static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** The provenance (counts, weights, validation metrics, parameters). */
  static String provenance(ConversionModel m) {
    return m.provenance().toString();
  }
}
