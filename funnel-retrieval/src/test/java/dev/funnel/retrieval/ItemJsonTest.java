package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.core.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemJsonTest {
  @Test
  void streamingWriterGivesTheDataBindingTextAndReadsBack() {
    List<Item> items = new ArrayList<>();
    new SyntheticCatalog(7, 500).items(200).forEachRemaining(items::add);
    Map<String, String> text = new LinkedHashMap<>();
    text.put("title", "Quote \" backslash \\ tab\t newline\n é ü 漢字 😀 </script>");
    text.put("description", "");
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    keywords.put("brand", List.of("A&B", "\u00a0x"));
    keywords.put("category", List.of());
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put("price", 0.1 + 0.2);
    numbers.put("big", 1e30);
    numbers.put("tiny", -4.9e-324);
    numbers.put("zero", -0.0);
    items.add(new Item("id \"odd\"", text, keywords, numbers));
    for (Item item : items) {
      String json = ItemJson.write(item);
      assertEquals(ItemJson.writeBound(item), json, item.id());
      assertEquals(item, ItemJson.read(json), item.id());
    }
  }
}
