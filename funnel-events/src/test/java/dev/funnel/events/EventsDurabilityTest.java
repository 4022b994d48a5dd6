package dev.funnel.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Event;
import dev.funnel.server.FunnelServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsDurabilityTest {
  @TempDir Path dir;

  private static String event(String type, String request, String item, int pos) {
    return "{\"type\":\"" + type + "\",\"request_id\":\"" + request + "\",\"item_id\":\"" + item
        + "\",\"position\":" + pos + ",\"timestamp\":\"2026-11-22T10:00:00Z\"}";
  }

  @Test
  void acknowledgedEventsSurviveKillMinus9() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        EventServerMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
    List<String> acknowledged = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line;
      int port = -1;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("PORT ")) {
          port = Integer.parseInt(line.substring(5).trim());
          break;
        }
      }
      assertTrue(port > 0, "server did not start");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI uri = URI.create("http://127.0.0.1:" + port + "/events");
      // a writer keeps posting while the server is killed; only 200-answered events count
      Thread writer = new Thread(() -> {
        for (int i = 0; ; i++) {
          String body = "[" + event("impression", "r" + i, "a" + i, 1) + "," + event("click", "r" + i, "a" + i, 1) + "]";
          try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              synchronized (acknowledged) {
                acknowledged.add("r" + i);
              }
            }
          } catch (Exception e) {
            return;
          }
        }
      });
      writer.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // generous: a loaded machine is slow, a fast one leaves early
      while (System.nanoTime() < deadline) {
        synchronized (acknowledged) {
          if (acknowledged.size() >= 100) {
            break;
          }
        }
        Thread.sleep(10);
      }
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks run
      writer.join(10_000);
    } finally {
      server.destroyForcibly();
    }
    Set<String> stored = new HashSet<>();
    try (FileEventLog log = FileEventLog.open(dir)) {
      log.scan(e -> stored.add(e.requestId()));
      List<Event> all = new ArrayList<>();
      log.scan(all::add);
      assertEquals(0, all.size() % 2, "batches are stored whole");
    }
    assertTrue(acknowledged.size() >= 100, "acknowledged " + acknowledged.size());
    synchronized (acknowledged) {
      for (String id : acknowledged) {
        assertTrue(stored.contains(id), "acknowledged batch " + id + " was lost");
      }
    }
  }

  @Test
  void malformedBatchIsRejectedWholeAndUnknownRequestsCounted() throws Exception {
    try (FileEventLog log = FileEventLog.open(dir);
        FunnelServer server = new FunnelServer(List.of(new EventsApi(log, "known"::equals)), Map.of())) {
      int port = server.start("127.0.0.1", 0);
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + port + "/events");
      String bad = "{\"events\": [" + event("click", "known", "a", 1) + "," + event("click", "known", "a", 0) + "]}";
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(bad)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, r.statusCode());
      JsonNode err = EventCodec.JSON.readTree(r.body());
      assertEquals("events[1].position", err.get("field").asText());
      assertEquals(0, log.size());
      String good = "[" + event("click", "known", "a", 1) + "," + event("purchase", "other", "b", 2) + "]";
      HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(good)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode());
      JsonNode body = EventCodec.JSON.readTree(ok.body());
      assertEquals(2, body.get("accepted").asInt());
      assertEquals(1, body.get("unknown_request_ids").asInt());
      assertEquals(2, log.size());
    }
  }

  @Test
  void eventsWithoutATimestampTakeTheServerClockAndTheAnswerSaysSo() throws Exception {
    java.time.Instant fixed = java.time.Instant.parse("2026-05-01T12:00:00Z");
    try (FileEventLog log = FileEventLog.open(dir);
        FunnelServer server = new FunnelServer(List.of(new EventsApi(log, "known"::equals,
            java.time.Clock.fixed(fixed, java.time.ZoneOffset.UTC))), Map.of())) {
      int port = server.start("127.0.0.1", 0);
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + port + "/events");
      String batch = "[" + event("click", "known", "a", 1) + ", {\"type\": \"purchase\", \"request_id\": \"known\", \"item_id\": \"a\", \"position\": 1}]";
      HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode(), ok.body());
      JsonNode body = EventCodec.JSON.readTree(ok.body());
      assertEquals(1, body.get("server_timestamps").asInt());
      assertEquals(fixed.toString(), body.get("server_timestamp").asText());
      List<dev.funnel.core.Event> stored = new java.util.ArrayList<>();
      log.scan(stored::add);
      assertEquals(fixed, stored.get(1).timestamp());
      org.junit.jupiter.api.Assertions.assertNotEquals(fixed, stored.get(0).timestamp(), "a given timestamp is kept");
      HttpResponse<String> timed = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(event("click", "known", "a", 2))).build(),
          HttpResponse.BodyHandlers.ofString());
      org.junit.jupiter.api.Assertions.assertFalse(EventCodec.JSON.readTree(timed.body()).has("server_timestamps"));
    }
  }
}
