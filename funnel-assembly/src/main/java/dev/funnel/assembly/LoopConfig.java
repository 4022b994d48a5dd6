package dev.funnel.assembly;

import dev.funnel.core.InvalidInputException;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning loop's settings of a serving process, as the command line or the config file
 * gave them.
 *
 * @param options the loop options; the bandit's strategies are the assembly's (those the index
 *     and the graph model offer), so the ones here are replaced
 * @param autosave how often the learned state is saved, or null for only at stop
 * @param trainingLog which served requests go to the training log
 * @param itemCommitEvery how often item updates are committed to the Lucene index
 * @param ranker a LambdaMART model file to serve from the start, or null
 * @param description the settings as given, shown at start and in {@code /health} under {@code loop}
 */
public record LoopConfig(LoopOptions options, Duration autosave, FunnelLoop.TrainingLogMode trainingLog, Duration itemCommitEvery,
    Path ranker, Map<String, Object> description) {

  public LoopConfig {
    if (options == null) {
      throw new InvalidInputException("loop.options", null, "expected the loop options");
    }
    if (autosave != null && (autosave.isZero() || autosave.isNegative())) {
      throw new InvalidInputException("autosave", autosave, "expected a positive period, or none");
    }
    if (trainingLog == null) {
      throw new InvalidInputException("training_log", null, "expected all, engaged or off");
    }
    if (itemCommitEvery == null || itemCommitEvery.isZero() || itemCommitEvery.isNegative()) {
      throw new InvalidInputException("item_commit_every", itemCommitEvery, "expected a positive period");
    }
    description = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(description == null ? Map.of() : description));
  }

  /** The defaults of {@code funnel serve}: default options at {@code seed}, autosave every minute, engaged requests logged, item commits every 30 s. */
  public static LoopConfig defaults(long seed) {
    return new LoopConfig(LoopOptions.defaults(List.of(), seed), Duration.ofMinutes(1), FunnelLoop.TrainingLogMode.ENGAGED,
        Duration.ofSeconds(30), null, Map.of());
  }

  /** These settings with other loop {@code options}. */
  public LoopConfig withOptions(LoopOptions o) {
    return new LoopConfig(o, autosave, trainingLog, itemCommitEvery, ranker, description);
  }

  /** These settings saving the state only at stop ({@code autosave} null) or every {@code autosave}. */
  public LoopConfig withAutosave(Duration period) {
    return new LoopConfig(options, period, trainingLog, itemCommitEvery, ranker, description);
  }

  /** These settings with another training-log {@code mode}. */
  public LoopConfig withTrainingLog(FunnelLoop.TrainingLogMode mode) {
    return new LoopConfig(options, autosave, mode, itemCommitEvery, ranker, description);
  }

  /** The loop options of a process whose bandit chooses among {@code strategies}. */
  LoopOptions options(List<String> strategies) {
    return options.withStrategies(strategies);
  }
}
