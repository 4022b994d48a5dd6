package dev.funnel.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Edges from Amazon product metadata (Amazon Review Data 2018, Ni, Li and McAuley): one JSON
 * object per line with {@code asin} and {@code also_buy} (a list of asins). Every product of the
 * file becomes a node; an edge {@code asin -> b} is added for each {@code b} in {@code also_buy}
 * that is itself a product of the file, so every node maps to a catalog item that can be served.
 */
public final class AmazonAlsoBuy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AmazonAlsoBuy() {}

  public static Graph read(Path file) throws IOException {
    record Row(String asin, List<String> alsoBuy) {}
    List<Row> rows = new ArrayList<>();
    String name = file.getFileName().toString();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
        StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String where = name + ":" + lineNo;
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new InvalidInputException(where, "line", line, "expected a JSON object");
        }
        JsonNode asin = n.get("asin");
        if (asin == null || !asin.isTextual() || asin.asText().isBlank()) {
          throw new InvalidInputException(where, "asin", asin == null ? null : asin.toString(), "expected a product id");
        }
        List<String> also = new ArrayList<>();
        JsonNode ab = n.get("also_buy");
        if (ab != null && !ab.isNull()) {
          if (!ab.isArray()) {
            throw new InvalidInputException(where, "also_buy", ab.toString(), "expected an array of asins");
          }
          for (int i = 0; i < ab.size(); i++) {
            if (!ab.get(i).isTextual()) {
              throw new InvalidInputException(where, "also_buy[" + i + "]", ab.get(i).toString(), "expected an asin");
            }
            also.add(ab.get(i).asText());
          }
        }
        rows.add(new Row(asin.asText(), also));
      }
    }
    EdgeList edges = new EdgeList();
    Set<String> catalog = new HashSet<>();
    for (Row r : rows) {
      edges.node(r.asin());
      catalog.add(r.asin());
    }
    for (Row r : rows) {
      for (String b : r.alsoBuy()) {
        if (catalog.contains(b)) {
          edges.add(r.asin(), b, 1f);
        }
      }
    }
    return edges.toGraph();
  }
}
