package dev.funnel.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir Path dir;

  @Test
  void gzipIsRecognisedByItsBytesNotItsName() throws IOException {
    Path gz = dir.resolve("data.txt");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("héllo\nworld\n".getBytes(StandardCharsets.UTF_8));
    }
    Path plain = dir.resolve("plain.gz");
    Files.writeString(plain, "plain\n");
    assertTrue(Inputs.isGzipped(gz));
    assertFalse(Inputs.isGzipped(plain));
    try (BufferedReader r = Inputs.reader(gz)) {
      assertEquals("héllo", r.readLine());
      assertEquals("world", r.readLine());
    }
    try (BufferedReader r = Inputs.reader(plain)) {
      assertEquals("plain", r.readLine());
    }
  }

  @Test
  void aFileThatOnlyLooksGzippedFailsNamingIt() throws IOException {
    Path fake = dir.resolve("fake.gz");
    Files.write(fake, new byte[] {0x1f, (byte) 0x8b, 1});
    IOException e = assertThrows(IOException.class, () -> Inputs.open(fake).close());
    assertTrue(e.getMessage().startsWith(fake.toString()), e.getMessage());
  }

  @Test
  void emptyFilesAreEmpty() throws IOException {
    Path empty = dir.resolve("empty");
    Files.write(empty, new byte[0]);
    try (BufferedReader r = Inputs.reader(empty)) {
      assertEquals(null, r.readLine());
    }
  }
}
