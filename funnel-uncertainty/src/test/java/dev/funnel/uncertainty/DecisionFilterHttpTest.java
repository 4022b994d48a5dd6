package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.Requests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision policy end to end: model file -> filter -> HTTP endpoint on a real server. */
class DecisionFilterHttpTest {
  @Test
  void searchKeepsOnlyItemsMeetingTheRequestedPrecision(@TempDir Path dir) throws Exception {
    SyntheticGenerator g = SyntheticGenerator.defaults();
    FeatureTable train = g.features(5000, 21);
    FeatureTable val = g.features(5000, 22);
    Path file = dir.resolve("model.json");
    try (BootstrapEnsemble e = new EnsembleConfig(3, 20, 1).train(train, 7)) {
      ScoredSet v = e.score(val.features(), val.labels());
      List<ThresholdTable> tables = new ArrayList<>();
      for (double p : new double[] {0.7, 0.8}) {
        tables.add(new DpThresholds().fit(v, p, 4));
      }
      new ScoredModel(e, train.names(), new DecisionPolicy("dp", tables), dev.funnel.core.io.FileProvenance.of(List.of("decision filter test"), Map.of(), Map.of(), null)).write(file);
    }
    FeatureTable items = g.features(200, 23);
    try (ScoredModel model = ScoredModel.read(file)) {
      assertTrue(model.policy().tableFor(0.8).reachable());
      DecisionFilter filter = new DecisionFilter(model);
      ApiModule search = app -> app.post("/search", ctx -> {
        JsonNode body = Requests.object(ctx);
        List<DecisionFilter.Item> in = new ArrayList<>();
        for (JsonNode it : body.get("items")) {
          float[] f = new float[it.get("features").size()];
          for (int i = 0; i < f.length; i++) {
            f[i] = (float) it.get("features").get(i).asDouble();
          }
          in.add(new DecisionFilter.Item(it.get("id").asText(), f));
        }
        OptionalDouble p = requestedPrecision(body);
        List<Map<String, Object>> out = new ArrayList<>();
        if (p.isPresent()) {
          for (DecisionFilter.Kept k : filter.filter(in, p.getAsDouble())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", k.itemId());
            m.put("score", k.score());
            m.put("uncertainty", k.uncertainty());
            m.put("threshold", k.threshold());
            out.add(m);
          }
        } else {
          in.forEach(i -> out.add(Map.of("id", i.itemId())));
        }
        ctx.json(Map.of("items", out));
      });
      try (FunnelServer server = new FunnelServer(List.of(search), Map.of())) {
        int port = server.start("127.0.0.1", 0);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < items.labels().length; i++) {
          float[] f = items.features()[i];
          list.append(i == 0 ? "" : ",").append("{\"id\":\"i").append(i).append("\",\"features\":[").append(f[0]).append(',').append(f[1]).append("]}");
        }
        JsonNode all = post(port, "{\"items\":[" + list + "]}", 200);
        assertEquals(200, all.get("items").size());
        for (double p : new double[] {0.7, 0.8}) {
          JsonNode kept = post(port, "{\"items\":[" + list + "],\"decision\":{\"min_precision\":" + p + "}}", 200);
          ThresholdTable t = model.policy().tableFor(p);
          int expected = 0;
          for (int i = 0; i < items.labels().length; i++) {
            Estimate e = model.scorer().estimate(items.features()[i]);
            expected += t.accept(e.score(), e.uncertainty()) ? 1 : 0;
          }
          assertEquals(expected, kept.get("items").size(), "min_precision " + p);
          assertTrue(expected > 0 && expected < 200, "the filter should keep some but not all items, kept " + expected);
          for (JsonNode k : kept.get("items")) {
            assertTrue(k.get("score").asDouble() >= k.get("threshold").asDouble());
            assertEquals(t.thresholdFor(k.get("uncertainty").asDouble()), k.get("threshold").asDouble(), 1e-12);
          }
        }
        JsonNode stricter = post(port, "{\"items\":[" + list + "],\"decision\":{\"min_precision\":0.8}}", 200);
        JsonNode laxer = post(port, "{\"items\":[" + list + "],\"decision\":{\"min_precision\":0.7}}", 200);
        assertTrue(stricter.get("items").size() <= laxer.get("items").size());
        JsonNode tooHigh = post(port, "{\"items\":[" + list + "],\"decision\":{\"min_precision\":0.99}}", 400);
        assertEquals("precision", tooHigh.get("field").asText());
        JsonNode bad = post(port, "{\"items\":[],\"decision\":{\"min_precision\":1.5}}", 400);
        assertEquals("decision.min_precision", bad.get("field").asText());
      }
    }
  }

  private static JsonNode post(int port, String body, int status) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/search"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return Requests.JSON.readTree(r.body());
  }

  /** The test endpoint's {@code decision.min_precision} (serving parses it in its typed request; this endpoint is the test's own). */
  static OptionalDouble requestedPrecision(JsonNode body) {
    JsonNode d = body.get("decision");
    if (d == null || d.isNull()) {
      return OptionalDouble.empty();
    }
    JsonNode p = d.get("min_precision");
    if (!d.isObject() || p == null || !p.isNumber() || !(p.asDouble() > 0 && p.asDouble() <= 1)) {
      throw new dev.funnel.core.InvalidInputException("decision.min_precision", p == null ? d.toString() : p.toString(), "expected a precision in (0, 1]");
    }
    return OptionalDouble.of(p.asDouble());
  }
}
