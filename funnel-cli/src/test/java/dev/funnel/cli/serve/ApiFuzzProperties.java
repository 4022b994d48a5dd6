package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The HTTP JSON API of an assembled server on random and mutated requests: valid search and
 * event bodies with one field dropped, retyped or given an odd value, random bytes, and odd
 * related-items paths all get a 2xx or a 4xx whose JSON error names the field, never a 5xx, and
 * each within the client's timeout (no hang).
 */
class ApiFuzzProperties {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static Path dir;
  static ServerAssembly server;
  static String base;

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("funnel-api-fuzz");
    List<String> lines = new ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool"};
    for (int i = 0; i < 60; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[i % 8] + " " + words[(i / 8) % 8] + "\", \"brand\": \"b" + i % 3 + "\", \"price\": " + i + "}");
    }
    Files.write(dir.resolve("catalog.jsonl"), lines);
    assertEquals(0, FunnelCli.commandLine().execute("index", "--input", dir.resolve("catalog.jsonl").toString(), "--index", dir.resolve("index").toString(),
        "--text-fields", "title", "--keyword-fields", "brand", "--numeric-fields", "price", "--no-vectors"));
    server = new ServerAssembly(dir.resolve("index"), dir.resolve("events"), dir.resolve("state"), null, null, new LoopSettings().config());
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterContainer
  static void stop() throws Exception {
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Arbitrary<String> oddValues() {
    return Arbitraries.oneOf(Arbitraries.of("null", "true", "[]", "{}", "0", "-1", "1e400", "2147483648", "9223372036854775808", "0.5", "\"\"",
        "\" \"", "\"\\u0000\"", "\"NaN\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", "{\"a\": {\"b\": {\"c\": []}}}", "[\"x\", 1, null]",
        "\"" + "z".repeat(3000) + "\"", "\"" + "w ".repeat(100) + "\""),
        Arbitraries.strings().ofMaxLength(30).map(s -> {
          try {
            return JSON.writeValueAsString(s);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
  }

  static final String SEARCH = "{\"query\": \"red mug\", \"k\": 5, \"filters\": {\"brand\": \"b1\"}, \"user\": \"u1\", \"session\": \"s1\","
      + " \"segment\": \"web\", \"seed_items\": [\"p1\"], \"strategies\": [\"bm25\"], \"ranking\": \"learned\", \"decision\": {\"min_precision\": 0.5}}";
  static final String EVENT = "{\"type\": \"click\", \"request_id\": \"r1\", \"item_id\": \"p1\", \"position\": 1, \"timestamp\": \"2026-11-01T00:00:00Z\","
      + " \"user_id\": \"u1\", \"session_id\": \"s1\", \"query\": \"red\"}";

  /** A valid body with one field dropped or replaced, or a cut, or random text. */
  static Arbitrary<String> mutated(String valid) throws Exception {
    JsonNode n = JSON.readTree(valid);
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    Arbitrary<String> edit = Combinators.combine(Arbitraries.of(fields), oddValues(), Arbitraries.of(true, false)).as((field, value, drop) -> {
      try {
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(valid);
        if (drop) {
          m.remove(field);
        } else {
          m.set(field, JSON.readTree(value));
        }
        return JSON.writeValueAsString(m);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Arbitrary<String> cut = Arbitraries.integers().between(0, valid.length()).map(i -> valid.substring(0, i));
    return Arbitraries.oneOf(edit, edit, cut, Arbitraries.strings().ofMaxLength(40), Arbitraries.of("[" + valid + "," + valid + "]", "{\"events\": [" + valid + ", 3]}"));
  }

  @Provide
  Arbitrary<String> searchBodies() throws Exception {
    return mutated(SEARCH);
  }

  @Provide
  Arbitrary<String> eventBodies() throws Exception {
    return mutated(EVENT);
  }

  static void assertClientError(HttpResponse<String> r, String what) throws Exception {
    assertTrue(r.statusCode() < 500, r.statusCode() + " for " + what + ": " + r.body());
    if (r.statusCode() >= 400) {
      JsonNode err = JSON.readTree(r.body());
      assertTrue(err.hasNonNull("error"), "an error message: " + r.body());
      assertTrue(err.hasNonNull("field"), "the error names the field: " + r.body() + " for " + what);
    }
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Property(tries = 300, seed = "20261203")
  void searchBodiesGetA2xxOrANamed4xx(@ForAll("searchBodies") String body) throws Exception {
    assertClientError(post("/search", body), body);
  }

  @Property(tries = 300, seed = "20261203")
  void eventBodiesGetA2xxOrANamed4xx(@ForAll("eventBodies") String body) throws Exception {
    assertClientError(post("/events", body), body);
  }

  @Property(tries = 100, seed = "20261203")
  void relatedPathsGetANamed4xx(@ForAll("odd") String item, @ForAll("odd") String k) throws Exception {
    String path = "/related/" + URLEncoder.encode(item, StandardCharsets.UTF_8).replace("+", "%20") + "?k=" + URLEncoder.encode(k, StandardCharsets.UTF_8);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertClientError(r, path);
  }

  @Provide
  Arbitrary<String> odd() {
    return oddValues();
  }
}
