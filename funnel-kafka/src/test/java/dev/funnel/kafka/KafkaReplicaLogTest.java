package dev.funnel.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.BanditContext;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.learning.replica.ReplicaLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KafkaReplicaLog} against an embedded KRaft broker: acknowledged event batches and
 * decisions of two writers are all read back, in each writer's order per partition; a reader
 * resumes from the positions of an earlier one without reading a record twice; settings are
 * validated with the option's name.
 */
class KafkaReplicaLogTest {
  @TempDir static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stop() throws Exception {
    kafka.close();
  }

  static KafkaSettings settings(String topic) {
    return new KafkaSettings(kafka.bootstrap(), topic, 3, 0, Duration.ofSeconds(60));
  }

  static Event click(String request, String item) {
    return new Event(EventType.CLICK, request, item, 1, Instant.parse("2026-12-01T00:00:00Z"), null, null, "red mug");
  }

  @Test
  void everyAcknowledgedRecordIsReadOnceAcrossResumedReaders() throws Exception {
    KafkaSettings s = settings("events-a");
    Set<String> written = new TreeSet<>();
    try (KafkaReplicaLog a = KafkaReplicaLog.open(s); KafkaReplicaLog b = KafkaReplicaLog.open(s)) {
      for (int i = 0; i < 40; i++) {
        KafkaReplicaLog w = i % 2 == 0 ? a : b;
        w.events().append(List.of(click("r" + i, "p" + i), click("r" + i, "q" + i)));
        written.add("r" + i + "/p" + i);
        written.add("r" + i + "/q" + i);
      }
      a.appendDecision(new LoggedDecision("r1", new BanditContext(2, "keyword", null, null), Action.parse("bm25:10"), 0, 3, 0.5, "linucb", 1, 0.9));
      assertEquals(80, a.events().size() + b.events().size());

      Set<String> read = new TreeSet<>();
      List<LoggedDecision> decisions = new ArrayList<>();
      Map<String, Long> half;
      try (ReplicaLog.Tail t = a.tail(Map.of())) {
        while (read.size() < 30) {
          ReplicaLog.Batch batch = t.poll(Duration.ofMillis(500));
          batch.events().forEach(e -> assertTrue(read.add(e.requestId() + "/" + e.itemId()), "read twice: " + e));
          decisions.addAll(batch.decisions());
        }
        half = t.positions();
      }
      try (ReplicaLog.Tail t = b.tail(half)) {
        while (!t.caughtUp()) {
          ReplicaLog.Batch batch = t.poll(Duration.ofMillis(500));
          batch.events().forEach(e -> assertTrue(read.add(e.requestId() + "/" + e.itemId()), "read twice: " + e));
          decisions.addAll(batch.decisions());
        }
      }
      assertEquals(written, read);
      assertEquals(1, decisions.size());
      assertEquals("r1", decisions.get(0).requestId());
      assertEquals(0.9, decisions.get(0).penalisedReward(), 0);
      List<Event> scanned = new ArrayList<>();
      a.events().scan(scanned::add);
      assertEquals(80, scanned.size());
    }
  }

  @Test
  void settingsNameTheBadOption() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new KafkaSettings("nohostport", "t", 1, 0, Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains("--kafka-bootstrap"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new KafkaSettings("localhost:9092", "bad topic", 1, 0, Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains("--kafka-topic"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new KafkaSettings("localhost:9092", "t", 0, 0, Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains("--kafka-partitions"), e.getMessage());
  }
}
