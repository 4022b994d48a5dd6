package dev.funnel.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.util.ChecksummedLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers on one file append whole records in turn; a torn tail left by a dead writer is cut
 * by the next append; and the file is a {@link ChecksummedLog}, readable by it record for record.
 */
class SharedRecordFileTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoWritersInterleaveWholeRecordsAndATornTailIsCut() throws Exception {
    Path file = dir.resolve("shared/log");
    try (SharedRecordFile a = SharedRecordFile.open(file); SharedRecordFile b = SharedRecordFile.open(file)) {
      a.append(b("a1"));
      b.append(b("b1"));
      long afterA2 = a.append(b("a2"));
      Files.write(file, b("0badc0de {\"torn"), StandardOpenOption.APPEND); // a writer killed mid-record
      assertEquals(3, SharedRecordFile.read(file, 0, 100).size(), "readers stop at the torn tail");
      long afterB2 = b.append(b("b2"));
      assertEquals(afterA2 + 12, afterB2, "the torn bytes were cut before b2 was written");
      assertThrows(IllegalArgumentException.class, () -> a.append(b("two\nlines")));
      assertThrows(IllegalArgumentException.class, () -> a.append(new byte[0]));
    }
    List<String> shared = new ArrayList<>();
    for (ChecksummedLog.Framed r : SharedRecordFile.read(file, 0, 100)) {
      shared.add(new String(r.payload(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of("a1", "b1", "a2", "b2"), shared);
    List<String> single = new ArrayList<>();
    try (ChecksummedLog log = ChecksummedLog.open(file)) {
      assertEquals(0, log.recoveredBytes(), "the shared file is a clean checksummed log");
      log.scan(0, (i, p) -> single.add(new String(p, StandardCharsets.UTF_8)));
      log.append(b("c1"));
    }
    assertEquals(shared, single);
    List<ChecksummedLog.Framed> after = SharedRecordFile.read(file, 0, 100);
    assertArrayEquals(b("c1"), after.get(4).payload(), "a record the single-writer log appended reads back here too");
  }
}
