package dev.funnel.cli.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of the deployment config file and the {@code serve} flag it sets. A test enumerates
 * {@code serve}'s options and checks that each has exactly one key here, so a new flag cannot
 * be forgotten.
 */
public final class ConfigKeys {
  /** A key {@code section.name} and the flag it sets. */
  public record Key(String path, String flag) {
    public String section() {
      return path.substring(0, path.indexOf('.'));
    }

    public String name() {
      return path.substring(path.indexOf('.') + 1);
    }
  }

  /** What each section is for, in file order. */
  public static final Map<String, String> SECTIONS = sections();

  public static final List<Key> KEYS = List.of(
      new Key("server.host", "--host"),
      new Key("server.port", "--port"),
      new Key("catalog.index", "--index"),
      new Key("catalog.item_commit_every", "--item-commit-every"),
      new Key("events.dir", "--events"),
      new Key("state.dir", "--state"),
      new Key("state.memory_max_pairs", "--memory-max-pairs"),
      new Key("state.qu_max_units", "--qu-max-units"),
      new Key("models.graph", "--graph-model"),
      new Key("models.decision", "--decision-model"),
      new Key("models.ranker", "--ranker"),
      new Key("search.k1", "--k1"),
      new Key("search.b", "--b"),
      new Key("search.popularity_weight", "--popularity-weight"),
      new Key("search.rrf_k", "--rrf-k"),
      new Key("search.fusion_depth", "--fusion-depth"),
      new Key("search.dense_weight", "--dense-weight"),
      new Key("search.knn_candidates", "--knn-candidates"),
      new Key("loop.policy", "--policy"),
      new Key("loop.epsilon", "--epsilon"),
      new Key("loop.alpha", "--alpha"),
      new Key("loop.cost_penalty", "--cost-penalty"),
      new Key("loop.budgets", "--budgets"),
      new Key("loop.max_candidates", "--max-candidates"),
      new Key("loop.max_strategies", "--max-strategies"),
      new Key("loop.segments", "--segments"),
      new Key("loop.seed", "--loop-seed"),
      new Key("loop.retrain_every", "--retrain-every"),
      new Key("loop.first_retrain_after", "--first-retrain-after"),
      new Key("loop.autosave", "--autosave"),
      new Key("loop.training_log", "--training-log"),
      new Key("limits.max_body_bytes", "--max-body-bytes"),
      new Key("limits.max_query_chars", "--max-query-chars"),
      new Key("limits.max_query_terms", "--max-query-terms"),
      new Key("limits.max_k", "--max-k"),
      new Key("limits.max_request_candidates", "--max-request-candidates"),
      new Key("limits.deadline", "--deadline"),
      new Key("limits.max_concurrent", "--max-concurrent"),
      new Key("limits.max_queued", "--max-queued"),
      new Key("limits.events_per_second", "--events-rate"),
      new Key("limits.events_burst", "--events-burst"),
      new Key("auth.read_keys", "--read-keys"),
      new Key("auth.admin_keys", "--admin-keys"),
      new Key("metrics.enabled", "--metrics"),
      new Key("logging.format", "--log-format"),
      new Key("logging.access_log", "--access-log"),
      new Key("replica.snapshots", "--snapshots"),
      new Key("replica.snapshot_poll", "--snapshot-poll"),
      new Key("replica.event_log", "--event-log"),
      new Key("replica.kafka_bootstrap", "--kafka-bootstrap"),
      new Key("replica.kafka_topic", "--kafka-topic"),
      new Key("replica.kafka_partitions", "--kafka-partitions"),
      new Key("replica.kafka_replication", "--kafka-replication"),
      new Key("replica.kafka_timeout", "--kafka-timeout"));

  private ConfigKeys() {}

  private static Map<String, String> sections() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("server", "Where the HTTP API listens. It binds 127.0.0.1 unless `host` says otherwise.");
    m.put("catalog", "The catalog index built by `funnel index` (its directory holds the catalog mapping it was built with).");
    m.put("events", "The durable event log.");
    m.put("state", "The loop state folder (memory index, query understanding, bandit, ranker, training log) and the size bounds of the memory index and query understanding.");
    m.put("models", "Models served beside the catalog: the BLADE related-items graph, the conversion decision model and an offline-trained ranker.");
    m.put("search", "Retrieval settings of the catalog strategies (BM25, popularity prior, fusion, HNSW).");
    m.put("loop", "The learning loop: bandit policy, exploration, budgets, retraining, autosave, training log.");
    m.put("limits", "Request limits (400/413 above them, 503 when overloaded) and the per-client rate limit on `/events` (429).");
    m.put("auth", "Optional API keys; with any key set, every route but `GET /health` needs one (401 without, 403 with the wrong role).");
    m.put("metrics", "Prometheus metrics at `GET /metrics`.");
    m.put("replica", "A stateless serving replica: learned state from the snapshots a learner (`funnel learn`) publishes, events to one shared log (file or Kafka). "
        + "A replica reads the other sections as a single `serve` does: `auth`, `limits`, `metrics`, `logging`, `search`, `loop` and `models.decision` "
        + "(its click counts read from the shared log, so every replica's clicks count); `catalog.item_commit_every` and `models.ranker` do not apply "
        + "(a replica has no item updates, and the ranker comes with the learner's snapshot: give it to `funnel learn --ranker`). See docs/scaling.md.");
    m.put("logging", "Log format and the access log (one line per request).");
    return java.util.Collections.unmodifiableMap(m);
  }

  public static Optional<Key> byPath(String path) {
    return KEYS.stream().filter(k -> k.path().equals(path)).findFirst();
  }

  public static Optional<Key> byFlag(String flag) {
    return KEYS.stream().filter(k -> k.flag().equals(flag)).findFirst();
  }

  /** The keys of one section. */
  public static List<Key> of(String section) {
    return KEYS.stream().filter(k -> k.section().equals(section)).toList();
  }
}
