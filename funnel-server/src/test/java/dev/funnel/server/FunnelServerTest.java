package dev.funnel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelServerTest {
  @Test
  void healthAndNamedErrors() throws Exception {
    ApiModule echo = app -> app.post("/echo", ctx -> {
      JsonNode body = Requests.object(ctx);
      ctx.json(Map.of("k", Requests.optionalInt(body, "k", 10, 1, 100)));
    });
    try (FunnelServer s = new FunnelServer(List.of(echo), Map.of("items", 3))) {
      int port = s.start("127.0.0.1", 0);
      HttpClient c = HttpClient.newHttpClient();
      HttpResponse<String> h = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, h.statusCode());
      assertTrue(h.body().contains("\"items\":3"));
      HttpResponse<String> bad = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"k\": 0}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode());
      JsonNode err = Requests.JSON.readTree(bad.body());
      assertEquals("k", err.get("field").asText());
      assertEquals("0", err.get("value").asText());
      HttpResponse<String> notJson = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
          .POST(HttpRequest.BodyPublishers.ofString("{oops")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, notJson.statusCode());
      assertEquals("body", Requests.JSON.readTree(notJson.body()).get("field").asText());
    }
  }
}
