package dev.funnel.cli.serve;

import dev.funnel.core.InvalidInputException;
import dev.funnel.kafka.KafkaReplicaLog;
import dev.funnel.kafka.KafkaSettings;
import dev.funnel.learning.replica.FileReplicaLog;
import dev.funnel.learning.replica.ReplicaLog;
import dev.funnel.learning.replica.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Settings of a replicated deployment ({@code serve} as a replica, {@code learn}): where the
 * published snapshots are, and which shared log the events go to: the file log in the {@code
 * --events} directory, shared by every process of the machine, or Apache Kafka.
 */
public final class ReplicaSettings {
  @Option(names = "--snapshots", paramLabel = "DIR",
      description = "Directory of the snapshots a learner ('funnel learn') publishes: 'serve' becomes a stateless replica serving the current one and switching when a new one is published.")
  Path snapshots;

  @Option(names = "--event-log", defaultValue = "file", paramLabel = "KIND",
      description = "Where a replica's events go: file (the --events directory, shared by the processes of one machine) or kafka (--kafka-bootstrap) (default: ${DEFAULT-VALUE}).")
  String eventLog = "file";

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers (with --event-log kafka).")
  String kafkaBootstrap;

  @Option(names = "--kafka-topic", defaultValue = "funnel-events",
      description = "Kafka topic of the events; rewarded decisions go to TOPIC.decisions (default: ${DEFAULT-VALUE}).")
  String kafkaTopic = "funnel-events";

  @Option(names = "--kafka-partitions", defaultValue = "6", description = "Partitions of the topics when they are created (default: ${DEFAULT-VALUE}).")
  int kafkaPartitions = 6;

  @Option(names = "--kafka-replication", defaultValue = "0",
      description = "Replication factor of the topics when they are created; 0 takes the broker's default (default: ${DEFAULT-VALUE}).")
  int kafkaReplication;

  @Option(names = "--kafka-timeout", defaultValue = "30s",
      description = "Longest wait for Kafka to acknowledge a write; past it the request fails and nothing is acknowledged (default: ${DEFAULT-VALUE}).")
  String kafkaTimeout = "30s";

  @Option(names = "--snapshot-poll", defaultValue = "1s",
      description = "How often a replica looks for a newly published snapshot (default: ${DEFAULT-VALUE}).")
  String snapshotPoll = "1s";

  /** Whether this process is a replica (a snapshot directory was given). */
  boolean enabled() {
    return snapshots != null;
  }

  SnapshotStore store() {
    if (snapshots == null) {
      throw new InvalidInputException("--snapshots", null, "expected the directory of published snapshots");
    }
    return new SnapshotStore(snapshots);
  }

  Duration poll() {
    return duration("--snapshot-poll", snapshotPoll);
  }

  /** Opens the shared log: the file log in {@code eventsDir}, or Kafka. */
  ReplicaLog openLog(Path eventsDir) throws IOException {
    return switch (kind()) {
      case "file" -> FileReplicaLog.open(eventsDir);
      case "kafka" -> KafkaReplicaLog.open(kafka());
      default -> throw new IllegalStateException(eventLog);
    };
  }

  private String kind() {
    String k = eventLog == null ? "" : eventLog.trim().toLowerCase(Locale.ROOT);
    if (!k.equals("file") && !k.equals("kafka")) {
      throw new InvalidInputException("--event-log", eventLog, "expected file or kafka");
    }
    return k;
  }

  KafkaSettings kafka() {
    if (kafkaBootstrap == null) {
      throw new InvalidInputException("--kafka-bootstrap", null, "expected host:port of the Kafka cluster with --event-log kafka");
    }
    return new KafkaSettings(kafkaBootstrap, kafkaTopic, kafkaPartitions, kafkaReplication, duration("--kafka-timeout", kafkaTimeout));
  }

  static Duration duration(String option, String text) {
    try {
      Duration d = Duration.parse("PT" + text.trim().toUpperCase(Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException(option, text, "expected a positive duration such as 500ms, 1s or 5m");
      }
      return d;
    } catch (DateTimeParseException e) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.endsWith("ms")) {
        try {
          long ms = Long.parseLong(t.substring(0, t.length() - 2));
          if (ms > 0) {
            return Duration.ofMillis(ms);
          }
        } catch (NumberFormatException ignored) {
          // reported below
        }
      }
      throw new InvalidInputException(option, text, "expected a positive duration such as 500ms, 1s or 5m");
    }
  }

  /** The assembly's replica settings; fails on a bad setting, naming it. */
  dev.funnel.assembly.ReplicaConfig config() {
    return new dev.funnel.assembly.ReplicaConfig(store(), poll(), this::openLog, describe());
  }

  /** The settings as printed at start and in {@code /health}; fails on a bad setting, naming it. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("snapshots", snapshots == null ? null : snapshots.toString());
    m.put("event_log", kind());
    if (kind().equals("kafka")) {
      KafkaSettings k = kafka();
      m.put("kafka_bootstrap", k.bootstrap());
      m.put("kafka_topic", k.topic());
      m.put("kafka_partitions", k.partitions());
      m.put("kafka_replication", k.replicationFactor());
      m.put("kafka_timeout", kafkaTimeout);
    }
    m.put("snapshot_poll", poll().toString());
    return m;
  }
}
