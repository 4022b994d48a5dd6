package dev.funnel.kafka;

import dev.funnel.core.InvalidInputException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where the replicas' log lives in Kafka: the bootstrap servers, the events topic (rewarded
 * decisions go to {@code <topic>.decisions}), the partitions and replication factor used when
 * the topics do not exist yet (0: the broker's default replication factor), and how long a
 * write may wait for all in-sync replicas before it fails (and the event is not acknowledged).
 */
public record KafkaSettings(String bootstrap, String topic, int partitions, int replicationFactor, Duration timeout) {
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
  private static final Pattern SERVERS = Pattern.compile("[^\\s,]+:\\d{1,5}(,[^\\s,]+:\\d{1,5})*");

  public KafkaSettings {
    if (bootstrap == null || !SERVERS.matcher(bootstrap).matches()) {
      throw new InvalidInputException("--kafka-bootstrap", bootstrap, "expected host:port[,host:port...]");
    }
    if (topic == null || !TOPIC.matcher(topic).matches()) {
      throw new InvalidInputException("--kafka-topic", topic, "expected 1-200 of the characters a-z A-Z 0-9 . _ -");
    }
    if (partitions < 1) {
      throw new InvalidInputException("--kafka-partitions", partitions, "expected an integer >= 1");
    }
    if (replicationFactor < 0 || replicationFactor > Short.MAX_VALUE) {
      throw new InvalidInputException("--kafka-replication", replicationFactor, "expected an integer >= 1, or 0 for the broker's default");
    }
    if (timeout == null || timeout.isNegative() || timeout.toMillis() < 1000) {
      throw new InvalidInputException("--kafka-timeout", timeout, "expected a duration of at least 1s");
    }
  }

  /** The topic of rewarded bandit decisions. */
  public String decisionsTopic() {
    return topic + ".decisions";
  }
}
