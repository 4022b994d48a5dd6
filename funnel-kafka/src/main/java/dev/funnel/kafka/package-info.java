/**
 * The serving replicas' shared log on Apache Kafka ({@link dev.funnel.kafka.KafkaReplicaLog}):
 * events and rewarded bandit decisions as two topics, written with {@code acks=all} and
 * idempotence and acknowledged to clients only after the broker's acknowledgement, read by the
 * learner from the positions its last snapshot holds. Kafka itself is not part of Funnel: a
 * deployment points {@code --kafka-bootstrap} at its cluster; the tests start an embedded KRaft
 * broker.
 */
package dev.funnel.kafka;
