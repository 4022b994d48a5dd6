package dev.funnel.core.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records come back in order and numbered; a torn or corrupt tail is cut at open; bad payloads are refused. */
class ChecksummedLogTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> read(ChecksummedLog log, long from) throws Exception {
    List<String> out = new ArrayList<>();
    log.scan(from, (i, p) -> out.add(i + ":" + new String(p, StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void recordsSurviveReopenAndATornTailIsCut() throws Exception {
    Path file = dir.resolve("sub/log");
    try (ChecksummedLog log = ChecksummedLog.open(file)) {
      assertEquals(1, log.append(b("{\"a\":1}")));
      assertEquals(2, log.append(b("{\"b\":2}")));
      assertEquals(3, log.append(b("{\"c\":3}")));
      assertEquals(List.of("1:{\"b\":2}", "2:{\"c\":3}"), read(log, 1));
    }
    long good = Files.size(file);
    Files.write(file, b("0badc0de {\"torn\""), StandardOpenOption.APPEND);
    try (ChecksummedLog log = ChecksummedLog.open(file)) {
      assertEquals(3, log.size());
      assertTrue(log.recoveredBytes() > 0);
      assertEquals(good, Files.size(file), "the torn tail is cut off on disk");
      assertEquals(4, log.append(b("{\"d\":4}")));
      assertEquals(4, read(log, 0).size());
    }
    // a record whose checksum fails ends the log there, whatever follows
    byte[] all = Files.readAllBytes(file);
    all[12] = (byte) (all[12] == 'x' ? 'y' : 'x');
    Files.write(file, all);
    try (ChecksummedLog log = ChecksummedLog.open(file)) {
      assertEquals(0, log.size());
    }
  }

  @Test
  void payloadsAreOneNonEmptyLineAndLinesDecodeAlone() throws Exception {
    try (ChecksummedLog log = ChecksummedLog.open(dir.resolve("log"))) {
      assertThrows(IllegalArgumentException.class, () -> log.append(b("two\nlines")));
      assertThrows(IllegalArgumentException.class, () -> log.append(new byte[0]));
      log.append(b("hello"));
    }
    String line = Files.readString(dir.resolve("log")).strip();
    assertArrayEquals(b("hello"), ChecksummedLog.payload(b(line)));
    assertNull(ChecksummedLog.payload(b(line.substring(0, line.length() - 1))));
    assertNull(ChecksummedLog.payload(b("zzzzzzzz hello")));
  }

  @Test
  void readFromAnOffsetReturnsWholeRecordsWithTheirEnds() throws Exception {
    Path file = dir.resolve("log");
    try (ChecksummedLog log = ChecksummedLog.open(file)) {
      log.append(b("one"));
      log.append(b("two"));
      log.append(b("three"));
    }
    List<ChecksummedLog.Framed> all = ChecksummedLog.readFrom(file, 0, 10);
    assertEquals(3, all.size());
    assertEquals(13, all.get(0).end(), "8 hex digits, a space, 'one' and the line break");
    List<ChecksummedLog.Framed> rest = ChecksummedLog.readFrom(file, all.get(0).end(), 1);
    assertEquals(1, rest.size());
    assertArrayEquals(b("two"), rest.get(0).payload());
    assertEquals(all.get(1).end(), rest.get(0).end());
    assertTrue(ChecksummedLog.readFrom(file, Files.size(file), 10).isEmpty());
    assertTrue(ChecksummedLog.readFrom(dir.resolve("missing"), 0, 10).isEmpty());
    Files.write(file, b("0badc0de torn"), StandardOpenOption.APPEND);
    assertEquals(3, ChecksummedLog.readFrom(file, 0, 10).size(), "a torn tail is not a record");
    assertThrows(IllegalArgumentException.class, () -> ChecksummedLog.readFrom(file, -1, 10));
  }

  @Test
  void aFrameIsTheLineTheLogWrites() throws Exception {
    try (ChecksummedLog log = ChecksummedLog.open(dir.resolve("log"))) {
      log.append(b("hello"));
    }
    java.nio.ByteBuffer frame = ChecksummedLog.frame(b("hello"));
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);
    assertArrayEquals(Files.readAllBytes(dir.resolve("log")), bytes);
    assertThrows(IllegalArgumentException.class, () -> ChecksummedLog.frame(b("a\rb")));
  }
}
