package dev.funnel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pattern that once aborted the server with native heap corruption: 8 clients search (text
 * and dense, so the ONNX query model and the LightGBM ranker with its explanations run on many
 * threads at once) and click, while the ranker is retrained every 5 clicks and swapped in under
 * them, and the state is autosaved every second (serialising the current model). The server, a
 * process of its own, must survive and answer no 5xx.
 */
class ServeStressTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int CLIENTS = 8;
  static final int PAIRS_PER_CLIENT = 60;
  @TempDir Path dir;

  @Test
  void searchesClicksAndRetrainingFromEightClientsNeverCrashOrAnswer5xx() throws Exception {
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool", "steel", "oak"};
    List<String> lines = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 150; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[r.nextInt(10)] + " " + words[r.nextInt(10)] + " " + words[r.nextInt(10)]
          + "\", \"brand\": \"b" + r.nextInt(4) + "\"}");
    }
    Path catalog = dir.resolve("catalog.jsonl");
    Files.write(catalog, lines);
    Path index = dir.resolve("index");
    assertEquals(0, FunnelCli.commandLine().execute("index", "--input", catalog.toString(), "--index", index.toString(), "--text-fields", "title",
        "--keyword-fields", "brand"));
    try (ServeProcess server = new ServeProcess(List.of("--index", index.toString(), "--events", dir.resolve("events").toString(),
        "--state", dir.resolve("state").toString(), "--autosave", "1s", "--retrain-every", "5", "--min-training-requests", "5",
        "--training-log", "all",
        // every client gets a slot: the test is about crashes and server errors, not about shedding an overload with 503s
        "--max-concurrent", "8"))) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> serverErrors = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long seed = c;
        done.add(pool.submit(() -> {
          SplittableRandom rr = new SplittableRandom(seed);
          for (int i = 0; i < PAIRS_PER_CLIENT; i++) {
            String query = words[rr.nextInt(10)] + " " + words[rr.nextInt(10)];
            String body = i % 5 == 4
                ? "{\"query\": \"" + query + "\", \"k\": 5, \"strategies\": [\"dense\"]}"
                : "{\"query\": \"" + query + "\", \"k\": 20, \"user\": \"u" + rr.nextInt(20) + "\"}";
            HttpResponse<String> s = post(client, server.base + "/search", body);
            record(statuses, serverErrors, s, "/search " + body);
            JsonNode res = JSON.readTree(s.body());
            if (s.statusCode() != 200 || res.path("items").isEmpty() || !res.has("request_id")) {
              continue;
            }
            JsonNode items = res.get("items");
            int pos = rr.nextInt(Math.min(3, items.size()));
            String click = "{\"type\": \"click\", \"request_id\": \"" + res.get("request_id").asText() + "\", \"item_id\": \""
                + items.get(pos).get("id").asText() + "\", \"position\": " + (pos + 1) + ", \"timestamp\": \"" + Instant.now() + "\"}";
            record(statuses, serverErrors, post(client, server.base + "/events", click), "/events");
          }
          return null;
        }));
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "clients did not finish");
      for (Future<?> f : done) {
        f.get();
      }
      assertTrue(server.process.isAlive(), "the server died under load:\n" + server.output());
      assertTrue(serverErrors.isEmpty(), "5xx answers: " + serverErrors + "\n" + server.output());
      // Retraining runs in the background and may still be under way when the clients stop: poll
      // (bounded) until at least one attempt has finished, accepted or refused by validation.
      JsonNode stats = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      do {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(server.base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        stats = JSON.readTree(health.body()).get("loop_stats");
        if (stats.get("retrainings").asLong() + stats.get("refused_retrainings").asLong() >= 1) {
          break;
        }
        Thread.sleep(100);
      } while (System.nanoTime() < deadline);
      assertTrue(stats.get("retrainings").asLong() + stats.get("refused_retrainings").asLong() >= 1, "the ranker was retrained under load: " + stats);
      assertEquals(0, stats.get("failed_retrainings").asLong(), stats.toString());
      if (stats.get("retrainings").asLong() > 0) {
        assertEquals("lambdamart", stats.get("ranker").asText());
      }
      assertEquals(Map.of(200, CLIENTS * PAIRS_PER_CLIENT * 2), statuses, "every search and click answered 200");
      HttpResponse<String> huge = post(client, server.base + "/search", "{\"query\": \"" + "mug ".repeat(200_000) + "\"}");
      assertEquals(400, huge.statusCode(), "a 200k-term query is refused before any work: " + huge.body());
      assertEquals("query", JSON.readTree(huge.body()).get("field").asText());
      assertTrue(JSON.readTree(huge.body()).get("error").asText().contains("max_query_chars"), huge.body());
      server.process.destroy(); // SIGTERM: a clean stop saves the state and frees the models
      assertTrue(server.process.waitFor(60, TimeUnit.SECONDS), "the server did not stop");
      assertEquals(143, server.process.exitValue(), server.output());
    }
  }

  static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void record(Map<Integer, Integer> statuses, List<String> errors, HttpResponse<String> r, String what) {
    synchronized (statuses) {
      statuses.merge(r.statusCode(), 1, Integer::sum);
      if (r.statusCode() >= 500) {
        errors.add(r.statusCode() + " " + what + ": " + r.body());
      }
    }
  }
}
