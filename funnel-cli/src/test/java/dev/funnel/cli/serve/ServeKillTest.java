package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.events.FileEventLog;
import dev.funnel.learning.FunnelLoop;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel serve} as its own process, killed with SIGKILL while a client searches and posts
 * clicks: every event it acknowledged is in the log, and at the next start the memory index holds
 * every stored click exactly once (its autosaved snapshot, every second here, plus the events
 * after the snapshot's offset replayed), and the same when the snapshots are gone and the whole
 * log is replayed. The bandit, likewise, has learned every rewarded decision of the decision log
 * exactly once: its autosaved state holds the log's first lines, and the rest are replayed, into
 * its policy and into its strategy statistics, which equal an uninterrupted run's over the log.
 */
class ServeKillTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void acknowledgedEventsAndAutosavedStateSurviveKillMinus9() throws Exception {
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
    Path events = dir.resolve("events");
    Path state = dir.resolve("state");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process server = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        FunnelCli.class.getName(), "serve", "--index", index.toString(), "--events", events.toString(), "--state", state.toString(),
        "--port", "0", "--autosave", "1s").redirectErrorStream(true).start();
    List<String> acknowledged = new ArrayList<>();
    java.util.Map<String, String> queryOf = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Pattern serving = Pattern.compile("Funnel is serving \\d+ items at (http://\\S+)");
      String base = null;
      String line;
      while (base == null && (line = out.readLine()) != null) {
        Matcher m = serving.matcher(line);
        if (m.find()) {
          base = m.group(1);
        }
      }
      assertTrue(base != null, "server did not start");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String url = base;
      Thread writer = new Thread(() -> {
        for (int i = 0; ; i++) {
          try {
            HttpResponse<String> s = client.send(HttpRequest.newBuilder(URI.create(url + "/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + words[i % 8] + " mug\", \"k\": 3}")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode r = JSON.readTree(s.body());
            queryOf.put(r.get("request_id").asText(), words[i % 8] + " mug");
            String item = r.get("items").get(0).get("id").asText();
            String body = "{\"type\": \"click\", \"request_id\": \"" + r.get("request_id").asText() + "\", \"item_id\": \"" + item
                + "\", \"position\": 1, \"timestamp\": \"" + Instant.now() + "\"}";
            HttpResponse<String> e = client.send(HttpRequest.newBuilder(URI.create(url + "/events")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (e.statusCode() == 200) {
              synchronized (acknowledged) {
                acknowledged.add(r.get("request_id").asText());
              }
            }
          } catch (Exception ex) {
            return;
          }
        }
      });
      writer.start();
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        synchronized (acknowledged) {
          if (acknowledged.size() >= 100 && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(2500)) {
            break;
          }
        }
        Thread.sleep(10);
      }
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook saves anything
      writer.join(10_000);
    } finally {
      server.destroyForcibly();
    }
    assertTrue(acknowledged.size() >= 100, "acknowledged " + acknowledged.size());
    Set<String> stored = new HashSet<>();
    java.util.Map<List<String>, Long> storedClicks = new java.util.HashMap<>();
    try (FileEventLog log = FileEventLog.open(events)) {
      log.scan(e -> {
        stored.add(e.requestId());
        storedClicks.merge(List.of(queryOf.get(e.requestId()), e.itemId()), 1L, Long::sum);
      });
    }
    synchronized (acknowledged) {
      for (String id : acknowledged) {
        assertTrue(stored.contains(id), "acknowledged click of " + id + " was lost");
      }
    }
    assertTrue(Files.exists(state.resolve(FunnelLoop.MEMORY_FILE)) && Files.exists(state.resolve(FunnelLoop.BANDIT_FILE)), "autosaved state");
    long decisions = decisionLines(state);
    long saved = dev.funnel.bandit.BanditService.load(state.resolve(FunnelLoop.BANDIT_FILE)).savedDecisionLogLines();
    assertTrue(decisions >= 100 && saved >= 0 && saved <= decisions, "decision log " + decisions + " lines, saved state holds " + saved);
    try (ServerAssembly again = new ServerAssembly(index, events, state, null, null, new LoopSettings().config())) {
      assertEveryStoredClickLearnedOnce(again, storedClicks);
      assertEquals(decisions - saved, ((Number) again.recovery().get("bandit_replayed")).longValue(), again.recovery().toString());
      assertEquals(decisions, again.loop().funnel().bandit().updates(), "every logged reward learned exactly once; recovery " + again.recovery());
      assertStrategyStatisticsOfTheLog(again, state);
    }
    // without its state the bandit learns the whole decision log, once
    Files.delete(state.resolve(FunnelLoop.BANDIT_FILE));
    long all = decisionLines(state);
    try (ServerAssembly again = new ServerAssembly(index, events, state, null, null, new LoopSettings().config())) {
      assertEquals(all, ((Number) again.recovery().get("bandit_replayed")).longValue(), again.recovery().toString());
      assertEquals(all, again.loop().funnel().bandit().updates());
      assertStrategyStatisticsOfTheLog(again, state);
    }
    // without any snapshot the whole log is replayed, to the same memory
    Files.delete(state.resolve(FunnelLoop.MEMORY_FILE));
    Files.delete(state.resolve(FunnelLoop.QU_FILE));
    Files.delete(state.resolve(FunnelLoop.OFFSETS_FILE));
    try (ServerAssembly again = new ServerAssembly(index, events, state, null, null, new LoopSettings().config())) {
      assertEquals(storedClicks.values().stream().mapToLong(Long::longValue).sum(), ((Number) again.recovery().get("memory_replayed")).longValue(),
          again.recovery().toString());
      assertEveryStoredClickLearnedOnce(again, storedClicks);
    }
  }

  /** Decisions in the decision log (a last line cut by the kill is not one). */
  static long decisionLines(Path state) throws java.io.IOException {
    long n = 0;
    for (String line : Files.readAllLines(state.resolve(FunnelLoop.DECISION_LOG))) {
      try {
        dev.funnel.bandit.ope.FunnelLog.parseLine(line, "decision log");
        n++;
      } catch (dev.funnel.core.InvalidInputException e) {
        // cut by the kill
      }
    }
    return n;
  }

  /**
   * The restarted bandit's strategy statistics equal those of an uninterrupted run over the
   * decision log: every logged decision's credit shares recorded once, in log order, into fresh
   * statistics (bit for bit: the saved state holds the first lines' statistics, replay adds the
   * rest in the same order). Some decision was rewarded, so the statistics are not all zero.
   */
  static void assertStrategyStatisticsOfTheLog(ServerAssembly server, Path state) throws java.io.IOException {
    dev.funnel.bandit.StrategyStats restored = server.loop().funnel().bandit().stats();
    dev.funnel.bandit.StrategyStats uninterrupted = new dev.funnel.bandit.StrategyStats(restored.strategies(), restored.halfLife());
    long withShares = 0;
    for (String line : Files.readAllLines(state.resolve(FunnelLoop.DECISION_LOG))) {
      dev.funnel.bandit.LoggedDecision d;
      try {
        d = dev.funnel.bandit.ope.FunnelLog.parseLine(line, "decision log");
      } catch (dev.funnel.core.InvalidInputException e) {
        continue; // cut by the kill
      }
      assertTrue(d.shares() != null, "every decision of this version is logged with its credit shares: " + line);
      uninterrupted.record(d.action(), d.shares());
      withShares++;
    }
    assertEquals(0L, ((Number) server.recovery().get("bandit_replayed_without_shares")).longValue(), server.recovery().toString());
    assertTrue(withShares > 0 && java.util.Arrays.stream(restored.means()).anyMatch(m -> m > 0), "rewarded strategies " + restored.snapshot());
    assertEquals(uninterrupted.snapshot(), restored.snapshot(), "strategy statistics after restart; recovery " + server.recovery());
  }

  static void assertEveryStoredClickLearnedOnce(ServerAssembly server, java.util.Map<List<String>, Long> storedClicks) {
    assertTrue(!storedClicks.isEmpty());
    storedClicks.forEach((pair, n) -> assertEquals(n.longValue(), server.loop().memory().stats(pair.get(0), pair.get(1)).clicks(),
        "clicks on " + pair + " after restart; recovery " + server.recovery()));
  }
}
