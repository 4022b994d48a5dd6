package dev.funnel.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.io.Inputs;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Items from a JSON-lines file (gzipped when it starts with the gzip magic bytes), one record per
 * line, blank lines ignored. A record that cannot become an item stops the iteration with an
 * {@link InvalidInputException} naming {@code file:line}, the field and the value; with skip-bad
 * it is skipped and counted by reason in {@link #report()}.
 */
public final class CatalogReader implements Iterator<Item>, Closeable {
  /**
   * Turns one parsed JSON record into an item; may note left-out values in {@code leftOut} and
   * what cleaning did in {@code quality}.
   */
  @FunctionalInterface
  interface RecordParser {
    Item parse(JsonNode record, Map<String, Long> leftOut, DataQuality quality);
  }

  /** A record problem: the field, its value and what was expected. */
  static final class BadRecord extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String field;
    final transient Object value;
    final String expected;
    final String detail;

    BadRecord(String field, Object value, String expected) {
      this(field, value, expected, null);
    }

    /** {@code detail} goes into the error message only, not into the skip reason. */
    BadRecord(String field, Object value, String expected, String detail) {
      super(field + ": " + expected, null, false, false);
      this.field = field;
      this.value = value;
      this.expected = expected;
      this.detail = detail;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final BufferedReader in;
  private final RecordParser parser;
  private final boolean skipBad;
  private final Set<String> ids = new HashSet<>();
  private final Map<String, Long> skipped = new HashMap<>();
  private final Map<String, Long> leftOut = new HashMap<>();
  private final DataQuality quality;
  private final String popularityField;
  private long line;
  private long records;
  private long kept;
  private long repeated;
  private Item next;

  CatalogReader(Path file, RecordParser parser, boolean skipBad, DataQuality quality, String popularityField) throws IOException {
    this.file = file;
    this.quality = quality;
    this.popularityField = popularityField;
    this.in = Inputs.reader(file);
    this.parser = parser;
    this.skipBad = skipBad;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      String text;
      try {
        text = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(file + ":" + (line + 1) + ": " + e.getMessage(), e);
      }
      if (text == null) {
        return false;
      }
      line++;
      if (text.isBlank()) {
        continue;
      }
      records++;
      try {
        Item item = parse(text);
        if (!ids.add(item.id())) {
          repeated++; // an update of the earlier record: the indexer keeps the last one
        }
        next = item;
        kept++;
        quality.item(item, popularityField);
      } catch (BadRecord bad) {
        if (!skipBad) {
          throw new InvalidInputException(
              file + ":" + line, bad.field, bad.value, bad.expected + (bad.detail == null ? "" : " (" + bad.detail + ")"));
        }
        skipped.merge(bad.field + ": " + bad.expected, 1L, Long::sum);
      }
    }
    return true;
  }

  private Item parse(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadRecord("record", text, "expected a JSON object", e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRecord("record", text, "expected a JSON object");
    }
    try {
      return parser.parse(node, leftOut, quality);
    } catch (InvalidInputException e) {
      String m = e.getMessage();
      int from = m.indexOf(": ") + 2;
      int to = m.lastIndexOf(", got ");
      throw new BadRecord(e.field(), e.value(), to > from ? m.substring(from, to) : m);
    }
  }

  @Override
  public Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Item out = next;
    next = null;
    return out;
  }

  /** Records so far whose id an earlier record already had (each an update: the last one wins). */
  public long repeatedIds() {
    return repeated;
  }

  /** Counts so far (complete once the iteration has ended). */
  public ReadReport report() {
    return new ReadReport(records, kept, skipped, leftOut, quality.report());
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
