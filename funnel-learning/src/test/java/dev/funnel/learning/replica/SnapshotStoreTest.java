package dev.funnel.learning.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot pointer and the learner's positions are model files: they round-trip, and a file
 * of an earlier format or of another kind is refused with an error naming it.
 */
class SnapshotStoreTest {
  @TempDir Path dir;

  @Test
  void thePointerIsAModelFileNamingTheNewestVersion() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    assertTrue(store.current().isEmpty());
    store.publish(f -> Files.writeString(f.resolve("a.txt"), "1"));
    SnapshotStore.Snapshot second = store.publish(f -> Files.writeString(f.resolve("a.txt"), "2"));
    assertEquals("v-000002", second.version());
    assertEquals(second, store.current().orElseThrow());
    ModelFile.Document pointer = ModelFile.readJson(dir.resolve(SnapshotStore.POINTER), SnapshotStore.KIND);
    assertEquals("v-000002", pointer.payload().get("version").asText());
    assertEquals(1, pointer.header().formatVersion());
  }

  @Test
  void anOldOrForeignPointerIsRefusedNamingTheFile() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    store.publish(f -> Files.writeString(f.resolve("a.txt"), "1"));
    Path pointer = dir.resolve(SnapshotStore.POINTER);
    Files.writeString(pointer, "v-000001\n");
    InvalidInputException old = assertThrows(InvalidInputException.class, store::current);
    assertTrue(old.getMessage().contains(pointer.toString()) && old.getMessage().contains("plain-text pointer"), old.getMessage());

    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("version", "v-000001");
    ModelFile.writeJson(pointer, ModelFile.Kind.of("funnel-ranker", 2), FileProvenance.ofState("test", Map.of()), payload);
    InvalidInputException foreign = assertThrows(InvalidInputException.class, store::current);
    assertTrue(foreign.getMessage().contains(pointer.toString()) && foreign.getMessage().contains(SnapshotStore.POINTER_KIND), foreign.getMessage());

    ModelFile.writeJson(pointer, SnapshotStore.KIND, FileProvenance.ofState("test", Map.of()), payload.put("version", "v-000009"));
    InvalidInputException missing = assertThrows(InvalidInputException.class, store::current);
    assertTrue(missing.getMessage().contains("v-000009"), missing.getMessage());
  }

  @Test
  void positionsAreReadFromTheirEnvelopeAndTheOldFormatIsRefused() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("v-000001"));
    assertEquals(Map.of(), Learner.positions(folder), "a folder without positions starts at the beginning");
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.putObject("positions").put("events", 120).put("decisions", 7);
    ModelFile.writeJson(folder.resolve(Learner.POSITIONS_FILE), Learner.KIND, FileProvenance.ofState("file log", Map.of()), payload);
    assertEquals(Map.of("events", 120L, "decisions", 7L), Learner.positions(folder));

    Path file = folder.resolve(Learner.POSITIONS_FILE);
    Files.writeString(file, "{\"format\": \"funnel.learner.positions\", \"version\": 1, \"positions\": {\"events\": 3}}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Learner.positions(folder));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("funnel-learner-positions"), e.getMessage());
  }
}
