package dev.funnel.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static List<List<String>> rows(CsvFile csv) {
    List<List<String>> out = new ArrayList<>();
    for (CsvFile.Row r : csv) {
      List<String> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.get(i));
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void quotedFieldsKeepTheirCommasQuotesAndLineBreaks() throws IOException {
    Path p = write("q.csv", "id,name,price\n1,\"Gift card, $25\",25\n2,\"say \"\"hi\"\"\",3\n3,\"two\nlines\",4\n");
    try (CsvFile csv = CsvFile.withHeader(p, List.of("id", "price"))) {
      assertEquals(List.of("id", "name", "price"), csv.header());
      List<List<String>> rows = rows(csv);
      assertEquals(List.of("1", "Gift card, $25", "25"), rows.get(0));
      assertEquals("say \"hi\"", rows.get(1).get(1));
      assertEquals("two\nlines", rows.get(2).get(1));
    }
  }

  @Test
  void gzippedFilesAreReadWhateverTheirName() throws IOException {
    Path p = dir.resolve("plain-name.csv");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    }
    try (CsvFile csv = CsvFile.withHeader(p, List.of("a"))) {
      assertEquals(List.of(List.of("1", "2")), rows(csv));
    }
  }

  @Test
  void rowsKnowTheirLineAcrossBlankLinesAndQuotedLineBreaks() throws IOException {
    Path p = write("lines.csv", "a,b\n1,2\n\n3,\"x\ny\"\n5,6\n");
    try (CsvFile csv = CsvFile.withHeader(p, List.of("a"))) {
      List<Long> lines = new ArrayList<>();
      csv.forEach(r -> lines.add(r.line()));
      assertEquals(List.of(2L, 4L, 6L), lines);
    }
  }

  @Test
  void aRowWithAnotherColumnCountIsRefusedNamingFileAndLine() throws IOException {
    Path p = write("short.csv", "a,b,c\n1,2,3\n4,5\n");
    try (CsvFile csv = CsvFile.withHeader(p, List.of("a"))) {
      var it = csv.iterator();
      it.next();
      InvalidInputException e = assertThrows(InvalidInputException.class, it::next);
      assertEquals("columns", e.field());
      assertTrue(e.getMessage().startsWith(p + ":3:"), e.getMessage());
    }
  }

  @Test
  void aMissingColumnIsRefusedNamingIt() throws IOException {
    Path p = write("h.csv", "a,b\n1,2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvFile.withHeader(p, List.of("a", "label")));
    assertEquals("header", e.field());
    assertTrue(e.getMessage().contains("label"), e.getMessage());
  }

  @Test
  void anUnclosedQuoteIsRefusedNamingTheFile() throws IOException {
    Path p = write("open.csv", "a,b\n1,\"never closed\n");
    try (CsvFile csv = CsvFile.withHeader(p, List.of("a"))) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> rows(csv));
      assertTrue(e.getMessage().startsWith(p + ":"), e.getMessage());
    }
  }

  @Test
  void typedFieldsNameTheColumnAndTheValue() throws IOException {
    Path p = write("t.csv", "n,label\nabc,maybe\n");
    try (CsvFile csv = CsvFile.withHeader(p, List.of("n", "label"))) {
      CsvFile.Row r = csv.iterator().next();
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> r.number("n"));
      assertEquals("n", e.field());
      assertEquals("abc", e.value());
      assertTrue(e.getMessage().startsWith(p + ":2: n:"), e.getMessage());
      e = assertThrows(InvalidInputException.class, () -> r.label(1, "label"));
      assertEquals("maybe", e.value());
      e = assertThrows(InvalidInputException.class, () -> r.integer("n"));
      assertEquals("expected an integer", e.expected());
    }
  }

  @Test
  void fieldsAreTrimmedAndNonFiniteNumbersRefused() throws IOException {
    Path p = write("s.csv", " 1 , NaN \n");
    try (CsvFile csv = CsvFile.withoutHeader(p, 2)) {
      CsvFile.Row r = csv.iterator().next();
      assertEquals(1, r.integer(0, "x"));
      assertThrows(InvalidInputException.class, () -> r.number(1, "y"));
    }
  }
}
