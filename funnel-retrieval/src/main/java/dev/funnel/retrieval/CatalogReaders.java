package dev.funnel.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.io.Inputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalog readers for the supported formats. Each returns a {@link CatalogReader} (an iterator
 * of items that names {@code file:line}, field and value on a malformed record, or skips and
 * counts it with skip-bad). JSON lines and Amazon values go through {@link CatalogCleaning} (HTML
 * to text with jsoup, title fallback, keyword values that are not categories dropped); the
 * reader's {@link ReadReport#quality()} counts what it did per field.
 *
 * <ul>
 *   <li>{@link Format#JSONL}: one JSON object per line and a {@link Mapping} saying which keys
 *       are the id, the text fields (string or list of strings), the keyword fields (string,
 *       number or list) and the numeric fields (number or numeric string);
 *   <li>{@link Format#BEIR}: a BEIR {@code corpus.jsonl} ({@code _id}, {@code title}, {@code
 *       text}), given as the file or its folder;
 *   <li>{@link Format#AMAZON}: Amazon Review Data (2018) product metadata, gzipped JSON lines:
 *       id {@code asin}; text {@code title} and {@code description} (list); keywords {@code
 *       brand}, {@code category}, {@code also_buy}, {@code also_view}; number
 *       {@code price} ({@code "$1,250.00"}; for a range {@code "$10.00 - $25.00"} the lower
 *       bound; anything else is left out and counted); {@code popularity} = the item's number of
 *       reviews in a reviews file when one is given.
 * </ul>
 */
public final class CatalogReaders {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PRICE = Pattern.compile("\\$\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)(?:\\s*-\\s*\\$\\s*[0-9][0-9,]*(?:\\.[0-9]+)?)?");

  private CatalogReaders() {}

  /** Input formats of {@code funnel index --format}. */
  public enum Format {
    JSONL,
    BEIR,
    AMAZON;

    public static Format parse(String s) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(s)) {
          return f;
        }
      }
      throw new InvalidInputException("format", s, "expected one of jsonl, beir, amazon");
    }
  }

  /**
   * Which JSON keys make an item. The popularity field, when set, is read as a numeric field.
   */
  public record Mapping(
      String idField, List<String> textFields, List<String> keywordFields, List<String> numericFields, String popularityField) {
    public Mapping {
      Checks.nonBlank("id-field", idField);
      textFields = List.copyOf(textFields);
      keywordFields = List.copyOf(keywordFields);
      numericFields = List.copyOf(numericFields);
      if (textFields.isEmpty()) {
        throw new InvalidInputException("text-fields", "", "expected at least one text field");
      }
      if (popularityField != null && popularityField.isBlank()) {
        popularityField = null;
      }
    }

    /** BEIR's corpus keys. */
    public static final Mapping BEIR = new Mapping("_id", List.of("title", "text"), List.of(), List.of(), null);

    /** Amazon metadata keys (see the class documentation). */
    public static final Mapping AMAZON =
        new Mapping("asin", List.of("title", "description"), List.of("brand", "category", "also_buy", "also_view"), List.of("price"), "popularity");
  }

  /**
   * Opens a catalog.
   *
   * @param reviews Amazon 5-core reviews file for popularity (only with {@link Format#AMAZON};
   *     may be {@code null})
   */
  public static CatalogReader open(Path input, Format format, Mapping mapping, Path reviews, boolean skipBad) throws IOException {
    if (reviews != null && format != Format.AMAZON) {
      throw new InvalidInputException("reviews", reviews, "expected only with --format amazon");
    }
    return switch (format) {
      case JSONL -> {
        List<String> order = new ArrayList<>(mapping.textFields());
        order.addAll(mapping.keywordFields());
        String pop = mapping.popularityField();
        DataQuality q = new DataQuality(order, pop == null ? null : "field " + pop);
        yield new CatalogReader(existing(input, "input"), (n, left, quality) -> jsonl(n, mapping, true, quality), skipBad, q, pop);
      }
      case BEIR -> new CatalogReader(
          existing(Files.isDirectory(input) ? input.resolve("corpus.jsonl") : input, "input"),
          (n, left, quality) -> jsonl(n, Mapping.BEIR, false, quality), skipBad, new DataQuality(Mapping.BEIR.textFields(), null), null);
      case AMAZON -> {
        Map<String, Long> counts = reviews == null ? null : reviewCounts(existing(reviews, "reviews"));
        List<String> order = new ArrayList<>(Mapping.AMAZON.textFields());
        order.addAll(Mapping.AMAZON.keywordFields());
        DataQuality q = new DataQuality(order, counts == null ? null : "number of reviews in " + reviews.getFileName());
        yield new CatalogReader(existing(input, "input"), (n, left, quality) -> amazon(n, counts, left, quality), skipBad, q,
            counts == null ? null : "popularity");
      }
    };
  }

  /**
   * Every item of a catalog, read exactly as {@code funnel index} reads it (the one reader of
   * each catalog format: {@code index}, {@code serve}, {@code demo}, {@code eval qu}, {@code bench
   * memory} and the graph commands all come through here).
   */
  public static List<Item> readAll(Path input, Format format, Mapping mapping, Path reviews, boolean skipBad) throws IOException {
    List<Item> items = new ArrayList<>();
    try (CatalogReader reader = open(input, format, mapping, reviews, skipBad)) {
      reader.forEachRemaining(items::add);
    }
    return List.copyOf(items);
  }

  /** Every item of an Amazon metadata file (no reviews file, malformed records refused). */
  public static List<Item> readAmazon(Path meta) throws IOException {
    return readAll(meta, Format.AMAZON, Mapping.AMAZON, null, false);
  }

  /** The mapping a format uses: the given one for JSON lines, the fixed one otherwise. */
  public static Mapping mappingFor(Format format, Mapping jsonl) {
    return switch (format) {
      case JSONL -> jsonl;
      case BEIR -> Mapping.BEIR;
      case AMAZON -> Mapping.AMAZON;
    };
  }

  private static Path existing(Path p, String option) {
    if (!Files.isRegularFile(p)) {
      throw new InvalidInputException(option, p, "expected an existing file");
    }
    return p;
  }

  /** A JSON-lines record; {@code clean} runs {@link CatalogCleaning} on every text and keyword value. */
  static Item jsonl(JsonNode n, Mapping m, boolean clean, DataQuality q) {
    String id = id(n, m.idField());
    Map<String, String> text = texts(n, m.textFields(), clean, q);
    if (text.values().stream().allMatch(String::isBlank)) {
      throw new CatalogReader.BadRecord(m.textFields().get(0), n.get(m.textFields().get(0)), "expected text in at least one of " + m.textFields());
    }
    // The keyword rules read the description; without cleaning or keyword fields it is not needed.
    String description = clean && !m.keywordFields().isEmpty() ? description(text, m.textFields()) : null;
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    for (String f : m.keywordFields()) {
      List<String> v = clean ? cleanKeywords(f, keywords(n, f), description, q) : keywords(n, f);
      if (!v.isEmpty()) {
        keywords.put(f, v);
      }
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    List<String> numeric = new ArrayList<>(m.numericFields());
    if (m.popularityField() != null && !numeric.contains(m.popularityField())) {
      numeric.add(m.popularityField());
    }
    for (String f : numeric) {
      Double v = number(n, f);
      if (v != null) {
        numbers.put(f, v);
      }
    }
    return new Item(id, text, keywords, numbers);
  }

  /**
   * Text fields in order, cleaned when asked; with two or more fields a first field (the title)
   * that is empty after cleaning takes the first sentence of the next non-empty one.
   */
  private static Map<String, String> texts(JsonNode n, List<String> fields, boolean clean, DataQuality q) {
    Map<String, String> text = new LinkedHashMap<>();
    for (String f : fields) {
      String raw = text(n, f);
      String v = raw == null ? null : clean ? CatalogCleaning.text(raw) : raw;
      if (raw != null && clean && !v.equals(raw.strip())) {
        q.cleaned(f, 1);
      }
      if (v != null && !v.isBlank()) {
        text.put(f, v);
      }
    }
    String title = fields.get(0);
    if (clean && fields.size() > 1 && !text.containsKey(title)) {
      for (String f : fields.subList(1, fields.size())) {
        String t = CatalogCleaning.firstSentence(text.get(f));
        if (!t.isEmpty()) {
          LinkedHashMap<String, String> withTitle = new LinkedHashMap<>();
          withTitle.put(title, t);
          withTitle.putAll(text);
          text = withTitle;
          q.fallback(title);
          break;
        }
      }
    }
    for (String f : fields) {
      if (text.containsKey(f)) {
        q.filled(f, 1);
      } else {
        q.empty(f);
      }
    }
    return text;
  }

  /** The lower-cased text of every text field but the first (the title), for the keyword rules. */
  private static String description(Map<String, String> text, List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (String f : fields.subList(1, fields.size())) {
      String v = text.get(f);
      if (v != null) {
        b.append(v).append('\n');
      }
    }
    return b.toString().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
  }

  private static List<String> cleanKeywords(String field, List<String> raw, String description, DataQuality q) {
    CatalogCleaning.Keywords k = CatalogCleaning.keywords(field, raw, description);
    q.cleaned(field, k.cleaned());
    k.dropReasons().forEach(r -> q.dropped(field, r));
    if (k.kept().isEmpty()) {
      q.empty(field);
    } else {
      q.filled(field, 1);
    }
    return k.kept();
  }

  static Item amazon(JsonNode n, Map<String, Long> reviewCounts, Map<String, Long> leftOut, DataQuality q) {
    String id = id(n, "asin");
    Map<String, String> text = texts(n, Mapping.AMAZON.textFields(), true, q);
    if (text.isEmpty()) {
      throw new CatalogReader.BadRecord("title", n.get("title"), "expected a title or a description");
    }
    String description = description(text, Mapping.AMAZON.textFields());
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    for (String f : Mapping.AMAZON.keywordFields()) {
      List<String> v = cleanKeywords(f, keywords(n, f), description, q);
      if (!v.isEmpty()) {
        keywords.put(f, v);
      }
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    String price = text(n, "price");
    if (price != null && !price.isBlank()) {
      Double p = price(CatalogCleaning.text(price));
      if (p == null) {
        leftOut.merge("price: not a price like $25.00", 1L, Long::sum);
      } else {
        numbers.put("price", p);
      }
    }
    if (reviewCounts != null) {
      numbers.put("popularity", (double) reviewCounts.getOrDefault(id, 0L));
    }
    return new Item(id, text, keywords, numbers);
  }

  /** {@code "$1,250.00"} -> 1250.0; a range gives its lower bound; anything else {@code null}. */
  static Double price(String raw) {
    Matcher m = PRICE.matcher(raw.trim());
    if (!m.matches()) {
      return null;
    }
    return Double.parseDouble(m.group(1).replace(",", ""));
  }

  /** Number of reviews per product in an Amazon reviews file (gzipped JSON lines with {@code asin}). */
  static Map<String, Long> reviewCounts(Path reviews) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    try (BufferedReader r = Inputs.reader(reviews)) {
      String line;
      long no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new InvalidInputException(reviews + ":" + no, "record", line, "expected a JSON object");
        }
        JsonNode asin = n.get("asin");
        if (asin == null || !asin.isTextual() || asin.asText().isBlank()) {
          throw new InvalidInputException(reviews + ":" + no, "asin", asin, "expected a product id string");
        }
        counts.merge(asin.asText(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static String id(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new CatalogReader.BadRecord(field, null, "expected an id (string or integer)");
    }
    if (v.isTextual() && !v.asText().isBlank()) {
      return v.asText();
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    throw new CatalogReader.BadRecord(field, v.toString(), "expected an id (non-blank string or integer)");
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw new CatalogReader.BadRecord(field, v.toString(), "expected a string or a list of strings");
        }
        parts.add(e.asText());
      }
      return String.join("\n", parts);
    }
    throw new CatalogReader.BadRecord(field, v.toString(), "expected a string or a list of strings");
  }

  private static List<String> keywords(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        out.add(scalar(field, v, e));
      }
    } else {
      out.add(scalar(field, v, v));
    }
    out.removeIf(String::isBlank);
    return out;
  }

  private static String scalar(String field, JsonNode whole, JsonNode e) {
    if (e.isTextual() || e.isNumber() || e.isBoolean()) {
      return e.asText().trim();
    }
    throw new CatalogReader.BadRecord(field, whole.toString(), "expected a string, a number or a list of them");
  }

  private static Double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    double d;
    if (v.isNumber()) {
      d = v.asDouble();
    } else if (v.isTextual() && !v.asText().isBlank()) {
      try {
        d = Double.parseDouble(v.asText().trim().replace(",", ""));
      } catch (NumberFormatException e) {
        throw new CatalogReader.BadRecord(field, v.asText(), "expected a number");
      }
    } else {
      throw new CatalogReader.BadRecord(field, v.toString(), "expected a number");
    }
    if (!Double.isFinite(d)) {
      throw new CatalogReader.BadRecord(field, v.asText(), "expected a finite number");
    }
    return d;
  }
}
