package dev.funnel.assembly;

import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.rank.Explanation;
import dev.funnel.rank.FeatureSchema;
import dev.funnel.rank.Ranker;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.server.FunnelServer;
import dev.funnel.serving.FunnelConfig;
import dev.funnel.serving.FunnelSearchApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who orders a request that names its strategies: by default the ranker the loop serves (here a
 * stand-in for a trained model that reverses bm25's order), and with {@code "ranking": "fusion"}
 * the strategies' own fused ranks, which for one strategy is that strategy's order.
 */
class SearchRankingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path tmp;
  private static CatalogIndex index;
  private static FunnelLoop loop;
  private static FunnelServer server;
  private static String base;

  /** Scores each candidate by minus its bm25 reciprocal rank: the reverse of bm25's order. */
  record ReverseBm25(FeatureSchema schema) implements Ranker {
    @Override
    public String name() {
      return "reverse-bm25";
    }

    @Override
    public double[] score(List<float[]> rows) {
      int col = schema.indexOf("bm25.rr");
      double[] out = new double[rows.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = -rows.get(i)[col];
      }
      return out;
    }

    @Override
    public List<Explanation> explain(List<float[]> rows) {
      double[] s = score(rows);
      List<Explanation> out = new ArrayList<>();
      for (double v : s) {
        out.add(new Explanation(v, List.of()));
      }
      return out;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    index = TinyShop.index(tmp.resolve("index"));
    loop = LoopAssembly.open(index, index.items(), index::item, null, tmp.resolve("state"),
        LoopOptions.defaults(List.of("bm25", "memory", "structured"), 3).withFunnel(FunnelConfig.defaults(3).withBackgroundRetraining(false)));
    server = new FunnelServer(List.of(new FunnelSearchApi(loop.funnel())), Map.of());
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    loop.close();
    index.close();
  }

  private static JsonNode search(String body, int status) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/search")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  /** The bm25 rank of each served item, in the order served. */
  private static List<Integer> bm25Ranks(JsonNode response) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode item : response.path("items")) {
      for (JsonNode p : item.path("provenance")) {
        if (p.path("strategy").asText().equals("bm25")) {
          out.add(p.path("rank").asInt());
        }
      }
    }
    return out;
  }

  @Test
  void namedStrategiesAreRankedByTheLoopsRankerUnlessFusionIsAsked() throws Exception {
    String query = "{\"query\": \"lamp\", \"k\": 4, \"strategies\": [\"bm25\"]";
    JsonNode before = search(query + "}", 200);
    assertEquals("rrf", before.path("ranker").asText(), "an untrained loop serves reciprocal rank fusion");
    List<Integer> own = bm25Ranks(before);
    assertTrue(own.size() >= 3, before.toString());
    for (int i = 1; i < own.size(); i++) {
      assertTrue(own.get(i - 1) < own.get(i), "fusion of one strategy keeps its order: " + own);
    }

    Ranker previous = loop.funnel().ranking().swap(new ReverseBm25(loop.funnel().ranking().schema()));
    try {
      JsonNode learned = search(query + "}", 200);
      assertEquals("reverse-bm25", learned.path("ranker").asText(), "by default the loop's ranker orders named strategies");
      List<Integer> reversed = bm25Ranks(learned);
      for (int i = 1; i < reversed.size(); i++) {
        assertTrue(reversed.get(i - 1) > reversed.get(i), "the loop's ranker reversed bm25's order: " + reversed);
      }
      assertEquals(learned.path("items").size(), search(query + ", \"ranking\": \"learned\"}", 200).path("items").size());

      JsonNode fusion = search(query + ", \"ranking\": \"fusion\"}", 200);
      assertEquals("rrf", fusion.path("ranker").asText(), "fusion is asked by name");
      assertEquals(own, bm25Ranks(fusion), "fusion gives the strategy's own order whatever the loop learned");
    } finally {
      loop.funnel().ranking().swap(previous);
    }

    JsonNode bad = search(query + ", \"ranking\": \"best\"}", 400);
    assertEquals("ranking", bad.path("field").asText(), bad.toString());
  }
}
