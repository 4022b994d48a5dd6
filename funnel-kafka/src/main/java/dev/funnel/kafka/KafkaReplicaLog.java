package dev.funnel.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.events.EventCodec;
import dev.funnel.events.SharedFileEventLog;
import dev.funnel.learning.replica.ReplicaLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The replicas' log on Apache Kafka. An event batch is one record of the events topic (key: the
 * first event's request id; value: the JSON array of events, as in the file log); a rewarded
 * decision is one record of the decisions topic. The producer uses {@code acks=all} and
 * idempotence, and {@link EventLog#append} waits for the broker's acknowledgement: a batch is
 * acknowledged to the client only once every in-sync replica has it (with the topic's {@code
 * min.insync.replicas}), and a failed or timed-out send is an {@link IOException}, so the HTTP
 * request fails and the client retries. Missing topics are created at open. Positions are the
 * next offsets to read, keyed {@code topic:partition}.
 */
public final class KafkaReplicaLog implements ReplicaLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaSettings settings;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong appended = new AtomicLong();
  private final EventLog events = new EventLog() {
    @Override
    public void append(List<Event> batch) throws IOException {
      if (batch.isEmpty()) {
        return;
      }
      send(settings.topic(), batch.get(0).requestId(), EventCodec.JSON.writeValueAsBytes(EventCodec.toJson(batch)));
      appended.addAndGet(batch.size());
    }

    @Override
    public void scan(Consumer<Event> sink) throws IOException {
      try (Tail t = tail(Map.of())) {
        while (!t.caughtUp()) {
          t.poll(Duration.ofMillis(200)).events().forEach(sink);
        }
      }
    }

    @Override
    public long size() {
      return appended.get();
    }

    @Override
    public void close() throws IOException {
      KafkaReplicaLog.this.close();
    }
  };

  private KafkaReplicaLog(KafkaSettings settings, KafkaProducer<byte[], byte[]> producer) {
    this.settings = settings;
    this.producer = producer;
  }

  /** Connects, creating the two topics when missing. */
  public static KafkaReplicaLog open(KafkaSettings s) throws IOException {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) s.timeout().toMillis());
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(s.timeout().toMillis(), 30_000));
    try (Admin a = Admin.create(admin)) {
      Set<String> existing = a.listTopics().names().get(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
      Optional<Short> rf = s.replicationFactor() == 0 ? Optional.empty() : Optional.of((short) s.replicationFactor());
      List<NewTopic> missing = new ArrayList<>();
      for (String t : List.of(s.topic(), s.decisionsTopic())) {
        if (!existing.contains(t)) {
          missing.add(new NewTopic(t, Optional.of(s.partitions()), rf));
        }
      }
      if (!missing.isEmpty()) {
        try {
          a.createTopics(missing).all().get(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("Kafka at " + s.bootstrap() + " did not answer (topics " + s.topic() + ", " + s.decisionsTopic() + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to Kafka at " + s.bootstrap(), e);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    int request = (int) Math.min(s.timeout().toMillis() / 2, 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(s.timeout().toMillis(), request));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.timeout().toMillis());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaReplicaLog(s, new KafkaProducer<>(p));
  }

  private void send(String topic, String key, byte[] value) throws IOException {
    try {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
          .get(settings.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("Kafka did not acknowledge the write to " + topic + " at " + settings.bootstrap() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing to Kafka topic " + topic, e);
    }
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public void appendDecision(LoggedDecision d) throws IOException {
    send(settings.decisionsTopic(), d.requestId(), JSON.writeValueAsBytes(d.toJson()));
  }

  @Override
  public Tail tail(Map<String, Long> from) throws IOException {
    return new KafkaTail(from);
  }

  @Override
  public String describe() {
    return "kafka:" + settings.bootstrap() + "/" + settings.topic();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Both topics' partitions, assigned to one consumer without a group (the positions live in the learner's snapshots). */
  private final class KafkaTail implements Tail {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, Long> positions = new LinkedHashMap<>();

    KafkaTail(Map<String, Long> from) {
      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
      c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
      c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      consumer = new KafkaConsumer<>(c);
      for (String t : List.of(settings.topic(), settings.decisionsTopic())) {
        for (PartitionInfo p : consumer.partitionsFor(t, settings.timeout())) {
          partitions.add(new TopicPartition(t, p.partition()));
        }
      }
      consumer.assign(partitions);
      for (TopicPartition tp : partitions) {
        Long at = from.get(key(tp));
        if (at == null) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, at);
        }
      }
      for (TopicPartition tp : partitions) {
        positions.put(key(tp), consumer.position(tp, settings.timeout()));
      }
    }

    private static String key(TopicPartition tp) {
      return tp.topic() + ":" + tp.partition();
    }

    @Override
    public Batch poll(Duration wait) throws IOException {
      List<Event> es = new ArrayList<>();
      List<LoggedDecision> ds = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
        if (r.topic().equals(settings.topic())) {
          es.addAll(SharedFileEventLog.decode(r.value()));
        } else {
          ds.add(LoggedDecision.fromJson(JSON.readTree(r.value())));
        }
      }
      for (TopicPartition tp : partitions) {
        positions.put(key(tp), consumer.position(tp, settings.timeout()));
      }
      return new Batch(es, ds);
    }

    @Override
    public Map<String, Long> positions() {
      return new LinkedHashMap<>(positions);
    }

    @Override
    public boolean caughtUp() {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, settings.timeout());
      for (TopicPartition tp : partitions) {
        if (positions.get(key(tp)) < end.get(tp)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }
}
