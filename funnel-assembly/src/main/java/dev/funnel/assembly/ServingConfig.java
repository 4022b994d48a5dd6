package dev.funnel.assembly;

import dev.funnel.core.InvalidInputException;
import dev.funnel.retrieval.SearchSettings;
import dev.funnel.retrieval.TextEmbedder;
import dev.funnel.server.RequestLimits;
import dev.funnel.server.ops.ServerFeatures;
import java.nio.file.Path;

/**
 * What one serving process is assembled from: its files and its settings, as the command line
 * or the config file gave them. A process assembled from it owns {@code features}' metrics
 * registry and closes it.
 *
 * @param index the index directory (from {@code funnel index})
 * @param events the event log directory (created if missing)
 * @param state the loop state folder, or null for a {@code state} folder beside {@code events}
 *     (a replica: its scratch folder, or null for a {@code replica-<pid>} folder beside the snapshots)
 * @param graphModel a BLADE model (related items and the {@code graph} strategy), or null
 * @param decisionModel a scored model with thresholds (conversion decisions), or null
 * @param loop the learning loop's settings
 * @param search the catalog strategies' settings
 * @param limits the server's request limits
 * @param features the server's operational features
 * @param queryEmbedder the model embedding queries instead of the one the index names, or null
 *     (benchmarks over indexes of word-average vectors)
 */
public record ServingConfig(Path index, Path events, Path state, Path graphModel, Path decisionModel, LoopConfig loop,
    SearchSettings search, RequestLimits limits, ServerFeatures features, TextEmbedder queryEmbedder) {

  public ServingConfig {
    if (index == null) {
      throw new InvalidInputException("--index", null, "expected an index directory");
    }
    if (events == null) {
      throw new InvalidInputException("--events", null, "expected an event log directory");
    }
    loop = loop == null ? LoopConfig.defaults(1) : loop;
    search = search == null ? SearchSettings.DEFAULTS : search;
    limits = limits == null ? RequestLimits.defaults() : limits;
    features = features == null ? ServerFeatures.none() : features;
  }

  /** A process over these files with the default search settings, limits and no operational features. */
  public static ServingConfig of(Path index, Path events, Path state, Path graphModel, Path decisionModel, LoopConfig loop) {
    return new ServingConfig(index, events, state, graphModel, decisionModel, loop, null, null, null, null);
  }

  /** This process with other operational {@code features}. */
  public ServingConfig withFeatures(ServerFeatures f) {
    return new ServingConfig(index, events, state, graphModel, decisionModel, loop, search, limits, f, queryEmbedder);
  }

  /** This process embedding queries with {@code embedder}. */
  public ServingConfig withQueryEmbedder(TextEmbedder embedder) {
    return new ServingConfig(index, events, state, graphModel, decisionModel, loop, search, limits, features, embedder);
  }

  /** The loop state folder: {@link #state}, or {@code state} beside the event log. */
  Path stateDir() {
    return state != null ? state : events.toAbsolutePath().resolveSibling("state");
  }
}
