package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The catalog readers (JSON lines, BEIR, Amazon metadata) on mutated files: every line either
 * becomes an item or fails with an {@link InvalidInputException} naming the field (skipped and
 * counted with {@code skipBad}); no other exception, whatever the bytes.
 */
class CatalogReaderProperties {
  static final CatalogReaders.Mapping MAPPING = new CatalogReaders.Mapping("id", List.of("title", "body"), List.of("brand"), List.of("price"), "sales");
  static final List<String> VALID = List.of(
      "{\"id\": \"a1\", \"title\": \"Red mug\", \"body\": [\"Ceramic.\", \"350 ml\"], \"brand\": \"Acme\", \"price\": \"12.50\", \"sales\": 40}",
      "{\"_id\": \"d1\", \"title\": \"A title\", \"text\": \"Some text.\"}",
      "{\"asin\": \"B001\", \"title\": \"Gift card\", \"description\": [\"<b>Nice</b>\"], \"brand\": \"Shop\", \"category\": [\"Gift Cards\"],"
          + " \"price\": \"$25.00\", \"also_buy\": [\"B002\"]}");

  /** A valid line with one edit: a cut, a byte replaced, a field's value replaced by an odd value. */
  @Provide
  Arbitrary<String> mutatedLines() {
    Arbitrary<String> odd = Arbitraries.of("null", "[]", "{}", "[[[[[[[[1]]]]]]]]", "1e400", "-0", "\"\"", "\" \"", "\"\\u0000\"", "true",
        "\"$-1\"", "\"$1,2,3.4.5\"", "\"NaN\"", "[1, {\"a\": null}]", "123456789012345678901234567890");
    Arbitrary<String> edited = Combinators.combine(Arbitraries.of(VALID), Arbitraries.of("id", "_id", "asin", "title", "body", "text", "description",
        "brand", "category", "price", "sales", "also_buy"), odd).as((line, field, value) -> line.replaceFirst("\"" + field + "\": (\"[^\"]*\"|\\[[^\\]]*\\]|[0-9]+)",
        java.util.regex.Matcher.quoteReplacement("\"" + field + "\": " + value)));
    Arbitrary<String> cut = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 200))
        .as((line, n) -> line.substring(0, Math.min(n, line.length())));
    Arbitrary<String> flipped = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 200), Arbitraries.chars())
        .as((line, i, c) -> {
          int at = Math.min(i, line.length() - 1);
          return line.substring(0, at) + c + line.substring(at + 1);
        });
    return Arbitraries.oneOf(edited, cut, flipped, Arbitraries.strings().ofMaxLength(60));
  }

  @Property(tries = 400, seed = "20261203")
  void everyLineIsAnItemOrAnErrorNamingTheField(@ForAll("mutatedLines") String line, @ForAll CatalogReaders.Format format) throws Exception {
    Path file = Files.createTempFile("catalog", ".jsonl");
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
      try (CatalogReader r = CatalogReaders.open(file, format, MAPPING, null, false)) {
        List<Item> items = new ArrayList<>();
        r.forEachRemaining(items::add);
        assertTrue(items.size() <= 1);
      } catch (InvalidInputException e) {
        assertNotNull(e.field(), "the error names a field: " + e.getMessage());
      }
      try (CatalogReader r = CatalogReaders.open(file, format, MAPPING, null, true)) {
        r.forEachRemaining(item -> {});
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
