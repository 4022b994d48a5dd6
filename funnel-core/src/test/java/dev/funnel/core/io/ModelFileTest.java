package dev.funnel.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  private static final ModelFile.Kind KIND = ModelFile.Kind.of("funnel-test-model", 3);
  private static final FileProvenance PROV = FileProvenance.of(List.of("train.csv", "synthetic seed=1"), Map.of("rounds", "20", "alpha", "0.5"),
      Map.of("lightgbm", "lightgbm4j 4.3.0-1"), 7L);

  @TempDir Path dir;

  @Test
  void jsonRoundTripKeepsKindVersionProvenanceAndPayload() throws IOException {
    ObjectNode payload = new ObjectMapper().createObjectNode().put("weights", "1,2,3");
    Path f = dir.resolve("m.json");
    ModelFile.writeJson(f, KIND, PROV, payload);
    ModelFile.Document d = ModelFile.readJson(f, KIND);
    assertEquals(new ModelFile.Header("funnel-test-model", 3, PROV), d.header());
    assertEquals(payload, d.payload());
    String text = Files.readString(f);
    assertTrue(text.indexOf("\"format_version\"") < text.indexOf("\"kind\"") && text.indexOf("\"kind\"") < text.indexOf("\"provenance\"")
        && text.indexOf("\"provenance\"") < text.indexOf("\"payload\""), text);
  }

  @Test
  void binaryRoundTripKeepsTheBodyAfterTheHeaderLine() throws IOException {
    Path f = dir.resolve("m.bin");
    ModelFile.writeBinary(f, KIND, PROV, out -> {
      out.writeInt(42);
      out.writeUTF("x\ny");
      out.writeDouble(0.25);
    });
    String result = ModelFile.readBinary(f, KIND, (h, in) -> {
      assertEquals(PROV, h.provenance());
      return in.readInt() + " " + in.readUTF() + " " + in.readDouble();
    });
    assertEquals("42 x\ny 0.25", result);
    assertTrue(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("{\"format_version\":3,\"kind\":\"funnel-test-model\""));
  }

  @Test
  void aFileOfAnotherKindIsRefusedNamingFileKindAndExpected() throws IOException {
    Path f = dir.resolve("other.json");
    ModelFile.writeJson(f, ModelFile.Kind.of("funnel-other", 3), PROV, new ObjectMapper().createObjectNode());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.readJson(f, KIND));
    assertEquals("kind", e.field());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("funnel-other") && e.getMessage().contains("funnel-test-model"), e.getMessage());
    Path b = dir.resolve("other.bin");
    ModelFile.writeBinary(b, ModelFile.Kind.of("funnel-other", 3), PROV, out -> out.writeInt(1));
    assertEquals("kind", assertThrows(InvalidInputException.class, () -> ModelFile.readBinary(b, KIND, (h, in) -> in.readInt())).field());
  }

  @Test
  void anUnsupportedVersionIsRefusedNamingBothVersions() throws IOException {
    Path f = dir.resolve("new.json");
    ModelFile.writeJson(f, ModelFile.Kind.of("funnel-test-model", 4), PROV, new ObjectMapper().createObjectNode());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.readJson(f, KIND));
    assertEquals("format_version", e.field());
    assertTrue(e.getMessage().contains("format_version 4") && e.getMessage().contains("format_version 3"), e.getMessage());
    ModelFile.Kind range = new ModelFile.Kind("funnel-test-model", 4, 2);
    assertEquals(4, ModelFile.readJson(f, range).header().formatVersion());
    Path old = dir.resolve("old.json");
    ModelFile.writeJson(old, ModelFile.Kind.of("funnel-test-model", 1), PROV, new ObjectMapper().createObjectNode());
    assertTrue(assertThrows(InvalidInputException.class, () -> ModelFile.readJson(old, range)).getMessage().contains("format_version 2 to 4"));
  }

  @Test
  void foreignAndEmptyFilesAreRefused() throws IOException {
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[] {0, 1, 2, 3});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.readBinary(junk, KIND, (h, in) -> 0));
    assertTrue(e.getMessage().startsWith(junk.toString()) && e.getMessage().contains("funnel-test-model"), e.getMessage());
    Path empty = dir.resolve("empty.bin");
    Files.write(empty, new byte[0]);
    assertThrows(InvalidInputException.class, () -> ModelFile.readBinary(empty, KIND, (h, in) -> 0));
    Path text = dir.resolve("text.json");
    Files.writeString(text, "tree\nversion=v4\n");
    assertEquals("file", assertThrows(InvalidInputException.class, () -> ModelFile.readJson(text, KIND)).field());
    Path noPayload = dir.resolve("nopayload.json");
    Files.writeString(noPayload, new String(ModelFile.headerLine(KIND, PROV), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("payload", assertThrows(InvalidInputException.class, () -> ModelFile.readJson(noPayload, KIND)).field());
    assertThrows(InvalidInputException.class, () -> ModelFile.readJson(dir.resolve("missing.json"), KIND));
  }

  @Test
  void provenanceCarriesTheBuildVersionAndCommit() {
    BuildInfo b = BuildInfo.current();
    assertEquals(b.funnelVersion(), PROV.funnelVersion());
    assertEquals(b.gitCommit(), PROV.gitCommit());
    // Filled by Maven resource filtering from the project version: never a placeholder.
    assertFalse(b.funnelVersion().contains("${"), b.funnelVersion());
    assertTrue(b.funnelVersion().matches("\\d+\\.\\d+\\.\\d+.*"), b.funnelVersion());
    assertTrue(b.gitCommit().equals(BuildInfo.UNKNOWN) || b.gitCommit().matches("[0-9a-f]{40}"), b.gitCommit());
    assertEquals(BuildInfo.UNKNOWN, new BuildInfo("${project.version}", null).funnelVersion());
  }

  @Test
  void provenanceValidatesItselfAndSortsItsMaps() {
    assertEquals(List.of("alpha", "rounds"), List.copyOf(PROV.parameters().keySet()));
    assertThrows(InvalidInputException.class, () -> FileProvenance.of(List.of(" "), Map.of(), Map.of(), null));
    assertThrows(InvalidInputException.class, () -> new FileProvenance(List.of(), Map.of(), Map.of(), null, "", "1"));
    assertThrows(InvalidInputException.class, () -> ModelFile.Kind.of("Bad Kind", 1));
    assertThrows(InvalidInputException.class, () -> new ModelFile.Kind("funnel-x", 1, 2));
  }
}
