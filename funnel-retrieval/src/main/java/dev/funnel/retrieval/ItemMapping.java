package dev.funnel.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The catalog mapping of an index, for records that arrive after the build (item updates): the
 * format and field mapping that {@code funnel index} used, recorded in the snapshot's metadata
 * ({@link #source}), and the same record parser and validation as {@code funnel index} ({@link
 * CatalogReaders}: cleaning, title fallback, keyword rules, numbers). A record that cannot become
 * an item fails with an {@link InvalidInputException} naming the field (prefixed, e.g. {@code
 * items[2].price}), the value and what was expected.
 *
 * <p>An index built before mappings were recorded is read as JSON lines with id key {@code id}, its
 * configured text fields, its keyword fields and the numeric fields its items have. An Amazon
 * record carries no popularity (it comes from the reviews file at build time): an update keeps the
 * item's stored popularity, and a new item has none.
 *
 * @param format the catalog format
 * @param mapping the JSON keys that make an item
 * @param popularity whether the index has a popularity field that Amazon updates carry over
 */
public record ItemMapping(CatalogReaders.Format format, CatalogReaders.Mapping mapping, boolean popularity) {
  static final String FORMAT_KEY = "format";
  static final String MAPPING_KEY = "mapping_json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ItemMapping {
    if (format == null || mapping == null) {
      throw new InvalidInputException("mapping", null, "expected a catalog format and mapping");
    }
  }

  /** Metadata entries recording how a catalog was read, for {@link CatalogIndexer#build}'s {@code source}. */
  public static Map<String, String> source(CatalogReaders.Format format, CatalogReaders.Mapping mapping) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id_field", mapping.idField());
    m.set("text_fields", JSON.valueToTree(mapping.textFields()));
    m.set("keyword_fields", JSON.valueToTree(mapping.keywordFields()));
    m.set("numeric_fields", JSON.valueToTree(mapping.numericFields()));
    m.put("popularity_field", mapping.popularityField());
    Map<String, String> out = new LinkedHashMap<>();
    out.put(FORMAT_KEY, format.name().toLowerCase(java.util.Locale.ROOT));
    out.put(MAPPING_KEY, m.toString());
    return out;
  }

  /** The mapping recorded in {@code index}'s metadata, or one inferred from its fields (see the class documentation). */
  public static ItemMapping of(CatalogIndex index) {
    IndexMetadata meta = index.metadata();
    Map<String, String> src = meta.source();
    String fmt = src.get(FORMAT_KEY);
    CatalogReaders.Format format = fmt == null ? CatalogReaders.Format.JSONL : CatalogReaders.Format.parse(fmt);
    boolean popularity = meta.config().popularityField() != null;
    if (format != CatalogReaders.Format.JSONL) {
      return new ItemMapping(format, CatalogReaders.mappingFor(format, null), popularity);
    }
    String recorded = src.get(MAPPING_KEY);
    if (recorded != null) {
      try {
        JsonNode m = JSON.readTree(recorded);
        return new ItemMapping(format, new CatalogReaders.Mapping(m.path("id_field").asText("id"), strings(m.path("text_fields")),
            strings(m.path("keyword_fields")), strings(m.path("numeric_fields")),
            m.path("popularity_field").isTextual() ? m.get("popularity_field").asText() : null), popularity);
      } catch (JsonProcessingException e) {
        throw new InvalidInputException(index.snapshot().toString(), MAPPING_KEY, recorded, "expected the catalog mapping as JSON");
      }
    }
    TreeSet<String> numeric = new TreeSet<>();
    List<String> text = meta.config().textFields();
    TreeSet<String> allText = new TreeSet<>();
    for (Item i : index.items()) {
      numeric.addAll(i.numbers().keySet());
      allText.addAll(i.text().keySet());
    }
    String pop = meta.config().popularityField();
    if (pop != null) {
      numeric.remove(pop);
    }
    return new ItemMapping(format, new CatalogReaders.Mapping("id", text.isEmpty() ? new ArrayList<>(allText.isEmpty() ? List.of("title") : allText) : text,
        new ArrayList<>(index.keywordFields()), new ArrayList<>(numeric), pop), popularity);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** The key of the item id in a record. */
  public String idField() {
    return mapping.idField();
  }

  /**
   * The item of one record, parsed and validated as {@code funnel index} does; {@code where}
   * prefixes field names in errors ({@code ""} for none, e.g. {@code "items[2]."}); {@code stored}
   * looks up the current item (for the Amazon popularity carried over).
   */
  public Item parse(JsonNode record, String where, Function<String, Optional<Item>> stored) {
    if (record == null || !record.isObject()) {
      throw new InvalidInputException(where.isEmpty() ? "body" : where.substring(0, where.length() - 1),
          record == null ? null : record.toString(), "expected a JSON object (a catalog record)");
    }
    DataQuality quality = new DataQuality(List.of(), null);
    try {
      return switch (format) {
        case JSONL -> CatalogReaders.jsonl(record, mapping, true, quality);
        case BEIR -> CatalogReaders.jsonl(record, mapping, false, quality);
        case AMAZON -> {
          Item parsed = CatalogReaders.amazon(record, null, new LinkedHashMap<>(), quality);
          if (!popularity) {
            yield parsed;
          }
          double pop = stored.apply(parsed.id()).map(i -> i.number("popularity", 0)).orElse(0.0);
          Map<String, Double> numbers = new LinkedHashMap<>(parsed.numbers());
          numbers.put("popularity", pop);
          yield new Item(parsed.id(), parsed.text(), parsed.keywords(), numbers);
        }
      };
    } catch (CatalogReader.BadRecord bad) {
      throw new InvalidInputException(where + bad.field, bad.value, bad.expected + (bad.detail == null ? "" : " (" + bad.detail + ")"));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where + e.field(), e.value(), e.expected());
    }
  }
}
