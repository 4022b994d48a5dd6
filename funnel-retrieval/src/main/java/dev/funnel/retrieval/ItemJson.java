package dev.funnel.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.Item;
import java.io.UncheckedIOException;

/** The stored form of an item: {@code {"id", "text", "keywords", "numbers"}} as JSON. */
final class ItemJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ItemJson() {}

  static String write(Item item) {
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
