package dev.funnel.assembly;

import dev.funnel.core.InvalidInputException;
import dev.funnel.learning.replica.ReplicaLog;
import dev.funnel.learning.replica.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a replicated deployment's processes (a stateless replica, the learner): where
 * the published snapshots are and which shared log the events go to.
 *
 * @param store the published snapshots
 * @param poll how often a replica looks for a newly published snapshot
 * @param log opens the shared log (the file log in the events directory, or Kafka); called once
 *     by the assembly, which closes what it opened
 * @param description the settings as given, shown at start and in {@code /health} under {@code replica}
 */
public record ReplicaConfig(SnapshotStore store, Duration poll, LogOpener log, Map<String, Object> description) {

  /** Opens the shared log of a deployment whose events directory is {@code eventsDir}. */
  @FunctionalInterface
  public interface LogOpener {
    ReplicaLog open(Path eventsDir) throws IOException;
  }

  public ReplicaConfig {
    if (store == null) {
      throw new InvalidInputException("--snapshots", null, "expected the directory of published snapshots");
    }
    if (poll == null || poll.isZero() || poll.isNegative()) {
      throw new InvalidInputException("--snapshot-poll", poll, "expected a positive duration such as 500ms, 1s or 5m");
    }
    if (log == null) {
      throw new InvalidInputException("--event-log", null, "expected file or kafka");
    }
    description = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(description == null ? Map.of() : description));
  }
}
