package dev.funnel.learning.replica;

import dev.funnel.bandit.LoggedDecision;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one durable log that every serving replica writes and the learner reads: feedback events
 * (acknowledged only once durable) and the bandit's rewarded decisions. Two implementations: a
 * shared directory of files ({@link FileReplicaLog}) and Apache Kafka topics ({@code
 * dev.funnel.kafka.KafkaReplicaLog}). Positions are opaque per-stream offsets (file byte offsets,
 * Kafka partition offsets) keyed by stream name; a learner's snapshot records the positions it
 * has applied, and reading resumes after them.
 */
public interface ReplicaLog extends AutoCloseable {
  /** The events: {@link EventLog#append} returns once the batch is durable (fsync'd, or acknowledged by all in-sync Kafka replicas). */
  EventLog events();

  /** Appends one rewarded decision of a replica's bandit. */
  void appendDecision(LoggedDecision d) throws IOException;

  /** A reader of both streams from {@code from} (empty: from the start). */
  Tail tail(Map<String, Long> from) throws IOException;

  /** {@code file} or {@code kafka}, and where. */
  String describe();

  @Override
  void close() throws IOException;

  /** A reader of the log, used by one thread. */
  interface Tail extends AutoCloseable {
    /** The records after the previous poll, waiting at most {@code wait} when there are none. */
    Batch poll(Duration wait) throws IOException;

    /** The positions just after every record returned so far. */
    Map<String, Long> positions();

    /** Whether every record that existed when this was called has been returned. */
    boolean caughtUp() throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Records read in one poll, each stream in its own order. */
  record Batch(List<Event> events, List<LoggedDecision> decisions) {
    public Batch {
      events = List.copyOf(events);
      decisions = List.copyOf(decisions);
    }

    public boolean isEmpty() {
      return events.isEmpty() && decisions.isEmpty();
    }
  }
}
