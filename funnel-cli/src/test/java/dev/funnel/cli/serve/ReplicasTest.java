package dev.funnel.cli.serve;

import dev.funnel.assembly.LearnerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.core.Event;
import dev.funnel.kafka.EmbeddedKafka;
import dev.funnel.learning.replica.ReplicaLog;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.server.ops.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Two stateless replicas ({@code funnel serve --snapshots}, each its own process) and a learner
 * on loopback, over the shared file log and over Kafka (an embedded KRaft broker): clicks posted
 * to replica A change what replica B serves once the learner has published the next snapshot;
 * killing A with SIGKILL while a client posts clicks loses no acknowledged event (all are in the
 * log and in the learner's memory, and B keeps serving and storing); the learner's state is
 * rebuilt to the same counts from its last snapshot plus the log after it, and from the whole
 * log. The replicas take serve's operational keys from one config file: requests without the
 * API key get a 401, and {@code /metrics} answers with the HTTP and loop meters of the replica.
 * Every wait is a bounded poll with a generous deadline (the machine may be loaded).
 */
class ReplicasTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration DEADLINE = Duration.ofSeconds(120);
  static final String QUERY = "lamp chair";
  static final String KILL_QUERY = "wool gift";
  static final String READ_KEY = "replica-read-key-0123456789";
  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @ParameterizedTest(name = "{0} log")
  @ValueSource(strings = {"file", "kafka"})
  void clicksOnOneReplicaReachTheOtherAndAKilledReplicaLosesNoAcknowledgedEvent(String kind) throws Exception {
    Path index = index(dir);
    EmbeddedKafka kafka = kind.equals("kafka") ? EmbeddedKafka.start(dir.resolve("kafka")) : null;
    try {
      List<String> logArgs = new ArrayList<>(List.of("--event-log", kind, "--events", dir.resolve("events").toString()));
      if (kafka != null) {
        logArgs.addAll(List.of("--kafka-bootstrap", kafka.bootstrap(), "--kafka-partitions", "3", "--kafka-timeout", "60s"));
      }
      Path snapshots = dir.resolve("snapshots");
      List<String> learnArgs = new ArrayList<>(List.of("--index", index.toString(), "--snapshots", snapshots.toString(), "--work",
          dir.resolve("learner").toString()));
      learnArgs.addAll(logArgs);
      LearnerAssembly learner = learner(learnArgs);
      AtomicBoolean stop = new AtomicBoolean();
      Thread learning = new Thread(() -> {
        try {
          learner.learner().run(Duration.ofSeconds(1), stop::get);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "learner");
      learning.start();
      await("the first snapshot", () -> Files.exists(snapshots.resolve("CURRENT")));
      // serve's access control, metrics and access log for both replicas, from the config keys a single process reads
      Path config = dir.resolve("replica.yaml");
      Files.writeString(config, "auth: {read_keys: [\"" + READ_KEY + "\"], admin_keys: [\"replica-admin-key-0123456789\"]}\n"
          + "metrics: {enabled: true}\nlogging: {access_log: true}\n");
      List<String> replicaArgs = new ArrayList<>(List.of("--config", config.toString(), "--index", index.toString(), "--snapshots", snapshots.toString(),
          "--snapshot-poll", "200ms", "--retrain-every", "0", "--autosave", "0"));
      replicaArgs.addAll(logArgs);
      List<String> argsA = new ArrayList<>(replicaArgs);
      argsA.addAll(List.of("--state", dir.resolve("replica-a").toString()));
      List<String> argsB = new ArrayList<>(replicaArgs);
      argsB.addAll(List.of("--state", dir.resolve("replica-b").toString()));
      var startingB = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new ServeProcess(argsB);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      ServeProcess startedA;
      try {
        startedA = new ServeProcess(argsA);
      } catch (RuntimeException | Error | java.io.IOException e) {
        startingB.thenAccept(ServeProcess::close);
        throw e;
      }
      try (ServeProcess a = startedA; ServeProcess b = startingB.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        // --- the replicas' access control: no key, a wrong key and an open route
        assertEquals(401, status(a.base, "/search", null, "{\"query\": \"lamp\"}"), a.output());
        assertEquals(401, status(b.base, "/events", "not-a-key-of-this-deployment", "{}"), b.output());
        assertEquals(401, status(b.base, "/metrics", null, null), b.output());
        assertEquals(200, status(b.base, "/health", null, null), b.output());

        // --- clicks on A for an item that B's memory does not have for the query
        String target = "p1"; // "blue red": no word of the query
        assertTrue(!memoryResults(b.base, QUERY).contains(target), "B's memory has no feedback for the target yet:\n" + b.output());
        String versionBefore = health(b.base).get("snapshot").asText();
        for (int i = 0; i < 15; i++) {
          String request = search(a.base, QUERY, 10).get("request_id").asText();
          assertEquals(200, click(a.base, request, target), a.output());
        }
        await("B serving the clicked item from memory after a snapshot", () -> memoryResults(b.base, QUERY).contains(target));
        assertNotEquals(versionBefore, health(b.base).get("snapshot").asText(), "B switched snapshots");
        // --- /metrics on each replica: its HTTP meters, the clicks it accepted, the loop of the snapshot it serves
        PrometheusText metricsA = new PrometheusText(get(a.base, "/metrics"));
        assertTrue(metricsA.value("funnel_events_total", Map.of("type", "click")) >= 15, metricsA.families().keySet().toString());
        assertTrue(metricsA.value("funnel_http_requests_total", Map.of("method", "POST", "route", "/events", "status", "200")) >= 15);
        assertTrue(metricsA.value("funnel_http_requests_total", Map.of("method", "POST", "route", "/search", "status", "401")) >= 1);
        assertTrue(metricsA.value("funnel_search_strategy_seconds", Map.of()) >= 1, "strategies of full-funnel searches");
        assertTrue(metricsA.value("funnel_bandit_decisions_total", Map.of()) >= 15);
        PrometheusText metricsB = new PrometheusText(get(b.base, "/metrics"));
        assertTrue(metricsB.value("funnel_replica_snapshot_switches_total", Map.of()) >= 1, metricsB.families().keySet().toString());
        assertTrue(metricsB.value("funnel_memory_feedback_keys", Map.of()) >= 1, "B's memory gauge reads the snapshot it serves");
        await("the replicas' rewarded decisions in the learner's bandit",
            () -> ((Number) learner.learner().stats().get("decisions_applied")).longValue() > 0);

        // --- SIGKILL A while a client searches and clicks on it
        List<String[]> acknowledged = new ArrayList<>();
        Thread writer = new Thread(() -> {
          for (int i = 0; i < 10_000; i++) {
            try {
              JsonNode r = search(a.base, KILL_QUERY, 5);
              String item = r.get("items").get(i % r.get("items").size()).get("id").asText();
              if (click(a.base, r.get("request_id").asText(), item) == 200) {
                synchronized (acknowledged) {
                  acknowledged.add(new String[] {r.get("request_id").asText(), item});
                }
              }
            } catch (Exception e) {
              return; // the replica is gone
            }
          }
        }, "writer");
        writer.start();
        await("clicks acknowledged by A", () -> {
          synchronized (acknowledged) {
            return acknowledged.size() >= 20;
          }
        });
        a.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
        writer.join(TimeUnit.SECONDS.toMillis(60));
        // B goes on serving and storing after A's death (on the file log it cuts A's torn record, if any)
        String afterKill = search(b.base, KILL_QUERY, 5).get("request_id").asText();
        assertEquals(200, click(b.base, afterKill, "p2"), b.output());

        Map<String, Long> stored = new HashMap<>();
        try (ReplicaLog.Tail t = learner.log().tail(Map.of())) {
          List<Event> all = new ArrayList<>();
          while (!t.caughtUp()) {
            all.addAll(t.poll(Duration.ofMillis(200)).events());
          }
          all.addAll(t.poll(Duration.ZERO).events());
          for (Event e : all) {
            stored.merge(e.requestId() + "/" + e.itemId(), 1L, Long::sum);
          }
          synchronized (acknowledged) {
            for (String[] ack : acknowledged) {
              assertTrue(stored.containsKey(ack[0] + "/" + ack[1]), "acknowledged click " + ack[0] + " on " + ack[1] + " was lost");
            }
            assertTrue(stored.containsKey(afterKill + "/p2"), "B's click after the kill");
            Map<String, Long> perItem = new HashMap<>();
            for (String[] ack : acknowledged) {
              perItem.merge(ack[1], 0L, Long::sum);
            }
            for (Event e : all) {
              if (KILL_QUERY.equals(e.query()) && perItem.containsKey(e.itemId())) {
                perItem.merge(e.itemId(), 1L, Long::sum);
              }
            }
            await("every stored click of the killed replica in the learner's memory", () -> perItem.entrySet().stream()
                .allMatch(en -> learner.loop().memory().stats(KILL_QUERY, en.getKey()).clicks() == en.getValue()));
          }
        }
      } finally {
        stop.set(true);
        learning.join(TimeUnit.SECONDS.toMillis(60));
      }
      Map<String, Long> learned = clicks(learner.loop().memory());
      learner.close();

      // --- rebuilt from the last snapshot plus the log after it, and from the whole log: the same counts
      try (LearnerAssembly again = learner(learnArgs)) {
        again.learner().catchUp();
        assertEquals(learned, clicks(again.loop().memory()), "rebuilt from the last snapshot and the log after it");
      }
      List<String> fresh = new ArrayList<>(List.of("--index", index.toString(), "--snapshots", dir.resolve("snapshots-fresh").toString(),
          "--work", dir.resolve("learner-fresh").toString()));
      fresh.addAll(logArgs);
      try (LearnerAssembly again = learner(fresh)) {
        again.learner().catchUp();
        assertEquals(learned, clicks(again.loop().memory()), "rebuilt from the whole log");
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  /** Clicks per (query, item) of the two test queries and every item. */
  static Map<String, Long> clicks(MemoryIndex memory) {
    Map<String, Long> m = new HashMap<>();
    for (String q : List.of(QUERY, KILL_QUERY)) {
      for (int i = 0; i < 200; i++) {
        long c = memory.stats(q, "p" + i).clicks();
        if (c > 0) {
          m.put(q + "/p" + i, c);
        }
      }
    }
    return m;
  }

  static LearnerAssembly learner(List<String> args) throws Exception {
    LearnCommand c = new LearnCommand();
    new CommandLine(c).parseArgs(args.toArray(String[]::new));
    return c.assemble();
  }

  /** A 200-item catalog ("p0".."p199", two-word titles, three brands) indexed without vectors in {@code dir}/index. */
  static Path index(Path dir) throws Exception {
    Path catalog = dir.resolve("catalog.jsonl");
    List<String> lines = new ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool"};
    for (int i = 0; i < 200; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[i % 8] + " " + words[(i / 8) % 8] + "\", \"brand\": \"b" + i % 3 + "\"}");
    }
    Files.write(catalog, lines);
    Path index = dir.resolve("index");
    assertEquals(0, FunnelCli.commandLine().execute("index", "--input", catalog.toString(), "--index", index.toString(), "--text-fields", "title",
        "--keyword-fields", "brand", "--no-vectors"));
    return index;
  }

  JsonNode search(String base, String query, int k) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/search")).timeout(Duration.ofSeconds(60)).header("X-Api-Key", READ_KEY)
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\", \"k\": " + k + "}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  List<String> memoryResults(String base, String query) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/search")).timeout(Duration.ofSeconds(60)).header("X-Api-Key", READ_KEY)
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\", \"k\": 5, \"strategies\": [\"memory\"]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    List<String> ids = new ArrayList<>();
    JSON.readTree(r.body()).get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }

  int click(String base, String request, String item) throws Exception {
    String body = "{\"type\": \"click\", \"request_id\": \"" + request + "\", \"item_id\": \"" + item + "\", \"position\": 1, \"timestamp\": \""
        + Instant.now() + "\"}";
    return http.send(HttpRequest.newBuilder(URI.create(base + "/events")).timeout(Duration.ofSeconds(90)).header("X-Api-Key", READ_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The status of a request to {@code path} with {@code key} (null: none), a POST of {@code body} or a GET when it is null. */
  int status(String base, String path, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      b.header("X-Api-Key", key);
    }
    b = body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The body of a GET of {@code path} with the read key, which must answer 200. */
  String get(String base, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("X-Api-Key", READ_KEY)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  JsonNode health(String base) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Polls {@code condition} every 100 ms until it holds, failing after {@link #DEADLINE}. */
  static void await(String what, Callable condition) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** A condition that may throw. */
  @FunctionalInterface
  interface Callable {
    boolean call() throws Exception;
  }
}
