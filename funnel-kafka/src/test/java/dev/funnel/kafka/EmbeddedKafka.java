package dev.funnel.kafka;

import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node Apache Kafka cluster in KRaft mode (combined broker and controller) inside the test
 * JVM, on loopback ports the OS picks, with its data in {@code dir}. Tests only: Funnel never
 * starts a broker itself.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats, starts and waits for the broker. */
  public static EmbeddedKafka start(Path dir) throws Exception {
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(
        new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(dir).build())
        .setConfigProp("auto.create.topics.enable", "false")
        .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new EmbeddedKafka(cluster);
  }

  /** host:port of the broker. */
  public String bootstrap() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() throws java.io.IOException {
    try {
      cluster.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.IOException("interrupted while stopping the embedded Kafka broker", e);
    } catch (Exception e) {
      throw new java.io.IOException("stopping the embedded Kafka broker failed: " + e, e);
    }
  }
}
