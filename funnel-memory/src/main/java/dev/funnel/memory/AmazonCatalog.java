package dev.funnel.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads Amazon Review Data 2018 product metadata ({@code meta_*.json.gz}, one JSON object per
 * line: asin, title, brand, category list, description list, price) into {@link Item}s: text
 * fields {@code title} and {@code description} (HTML tags removed), keyword fields {@code brand}
 * and {@code category}, numeric field {@code price} when it parses. The category lists of this
 * crawl mix real category names with product bullet points; a category entry is kept only when
 * it looks like a name: at most 4 words, no HTML, not ending with sentence punctuation. Repeated
 * asins keep their first record.
 */
public final class AmazonCatalog {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AmazonCatalog() {}

  public static List<Item> load(Path file) throws IOException {
    Map<String, Item> items = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
        StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          throw new InvalidInputException(file + ":" + lineNo, "line", line, "expected a JSON object");
        }
        String asin = n.path("asin").asText("");
        if (asin.isBlank()) {
          throw new InvalidInputException(file + ":" + lineNo, "asin", asin, "expected a product id");
        }
        if (!items.containsKey(asin)) {
          items.put(asin, toItem(asin, n));
        }
      }
    }
    return List.copyOf(items.values());
  }

  private static Item toItem(String asin, JsonNode n) {
    Map<String, String> text = new TreeMap<>();
    String title = clean(n.path("title").asText(""));
    if (!title.isEmpty()) {
      text.put("title", title);
    }
    List<String> description = new ArrayList<>();
    n.path("description").forEach(d -> description.add(clean(d.asText(""))));
    String desc = String.join(" ", description).trim();
    if (!desc.isEmpty()) {
      text.put("description", desc);
    }
    Map<String, List<String>> keywords = new TreeMap<>();
    String brand = clean(n.path("brand").asText(""));
    if (!brand.isEmpty()) {
      keywords.put("brand", List.of(brand));
    }
    Set<String> categories = new LinkedHashSet<>();
    n.path("category").forEach(c -> {
      String raw = c.asText("");
      String v = clean(raw);
      if (!v.isEmpty() && !raw.contains("<") && v.split("\\s+").length <= 4 && !v.matches(".*[.!?]$")) {
        categories.add(v);
      }
    });
    if (!categories.isEmpty()) {
      keywords.put("category", List.copyOf(categories));
    }
    Map<String, Double> numbers = new TreeMap<>();
    String price = n.path("price").asText("").replace("$", "").replace(",", "").trim();
    if (price.matches("\\d+(\\.\\d+)?")) {
      numbers.put("price", Double.parseDouble(price));
    }
    return new Item(asin, text, keywords, numbers);
  }

  private static String clean(String s) {
    return TAG.matcher(s).replaceAll(" ").replace("&amp;", "&").replaceAll("\\s+", " ").trim();
  }
}
