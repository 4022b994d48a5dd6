/**
 * Stateless serving replicas and their learner. Several {@code funnel serve --snapshots DIR}
 * processes serve read-only snapshots of learned state ({@link dev.funnel.learning.replica.SnapshotStore}:
 * one folder per version, a pointer file replaced by atomic rename) and switch to a new version
 * atomically when it is published ({@link dev.funnel.learning.replica.SnapshotWatcher}, {@link
 * dev.funnel.learning.ReplicaServing}). Their events and rewarded bandit decisions go to one durable
 * log ({@link dev.funnel.learning.replica.ReplicaLog}): a shared directory of lock-appended, fsync'd
 * files ({@link dev.funnel.learning.replica.FileReplicaLog}) or Apache Kafka topics ({@code
 * dev.funnel.kafka.KafkaReplicaLog}). One learner process ({@code funnel learn}, {@link
 * dev.funnel.learning.replica.Learner}) reads that log, updates the memory index, query understanding
 * and bandit, and publishes new versions with the log positions they hold, so its state is rebuilt
 * from the last version plus the records after it. A replica serving a conversion decision model
 * counts every replica's clicks by tailing the same log ({@link dev.funnel.learning.replica.GateFeed}).
 * See docs/scaling.md.
 */
package dev.funnel.learning.replica;
