package dev.funnel.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.serve.ServeCommand;
import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a deployment config file: errors name the key, the file and the line; flags override the file. */
class ConfigFileTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("funnel.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private InvalidInputException refused(String yaml) throws Exception {
    Path f = file(yaml);
    return assertThrows(InvalidInputException.class, () -> ServeCommand.withConfig(f).validate());
  }

  @Test
  void anUnknownKeyIsNamedWithTheFileAndTheLine() throws Exception {
    InvalidInputException e = refused("catalog:\n  index: /tmp/idx\nloop:\n  policy: linucb\n  polcy: random\n");
    assertEquals("loop.polcy", e.field());
    assertTrue(e.getMessage().startsWith(dir.resolve("funnel.yaml") + " line 5: loop.polcy: unknown key"), e.getMessage());
    assertTrue(e.getMessage().contains("policy, epsilon"), "lists the section's keys: " + e.getMessage());
  }

  @Test
  void anUnknownSectionIsNamed() throws Exception {
    InvalidInputException e = refused("catalog:\n  index: /tmp/idx\nloops:\n  policy: linucb\n");
    assertEquals("loops", e.field());
    assertTrue(e.getMessage().contains(" line 3: "), e.getMessage());
  }

  @Test
  void aWrongTypeIsNamedWithTheLine() throws Exception {
    InvalidInputException port = refused("server:\n  host: 0.0.0.0\n  port: eighty\n");
    assertEquals("server.port", port.field());
    assertEquals("eighty", port.value());
    assertTrue(port.getMessage().contains(" line 3: server.port: expected an integer"), port.getMessage());
    InvalidInputException budgets = refused("loop:\n  budgets: 10\n");
    assertEquals("loop.budgets", budgets.field());
    assertTrue(budgets.getMessage().contains("line 2") && budgets.getMessage().contains("expected a list of integers"), budgets.getMessage());
    InvalidInputException item = refused("loop:\n  budgets: [10, big]\n");
    assertEquals("loop.budgets", item.field());
    InvalidInputException bool = refused("metrics:\n  enabled: \"yes\"\n");
    assertEquals("metrics.enabled", bool.field());
    assertTrue(bool.getMessage().contains("expected a boolean"), bool.getMessage());
    InvalidInputException section = refused("limits: 5\n");
    assertEquals("limits", section.field());
    InvalidInputException tooBig = refused("limits:\n  max_k: 99999999999\n");
    assertEquals("limits.max_k", tooBig.field());
  }

  @Test
  void aRepeatedKeyAndBadYamlAreLocated() throws Exception {
    InvalidInputException dup = refused("loop:\n  policy: linucb\n  policy: random\n");
    assertTrue(dup.getMessage().contains(" line 3: "), dup.getMessage());
    assertTrue(dup.getMessage().contains("repeated"), dup.getMessage());
    InvalidInputException yaml = refused("loop: {policy: linucb\n");
    assertEquals("config", yaml.field());
    assertTrue(yaml.getMessage().contains("expected valid YAML"), yaml.getMessage());
  }

  @Test
  void aBadValueFoundLaterIsLocatedInTheFile() throws Exception {
    InvalidInputException e = refused("catalog:\n  index: /tmp/idx\nloop:\n  training_log: sometimes\n");
    assertEquals("loop.training_log", e.field());
    assertTrue(e.getMessage().startsWith(dir.resolve("funnel.yaml") + " line 4: loop.training_log: expected engaged, all or off"), e.getMessage());
    InvalidInputException key = refused("catalog:\n  index: /tmp/idx\nauth:\n  read_keys: [short]\n");
    assertEquals("auth.read_keys", key.field());
    assertTrue(key.getMessage().contains("line 4"), key.getMessage());
  }

  @Test
  void flagsOverrideTheFileAndTheFileOverridesDefaults() throws Exception {
    Path f = file("""
        catalog:
          index: /tmp/idx
        server:
          port: 9090
        loop:
          policy: random
          budgets: [5, 50]
          epsilon: ~
        limits:
          max_body_bytes: 4096
          events_per_second: 2.5
        metrics:
          enabled: false
        """);
    Map<String, Object> fromFile = ServeCommand.withConfig(f).validate();
    assertEquals("/tmp/idx", fromFile.get("index"));
    assertEquals(9090, fromFile.get("port"));
    assertEquals("127.0.0.1", fromFile.get("host"), "binds 127.0.0.1 unless the config says otherwise");
    @SuppressWarnings("unchecked") Map<String, Object> loop = (Map<String, Object>) fromFile.get("loop");
    assertEquals("random", loop.get("policy"));
    assertEquals(java.util.List.of(5, 50), loop.get("budgets"));
    @SuppressWarnings("unchecked") Map<String, Object> limits = (Map<String, Object>) fromFile.get("limits");
    assertEquals(4096L, limits.get("max_body_bytes"));
    @SuppressWarnings("unchecked") Map<String, Object> ops = (Map<String, Object>) fromFile.get("ops");
    assertEquals(false, ops.get("metrics"));
    Map<String, Object> overridden = ServeCommand.withConfig(f, "--port", "7070", "--budgets", "10", "--metrics").validate();
    assertEquals(7070, overridden.get("port"));
    @SuppressWarnings("unchecked") Map<String, Object> loop2 = (Map<String, Object>) overridden.get("loop");
    assertEquals(java.util.List.of(10), loop2.get("budgets"), "a list flag replaces the file's list");
    assertEquals("random", loop2.get("policy"));
    @SuppressWarnings("unchecked") Map<String, Object> ops2 = (Map<String, Object>) overridden.get("ops");
    assertEquals(true, ops2.get("metrics"));
    InvalidInputException flagError = assertThrows(InvalidInputException.class,
        () -> ServeCommand.withConfig(f, "--training-log", "sometimes").validate());
    assertEquals("--training-log", flagError.field(), "a bad flag is the flag's error, not the file's");
  }

  @Test
  void anEmptyFileNeedsTheIndexFlag() throws Exception {
    Path f = file("");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ServeCommand.withConfig(f).validate());
    assertEquals("--index", e.field());
    assertEquals("/x", ServeCommand.withConfig(f, "--index", "/x").validate().get("index"));
  }
}
