package dev.funnel.assembly;

import dev.funnel.bandit.BanditConfig;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.DecisionLogWriter;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Retriever;
import dev.funnel.graph.GraphRetriever;
import dev.funnel.graph.RelatedItems;
import dev.funnel.learning.FeedbackLoop;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import dev.funnel.memory.MemoryConfig;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.memory.MemoryRetriever;
import dev.funnel.memory.PredictedQueryGenerator;
import dev.funnel.memory.QueryItemStats;
import dev.funnel.memory.StructuredRetriever;
import dev.funnel.query.QuConfig;
import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.rank.FeaturePipeline;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.MemoryStats;
import dev.funnel.rank.RankerFile;
import dev.funnel.rank.RankingService;
import dev.funnel.rank.ReciprocalRankFusionRanker;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.KeywordBoost;
import dev.funnel.serving.RequestLedger;
import dev.funnel.serving.SearchFunnel;
import dev.funnel.serving.chain.RetrieveStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The loop's assembly: a {@link FunnelLoop} from a catalog's strategies and a state directory.
 * It builds the {@link RequestLedger}, the memory index and query understanding (from their
 * snapshots when present), the strategies ({@code memory}, {@code structured} and, with a graph
 * model, {@code graph} beside the catalog's), the bandit (its saved state when present), the
 * ranking service (the saved LambdaMART model when present, else reciprocal-rank fusion), the
 * {@link SearchFunnel} and the {@link FeedbackLoop}.
 *
 * <p>A bandit state saved with another configuration (other strategies, policy, budgets or
 * segments) is set aside as {@code bandit.json.previous} and a new bandit starts, saying so; a
 * ranker trained on other features is set aside as {@code ranker.json.previous} the same way.
 * Whatever a step opened (the decision log, a loaded ranker) is closed when a later step fails.
 */
public final class LoopAssembly {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoopAssembly.class);
  /** Numeric item fields used as ranker features at most (the first in name order). */
  public static final int MAX_NUMERIC_FEATURES = 8;

  private LoopAssembly() {}

  /**
   * Assembles the loop over a catalog index.
   *
   * @param index the catalog index (its retrievers become strategies)
   * @param items the catalog (query understanding, predicted queries, numeric features)
   * @param catalog item lookup by id for serving (e.g. {@code index::item} or {@link #lookup})
   * @param related BLADE related items for the {@code graph} strategy, or null
   * @param dataDir where state is loaded from and saved to, or null for none
   */
  public static FunnelLoop open(CatalogIndex index, List<Item> items, Function<String, Optional<Item>> catalog, RelatedItems related,
      Path dataDir, LoopOptions options) throws IOException {
    return open(index.retrievers(), structuredSearch(index), index.keywordFields(), items, catalog, related, dataDir, options, Clock.systemUTC());
  }

  /**
   * The {@code structured} strategy's search over {@code index}: one Lucene query with the
   * interpretation's filters as FILTER clauses and its boosts as SHOULD clauses ({@link
   * CatalogIndex#structured}).
   */
  public static StructuredRetriever.Search structuredSearch(CatalogIndex index) {
    return (q, k) -> index.structured(q.query(), q.boosts().stream().map(b -> new KeywordBoost(b.field(), b.value(), b.weight())).toList(), k);
  }

  /**
   * Assembles the loop over given catalog strategies (e.g. an index's retrievers wrapped by a
   * cache) and the {@code structured} strategy's search; {@code keywordFields} are the catalog's
   * keyword fields (ranker match features, facets); {@code clock} is the memory index's time
   * (simulations pass a simulated clock). Whatever was opened is closed when a later step fails.
   */
  public static FunnelLoop open(Map<String, Retriever> catalogStrategies, StructuredRetriever.Search structured, Set<String> keywordFields,
      List<Item> items, Function<String, Optional<Item>> catalog, RelatedItems related, Path dataDir, LoopOptions options, Clock clock)
      throws IOException {
    if (!catalogStrategies.containsKey(RetrieveStage.SEED_STRATEGY)) {
      throw new InvalidInputException("strategies", catalogStrategies.keySet(), "expected a " + RetrieveStage.SEED_STRATEGY + " strategy");
    }
    RequestLedger requests = new RequestLedger(FunnelLoop.REQUEST_LOG_CAPACITY, options.funnel().settleAfter());
    Path memFile = dataDir == null ? null : dataDir.resolve(FunnelLoop.MEMORY_FILE);
    boolean memoryLoaded = memFile != null && Files.exists(memFile);
    MemoryIndex memory;
    if (memoryLoaded) {
      memory = MemoryIndex.load(memFile, MemoryConfig.DEFAULT, requests, clock, options.bounds().memoryMaxPairs());
    } else {
      memory = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, requests, clock, options.bounds().memoryMaxPairs());
      if (options.predictedQueries()) {
        memory.addPredictions(new PredictedQueryGenerator(items, PredictedQueryGenerator.DEFAULT_MAX_PER_ITEM).generateAll(items));
      }
    }
    Path quFile = dataDir == null ? null : dataDir.resolve(FunnelLoop.QU_FILE);
    boolean quLoaded = quFile != null && Files.exists(quFile);
    QueryUnderstanding qu = quLoaded
        ? QueryUnderstanding.load(quFile, items, QuConfig.DEFAULT, requests, options.bounds().quMaxUnits())
        : new QueryUnderstanding(items, QuConfig.DEFAULT, requests, options.bounds().quMaxUnits());
    Map<String, Retriever> retrievers = new LinkedHashMap<>(catalogStrategies);
    retrievers.put(MemoryRetriever.NAME, new MemoryRetriever(memory, clock));
    retrievers.put(StructuredRetriever.NAME, new StructuredRetriever(qu, structured));
    if (related != null) {
      retrievers.put(RelatedItems.STRATEGY, new GraphRetriever(related));
    }
    Path banditFile = dataDir == null ? null : dataDir.resolve(FunnelLoop.BANDIT_FILE);
    boolean banditLoaded = banditFile != null && Files.exists(banditFile);
    BanditService bandit = banditLoaded ? BanditService.load(banditFile) : new BanditService(options.bandit());
    // a loaded state replays the decisions logged after its save; a new one the whole log; a state set
    // aside below none (its log was learned under another configuration), nor one saved without a position
    long banditReplayFrom = banditLoaded ? bandit.savedDecisionLogLines() : 0;
    if (!sameLearningProblem(bandit.config(), options.bandit())) {
      banditReplayFrom = -1;
      Path previous = banditFile.resolveSibling(FunnelLoop.BANDIT_FILE + ".previous");
      Files.move(banditFile, previous, StandardCopyOption.REPLACE_EXISTING);
      LOG.warn("the bandit state in " + banditFile + " was learned with another configuration "
          + "(strategies, budgets, policy or segments); it is kept as " + previous + " and a new bandit starts");
      bandit = new BanditService(options.bandit());
    }
    // every resource opened from here on, closed in reverse order when a later step fails
    OpenedResources opened = new OpenedResources();
    try {
      DecisionLogWriter decisionLog = dataDir == null ? null : opened.push(new DecisionLogWriter(dataDir.resolve(FunnelLoop.DECISION_LOG)));
      if (decisionLog != null) {
        bandit.logTo(decisionLog);
      }
      FeaturePipeline features = FeaturePipeline.standard(List.copyOf(new TreeSet<>(retrievers.keySet())), memoryStats(memory),
          numericFields(items), List.copyOf(new TreeSet<>(keywordFields)));
      RankingService ranking = new RankingService(features, new ReciprocalRankFusionRanker(features.schema(), ReciprocalRankFusionRanker.DEFAULT_K));
      Path rankerFile = dataDir == null ? null : dataDir.resolve(FunnelLoop.RANKER_FILE);
      if (rankerFile != null && Files.exists(rankerFile)) {
        LambdaMartRanker saved = RankerFile.read(rankerFile);
        if (saved.schema().equals(features.schema())) {
          ranking.swap(opened.push(saved));
        } else {
          // trained on other features (another strategy set or catalog fields): set aside, like the bandit state
          saved.close();
          Path previous = rankerFile.resolveSibling(FunnelLoop.RANKER_FILE + ".previous");
          Files.move(rankerFile, previous, StandardCopyOption.REPLACE_EXISTING);
          LOG.warn("the ranker in " + rankerFile + " was trained on other features (" + saved.schema().size()
              + " instead of " + features.schema().size() + "); it is kept as " + previous + " and the baseline ranks until the next retraining");
        }
      }
      SearchFunnel funnel = new SearchFunnel(retrievers, catalog, keywordFields, qu, bandit, ranking, requests, options.funnel());
      return new FunnelLoop(funnel, new FeedbackLoop(funnel, memory, qu), memory, qu, dataDir, decisionLog,
          new FunnelLoop.Restored(memoryLoaded, quLoaded, banditReplayFrom));
    } catch (IOException | RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  /** Whether a saved bandit can go on learning under {@code wanted}: all but the seed equal. */
  static boolean sameLearningProblem(BanditConfig saved, BanditConfig wanted) {
    return saved.equals(new BanditConfig(wanted.strategies(), wanted.budgets(), wanted.maxTotal(), wanted.maxStrategies(),
        wanted.intents(), wanted.segments(), wanted.policy(), wanted.costPenalty(), wanted.statsHalfLife(), saved.seed()));
  }

  /**
   * An in-memory item lookup over {@code items}: serving reads every candidate's item (features,
   * response fields), and a hash lookup costs well under a microsecond where an index lookup
   * (term query, stored fields, JSON) costs tens.
   */
  public static Function<String, Optional<Item>> lookup(List<Item> items) {
    Map<String, Item> byId = new HashMap<>(items.size() * 2);
    for (Item i : items) {
      byId.put(i.id(), i);
    }
    return id -> Optional.ofNullable(byId.get(id));
  }

  /** The memory index's decayed counts as the ranker's memory features (one code path with training). */
  static MemoryStats memoryStats(MemoryIndex memory) {
    return (query, itemId) -> {
      QueryItemStats s = memory.stats(query, itemId);
      return new MemoryStats.Counts(s.decayedImpressions(), s.decayedClicks(), s.decayedCarts(), s.decayedPurchases());
    };
  }

  static List<String> numericFields(List<Item> items) {
    TreeSet<String> names = new TreeSet<>();
    for (Item i : items) {
      names.addAll(i.numbers().keySet());
    }
    return names.stream().limit(MAX_NUMERIC_FEATURES).toList();
  }
}
