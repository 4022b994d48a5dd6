package dev.funnel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel serve} as its own process (catalog with MiniLM vectors, item commits every second),
 * two clients putting, batch-posting and deleting items; the process is killed with SIGKILL by one
 * client right after it receives an acknowledgement, while the other client's update is in
 * flight. A new {@code funnel serve} process on the same files serves every acknowledged update
 * (puts found by id, by bm25 and by dense search; deletes gone), and the index passes Lucene's
 * CheckIndex.
 */
class ServeItemsKillTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path dir;

  static Process serve(Path index, Path events, Path state) {
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
          FunnelCli.class.getName(), "serve", "--index", index.toString(), "--events", events.toString(), "--state", state.toString(),
          "--port", "0", "--item-commit-every", "1s").redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String baseUrl(Process server) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Pattern serving = Pattern.compile("Funnel is serving \\d+ items at (http://\\S+)");
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = serving.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("server did not start");
  }

  static HttpResponse<String> send(String method, String url, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** What the clients were told was done: id -> title of the acknowledged put, or null for an acknowledged delete. */
  final Map<String, String> acknowledged = new LinkedHashMap<>();

  @Test
  void acknowledgedItemUpdatesSurviveKillMinus9() throws Exception {
    Path catalog = dir.resolve("catalog.jsonl");
    List<String> lines = new ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool"};
    for (int i = 0; i < 60; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[i % 8] + " " + words[(i / 8) % 8] + "\", \"brand\": \"b" + i % 3 + "\"}");
    }
    Files.write(catalog, lines);
    Path index = dir.resolve("index");
    assertEquals(0, FunnelCli.commandLine().execute("index", "--input", catalog.toString(), "--index", index.toString(), "--text-fields", "title",
        "--keyword-fields", "brand"));
    Path events = dir.resolve("events");
    Path state = dir.resolve("state");
    Process server = serve(index, events, state);
    AtomicInteger acks = new AtomicInteger();
    int killAfter = 60;
    try {
      String base = baseUrl(server);
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        int client = c;
        Thread t = new Thread(() -> {
          for (int i = 0; ; i++) {
            String id = "c" + client + "-" + i;
            String title = "gizmo" + client + "x" + i + " widget";
            try {
              HttpResponse<String> r;
              Map<String, String> done = new LinkedHashMap<>();
              if (i % 7 == 3 && client == 0) {
                String victim = "p" + i;
                r = send("DELETE", base + "/items/" + victim, null);
                done.put(victim, null);
              } else if (i % 5 == 4) {
                String second = id + "b";
                r = send("POST", base + "/items", "{\"items\": [{\"id\": \"" + id + "\", \"title\": \"" + title + "\"}, {\"id\": \"" + second
                    + "\", \"title\": \"" + title.replace("widget", "sprocket") + "\", \"brand\": \"b9\"}]}");
                done.put(id, title);
                done.put(second, title.replace("widget", "sprocket"));
              } else {
                r = send("PUT", base + "/items/" + id, "{\"title\": \"" + title + "\", \"brand\": \"b" + i % 3 + "\"}");
                done.put(id, title);
              }
              if (r.statusCode() != 200) {
                throw new AssertionError(r.statusCode() + " " + r.body());
              }
              synchronized (acknowledged) {
                acknowledged.putAll(done);
              }
              if (acks.incrementAndGet() == killAfter) {
                server.destroyForcibly(); // SIGKILL right after this acknowledgement, the other client's update in flight
              }
            } catch (java.io.IOException e) {
              return; // the server is gone
            } catch (Exception e) {
              return;
            }
          }
        });
        t.start();
        clients.add(t);
      }
      for (Thread t : clients) {
        t.join(TimeUnit.MINUTES.toMillis(5));
      }
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server killed");
    } finally {
      server.destroyForcibly();
    }
    assertTrue(acks.get() >= killAfter, "acknowledged " + acks.get());
    Process again = serve(index, events, state);
    try {
      String base = baseUrl(again);
      JsonNode health = JSON.readTree(send("GET", base + "/health", null).body());
      JsonNode updates = health.get("item_updates");
      assertTrue(updates.get("journal_records").asLong() >= killAfter, updates.toString());
      Map<String, String> expected;
      synchronized (acknowledged) {
        expected = new LinkedHashMap<>(acknowledged);
      }
      for (Map.Entry<String, String> e : expected.entrySet()) {
        HttpResponse<String> item = send("GET", base + "/items/" + e.getKey(), null);
        if (e.getValue() == null) {
          assertEquals(404, item.statusCode(), "acknowledged delete of " + e.getKey() + " was lost; recovery " + updates);
          continue;
        }
        assertEquals(200, item.statusCode(), "acknowledged put of " + e.getKey() + " was lost; recovery " + updates);
        assertEquals(e.getValue(), JSON.readTree(item.body()).get("text").get("title").asText());
        String token = e.getValue().split(" ")[0];
        for (String strategy : List.of("bm25", "dense")) {
          JsonNode r = JSON.readTree(send("POST", base + "/search",
              "{\"query\": \"" + e.getValue() + "\", \"strategies\": [\"" + strategy + "\"], \"k\": 5}").body());
          List<String> ids = new ArrayList<>();
          r.get("items").forEach(i -> ids.add(i.get("id").asText()));
          assertTrue(ids.contains(e.getKey()), strategy + " finds " + e.getKey() + " (" + token + ") after the restart: " + ids);
        }
      }
      System.out.println("kill -9 after " + acks.get() + " acknowledgements (" + expected.size() + " items touched); restart: " + updates);
    } finally {
      again.destroy(); // SIGTERM: a clean stop commits
      again.waitFor(60, TimeUnit.SECONDS);
      again.destroyForcibly();
    }
    try (FSDirectory d = FSDirectory.open(Files.list(index).filter(p -> p.getFileName().toString().startsWith("snapshot-")).findFirst().orElseThrow());
        CheckIndex check = new CheckIndex(d)) {
      assertTrue(check.checkIndex().clean, "CheckIndex after the crash and the restarts");
    }
  }
}
