package dev.funnel.retrieval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.Item;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The stored form of an item: {@code {"id", "text", "keywords", "numbers"}} as JSON. */
final class ItemJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ItemJson() {}

  /**
   * The item as JSON, written with the streaming generator: the same text that data binding gives
   * (components in record order, maps in their order), without its per-call serializer lookups,
   * which showed in indexing profiles (docs/performance.md).
   */
  static String write(Item item) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", item.id());
      g.writeObjectFieldStart("text");
      for (Map.Entry<String, String> e : item.text().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("keywords");
      for (Map.Entry<String, List<String>> e : item.keywords().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String v : e.getValue()) {
          g.writeString(v);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("numbers");
      for (Map.Entry<String, Double> e : item.numbers().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The same JSON through data binding; kept for the test that the two agree. */
  static String writeBound(Item item) {
    try {
      return JSON.writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Item read(String json) {
    try {
      return JSON.readValue(json, Item.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
