package dev.funnel.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes a data file holds, each reader either returns rows or refuses the file with an
 * {@link InvalidInputException} that names the file; it never fails any other way.
 */
class CsvFilePropertiesTest {
  @Provide
  Arbitrary<String> files() {
    Arbitrary<String> field = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(6),
        Arbitraries.of("pv", "buy", "cart", "fav", "like", "", " ", "\"q\"", "\"a,b\"", "\"open", "NaN", "-1", "1e400",
            "2017-11-07 09:30:38", "2017-13-07 09:30:38", "0.5", "1"));
    Arbitrary<String> line = field.list().ofMinSize(0).ofMaxSize(9).map(f -> String.join(",", f));
    return line.list().ofMinSize(0).ofMaxSize(6).map(l -> String.join("\n", l) + "\n");
  }

  @Property(tries = 300, seed = "20261203")
  void everyReaderReturnsRowsOrNamesTheFile(@ForAll("files") String body) throws IOException {
    Path dir = Files.createTempDirectory("csv-prop");
    try {
      Path taobao = dir.resolve("ub.csv");
      Files.writeString(taobao, body);
      check(taobao, () -> TaobaoUserBehavior.read(taobao));
      Path td = dir.resolve("td.csv");
      Files.writeString(td, String.join(",", TalkingDataClicks.COLUMNS) + "\n" + body);
      check(td, () -> TalkingDataClicks.read(td));
      Path obd = dir.resolve("obd.csv");
      Files.writeString(obd, String.join(",", ObdRows.COLUMNS) + "\n" + body);
      check(obd, () -> ObdRows.read(obd));
      List<Long> lines = new ArrayList<>();
      check(taobao, () -> {
        try (CsvFile csv = CsvFile.withoutHeader(taobao, 5)) {
          csv.forEach(r -> lines.add(r.line()));
        }
        return lines;
      });
      for (int i = 1; i < lines.size(); i++) {
        assertTrue(lines.get(i) > lines.get(i - 1), "lines increase: " + lines);
      }
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private interface Read {
    List<?> read() throws IOException;
  }

  private static void check(Path file, Read read) throws IOException {
    try {
      read.read();
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
      assertEquals(e.getMessage().isEmpty(), false);
    }
  }
}
