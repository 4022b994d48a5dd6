package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.Candidate;
import dev.funnel.core.Context;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Query;
import dev.funnel.core.util.SharedData;
import dev.funnel.server.FunnelServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the Amazon gift-card catalog (also_buy edges): a BLADE model trained once, its
 * asymmetry, saving/loading, the /related API on a real server and the graph retriever.
 */
class AmazonRelatedTest {
  private static final long SEED = 7;
  private static Graph graph;
  private static GraphModel model;
  private static RelatedItems related;

  @BeforeAll
  static void train() {
    Path meta = SharedData.resolve("catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz").orElse(null);
    Assumptions.assumeTrue(meta != null, "shared data folder absent");
    try {
      graph = AmazonAlsoBuy.fromItems(dev.funnel.retrieval.CatalogReaders.readAmazon(meta));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    GnnConfig cfg = GnnConfig.blade().withDim(32).withEpochs(12);
    model = BladeTraining.train(graph, cfg, SEED, "amazon_gift_cards", false);
    related = new RelatedItems(model);
  }

  @AfterAll
  static void close() throws IOException {
    if (related != null) {
      related.close();
    }
  }

  @Test
  void catalogGraphHasTheExpectedShape() {
    assertEquals(1547, graph.nodeCount());
    assertEquals(5993, graph.edgeCount());
  }

  @Test
  void relatedItemsAreAsymmetric() {
    // For also_buy edges U -> V without V -> U: V should rank higher among U's related items
    // than U among V's.
    LinkScorer s = model.embeddings();
    float[] scores = new float[graph.nodeCount()];
    int pairs = 0;
    int forwardBetter = 0;
    for (int u = 0; u < graph.nodeCount(); u++) {
      for (int i = 0; i < graph.outDegree(u); i++) {
        int v = graph.out(u, i);
        if (graph.hasEdge(v, u)) {
          continue;
        }
        s.scoreAll(u, scores);
        double rankVforU = rankAmongAll(scores, u, v);
        s.scoreAll(v, scores);
        double rankUforV = rankAmongAll(scores, v, u);
        pairs++;
        if (rankVforU < rankUforV) {
          forwardBetter++;
        }
      }
    }
    assertTrue(pairs > 4000, "non-reciprocal pairs: " + pairs);
    double share = forwardBetter / (double) pairs;
    assertTrue(share > 0.85, "V ranks above U in only " + share + " of " + pairs + " pairs, seed " + SEED);
  }

  private static double rankAmongAll(float[] scores, int query, int target) {
    int greater = 0;
    for (int w = 0; w < scores.length; w++) {
      if (w != query && scores[w] > scores[target]) {
        greater++;
      }
    }
    return 1 + greater;
  }

  @Test
  void relatedExcludesTheItemAndIsSortedByExactScore() {
    String item = mostLinkedItem();
    List<Candidate> cs = related.related(item, 10);
    assertEquals(10, cs.size());
    int u = model.indexOf(item);
    for (int i = 0; i < cs.size(); i++) {
      Candidate c = cs.get(i);
      assertFalse(c.itemId().equals(item));
      assertEquals(i + 1, c.provenance().get(0).rank());
      assertEquals("graph", c.provenance().get(0).strategy());
      assertEquals(model.embeddings().score(u, model.indexOf(c.itemId())), c.score(), 1e-5);
      if (i > 0) {
        assertTrue(cs.get(i - 1).score() >= c.score());
      }
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> related.related("NOPE", 10));
    assertEquals("item", e.field());
  }

  @Test
  void modelSavesAndLoadsWithProvenance(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("m.bin");
    model.save(f);
    GraphModel back = GraphModel.load(f);
    assertEquals(model.nodeCount(), back.nodeCount());
    assertEquals(model.embeddings().score(3, 9), back.embeddings().score(3, 9), 0.0);
    assertEquals(SEED, back.provenance().seed());
    assertTrue(back.report().containsKey("validation"));
    assertTrue(back.provenance().parameters().containsKey("config"));
    assertEquals(dev.funnel.core.io.BuildInfo.current().funnelVersion(), back.provenance().funnelVersion());
    Path junk = Files.writeString(dir.resolve("junk.bin"), "not a model");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> GraphModel.load(junk));
    assertTrue(e.getMessage().contains("junk.bin"), e.getMessage());
    byte[] bytes = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThrows(InvalidInputException.class, () -> GraphModel.load(cut));
  }

  @Test
  void relatedEndpointOnARealServer() throws Exception {
    String item = mostLinkedItem();
    try (FunnelServer server = new FunnelServer(List.of(new RelatedApi(related)), Map.of())) {
      int port = server.start("127.0.0.1", 0);
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      HttpResponse<String> ok = get(http, port, "/related/" + item + "?k=5");
      assertEquals(200, ok.statusCode(), ok.body());
      JsonNode body = json.readTree(ok.body());
      assertEquals(5, body.get("items").size());
      JsonNode first = body.get("items").get(0);
      assertEquals(1, first.get("rank").asInt());
      assertEquals("graph", first.get("provenance").get(0).get("strategy").asText());
      assertEquals(related.related(item, 5).get(0).itemId(), first.get("id").asText());
      assertEquals(10, json.readTree(get(http, port, "/related/" + item).body()).get("items").size(), "default k");

      HttpResponse<String> missing = get(http, port, "/related/NOPE?k=5");
      assertEquals(404, missing.statusCode());
      assertEquals("item", json.readTree(missing.body()).get("field").asText());
      assertTrue(missing.body().contains("NOPE"));
      for (String bad : List.of("0", "abc", "100000")) {
        HttpResponse<String> r = get(http, port, "/related/" + item + "?k=" + bad);
        assertEquals(400, r.statusCode(), "k=" + bad);
        assertEquals("k", json.readTree(r.body()).get("field").asText());
      }
    }
  }

  @Test
  void graphRetrieverSumsOverSeeds() {
    GraphRetriever r = new GraphRetriever(related);
    assertEquals("graph", r.name());
    assertTrue(r.retrieve(Query.of("gift"), 10).isEmpty(), "no seeds, no candidates");
    String a = mostLinkedItem();
    String b = related.related(a, 1).get(0).itemId();
    // seeds are a typed input; blanks around ids and unknown ids are skipped
    List<Candidate> cs = r.retrieve(Query.of("gift"), List.of(a, " " + b, "UNKNOWN"), 8);
    assertEquals(8, cs.size());
    for (Candidate c : cs) {
      assertFalse(c.itemId().equals(a) || c.itemId().equals(b), "seeds are not retrieved");
    }
    Candidate top = cs.get(0);
    double expected = 0;
    for (String seed : List.of(a, b)) {
      for (Candidate x : related.related(seed, 10)) {
        if (x.itemId().equals(top.itemId())) {
          expected += x.score();
        }
      }
    }
    assertEquals(expected, top.score(), 1e-6);
  }

  private static String mostLinkedItem() {
    int best = 0;
    for (int u = 0; u < graph.nodeCount(); u++) {
      if (graph.outDegree(u) > graph.outDegree(best)) {
        best = u;
      }
    }
    return graph.id(best);
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
