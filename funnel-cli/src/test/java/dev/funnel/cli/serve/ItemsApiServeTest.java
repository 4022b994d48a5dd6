package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT/POST/DELETE /items} on the served API of a catalog with MiniLM vectors and a BLADE
 * graph: a new item is found by bm25, dense, hybrid, memory (its predicted queries) and
 * structured in the first search after the acknowledgement, and query understanding reads its new
 * brand; a deleted item is never served again by any strategy (graph and {@code /related}
 * included); bad records get 400s naming the field and the value and write nothing; a restart
 * keeps every update.
 */
class ItemsApiServeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final List<String> STRATEGIES = List.of("bm25", "dense", "hybrid", "memory", "structured");
  @TempDir Path dir;

  static void cli(String... args) {
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(0, cl.execute(args), String.join(" ", args) + "\n" + err);
  }

  static JsonNode send(HttpRequest.Builder b, int status) throws Exception {
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  static JsonNode call(String base, String method, String path, String body, int status) throws Exception {
    HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, p), status);
  }

  static List<String> found(String base, String body) throws Exception {
    List<String> ids = new ArrayList<>();
    call(base, "POST", "/search", body, 200).get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }

  static List<String> found(String base, String strategy, String query) throws Exception {
    return found(base, "{\"query\": " + JSON.writeValueAsString(query) + ", \"strategies\": [\"" + strategy + "\"], \"k\": 20}");
  }

  /** A catalog of 120 products with brands, categories and prices; edges i -> i+1 and i -> i+7 for the graph. */
  static List<String> catalog(Path file, Path edges) throws Exception {
    String[] colors = {"red", "blue", "green"};
    String[] nouns = {"mug", "lamp", "chair", "kettle", "backpack", "notebook", "blanket", "umbrella", "pencil", "candle"};
    String[] adj = {"ceramic", "wooden", "waterproof", "soft", "steel", "vintage", "compact", "handmade"};
    SplittableRandom r = new SplittableRandom(7);
    List<String> titles = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<String> graph = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String title = adj[r.nextInt(adj.length)] + " " + colors[r.nextInt(colors.length)] + " " + nouns[i % nouns.length];
      titles.add(title);
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + title + "\", \"description\": \"Model " + i + " for home and office.\", \"brand\": \"b"
          + i % 4 + "\", \"category\": \"c" + i % 3 + "\", \"price\": " + (5 + i) + "}");
      graph.add("p" + i + "\tp" + (i + 1) % 120);
      graph.add("p" + i + "\tp" + (i + 7) % 120);
    }
    Files.write(file, lines);
    Files.write(edges, graph);
    return titles;
  }

  @Test
  void itemsAreSearchableAtTheAcknowledgementAndDeletedItemsAreNeverServed() throws Exception {
    Path file = dir.resolve("catalog.jsonl");
    Path edges = dir.resolve("edges.tsv");
    List<String> titles = catalog(file, edges);
    Path index = dir.resolve("index");
    cli("index", "--input", file.toString(), "--index", index.toString(), "--text-fields", "title,description",
        "--keyword-fields", "brand,category", "--numeric-fields", "price");
    Path graph = dir.resolve("related.model");
    cli("train", "graph", "--edges", edges.toString(), "--epochs", "1", "--dim", "8", "--seed", "2", "--out", graph.toString());
    LoopSettings settings = new LoopSettings();
    settings.itemCommitEvery = "1h"; // nothing committed before the clean stop: the restart below reads the commit of close()
    Path events = dir.resolve("events");
    Path state = dir.resolve("state");
    try (ServerAssembly server = new ServerAssembly(index, events, state, graph, null, settings.config())) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);

      // a new item, with a brand query understanding has never seen
      String title = "zeppelin harmonica";
      assertTrue(call(base, "POST", "/search", "{\"query\": \"zephyrix\"}", 200).get("interpretation").get("filters").isEmpty());
      for (String s : STRATEGIES) {
        assertFalse(found(base, s, title).contains("zz-1"), s);
      }
      long t0 = System.nanoTime();
      JsonNode put = call(base, "PUT", "/items/zz-1", "{\"title\": \"" + title + "\", \"description\": \"Brass reeds, key of C.\", \"brand\": \"Zephyrix\", "
          + "\"category\": \"music\", \"price\": \"19.50\"}", 200);
      assertEquals(1, put.get("added").asInt(), put.toString());
      // searchable by every strategy in the first search after the 2xx (the answer waits for the near-real-time reader)
      for (String s : STRATEGIES) {
        assertTrue(found(base, s, title).contains("zz-1"), s + " finds the new item right after the acknowledgement");
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      System.out.println("item put -> found by " + STRATEGIES + ": " + ms + " ms");
      JsonNode brand = call(base, "POST", "/search", "{\"query\": \"zephyrix\"}", 200).get("interpretation").get("filters");
      assertEquals("Zephyrix", brand.path("brand").asText(), "query understanding reads the new brand: " + brand);
      JsonNode stored = call(base, "GET", "/items/zz-1", null, 200);
      assertEquals(19.5, stored.get("numbers").get("price").asDouble());
      assertEquals(List.of("zz-1"), found(base, "{\"query\": \"harmonica\", \"strategies\": [\"bm25\"], \"filters\": {\"brand\": \"Zephyrix\"}}"));

      // a batch: two new items and a replacement
      JsonNode batch = call(base, "POST", "/items", "{\"items\": [{\"id\": \"zz-2\", \"title\": \"ocarina of clay\"}, "
          + "{\"id\": \"zz-3\", \"title\": \"theremin kit\"}, {\"id\": \"p20\", \"title\": \"glockenspiel deluxe\", \"brand\": \"b0\"}]}", 200);
      assertEquals(2, batch.get("added").asInt(), batch.toString());
      assertEquals(1, batch.get("replaced").asInt(), batch.toString());
      assertEquals(List.of("p20"), found(base, "bm25", "glockenspiel"));
      assertFalse(found(base, "bm25", titles.get(20)).contains("p20"), "the replaced title and description find p20 no more");
      assertEquals("zz-3", found(base, "dense", "theremin kit").get(0));

      // delete p10, a graph neighbour of p9 (edge p9 -> p10) and p3 (edge p3 -> p10)
      String victim = "p10";
      String t10 = titles.get(10);
      for (String s : STRATEGIES) {
        assertTrue(found(base, s, t10).contains(victim), s + " serves " + victim + " before the delete");
      }
      String graphQuery = "{\"query\": \"" + t10 + "\", \"strategies\": [\"graph\"], \"seed_items\": [\"p9\", \"p3\"], \"k\": 100}";
      assertTrue(found(base, graphQuery).contains(victim), "graph serves " + victim + " before the delete");
      List<String> related = new ArrayList<>();
      call(base, "GET", "/related/p9?k=119", null, 200).get("items").forEach(i -> related.add(i.get("id").asText()));
      assertTrue(related.contains(victim));
      JsonNode del = call(base, "DELETE", "/items/" + victim, null, 200);
      assertEquals(1, del.get("deleted").asInt());
      for (String s : STRATEGIES) {
        assertFalse(found(base, s, t10).contains(victim), s + " never serves a deleted item");
      }
      assertFalse(found(base, graphQuery).contains(victim), "graph never serves a deleted item");
      related.clear();
      call(base, "GET", "/related/p9?k=119", null, 200).get("items").forEach(i -> related.add(i.get("id").asText()));
      assertFalse(related.contains(victim), "/related never serves a deleted item");
      assertEquals(119 - 1, related.size(), "the next related items fill the gap");
      call(base, "GET", "/related/" + victim, null, 404);
      call(base, "GET", "/items/" + victim, null, 404);
      call(base, "DELETE", "/items/" + victim, null, 404);
      for (int i = 0; i < 30; i++) {
        // the full funnel, whatever strategies the bandit chooses
        assertFalse(found(base, "{\"query\": \"" + t10 + "\", \"k\": 50}").contains(victim), "full funnel, search " + i);
      }

      // bad records: 400 naming field and value, nothing written
      long records = call(base, "GET", "/health", null, 200).get("item_updates").get("journal_records").asLong();
      JsonNode price = call(base, "PUT", "/items/bad-1", "{\"title\": \"x\", \"price\": \"cheap\"}", 400);
      assertEquals("price", price.get("field").asText(), price.toString());
      assertEquals("cheap", price.get("value").asText(), price.toString());
      JsonNode second = call(base, "POST", "/items", "[{\"id\": \"ok-1\", \"title\": \"fine\"}, {\"id\": \"bad-2\", \"price\": 3}]", 400);
      assertEquals("items[1].title", second.get("field").asText(), second.toString());
      call(base, "GET", "/items/ok-1", null, 404);
      JsonNode mismatch = call(base, "PUT", "/items/a-1", "{\"id\": \"b-1\", \"title\": \"t\"}", 400);
      assertEquals("id", mismatch.get("field").asText());
      assertEquals("items", call(base, "POST", "/items", "{\"items\": []}", 400).get("field").asText());
      assertEquals(records, call(base, "GET", "/health", null, 200).get("item_updates").get("journal_records").asLong());
    }
    // a clean stop commits; the restart replays nothing and serves every update
    try (ServerAssembly again = new ServerAssembly(index, events, state, graph, null, settings.config())) {
      String base = "http://127.0.0.1:" + again.start("127.0.0.1", 0);
      JsonNode updates = call(base, "GET", "/health", null, 200).get("item_updates");
      assertEquals(0, updates.get("recovery").get("replayed_records").asLong(), updates.toString());
      assertEquals(3, updates.get("journal_records").asLong(), updates.toString());
      assertEquals(122, call(base, "GET", "/health", null, 200).get("items").asInt());
      assertTrue(found(base, "memory", "zeppelin harmonica").contains("zz-1"), "predicted queries of updated items survive the restart");
      assertEquals("Zephyrix", call(base, "POST", "/search", "{\"query\": \"zephyrix\"}", 200).get("interpretation").get("filters").path("brand").asText());
      for (String s : STRATEGIES) {
        assertFalse(found(base, s, titles.get(10)).contains("p10"), s);
      }
    }
  }
}
